"""Archives -> Article: gzip/zstd-compressed JSONL and WARC files of news pages.

Each record is read by the same code as its uncompressed form (JSONL records, HTML pages), so
labels, ids and errors look the same; only the record label names the archive.
"""
from __future__ import annotations

import gzip
from pathlib import Path
from types import SimpleNamespace
from typing import Iterator

from tacitus.reading import files
from tacitus.records import Article

COMPRESSED_JSONL = {".jsonl.gz": "gzip", ".jsonl.zst": "zstd", ".ndjson.gz": "gzip", ".ndjson.zst": "zstd"}
WARC = (".warc", ".warc.gz")
MAX_DECOMPRESSED = 4 * 1024 ** 3  # a guard against decompression bombs, far above any real news dump


def read_archive(path: Path, default_date: str | None) -> Iterator | None:
    """(label, Article | ReadError) pairs for an archive, or None when `path` is not one."""
    name = path.name.lower()
    for suffix, codec in COMPRESSED_JSONL.items():
        if name.endswith(suffix):
            return _compressed_jsonl(path, codec, suffix, default_date)
    if name.endswith(WARC):
        return _warc(path, default_date)
    return None


def _compressed_jsonl(path: Path, codec: str, suffix: str, default_date) -> files.Read:
    try:
        with open(path, "rb") as f:
            raw = _decompress(f, codec)
    except FileNotFoundError:
        yield files._error(str(path), "no such file or folder")
        return
    except Exception as exc:  # a truncated or corrupt archive fails the file, with the codec's reason
        yield files._error(path.name, f"cannot be decompressed ({codec}): {exc}")
        return
    # Labels name the archive ("dump.jsonl.gz line 7"); ids are "dump:7" as for dump.jsonl.
    yield from files._read_jsonl(raw, SimpleNamespace(name=path.name, stem=path.name[:-len(suffix)]), default_date)


def _decompress(f, codec: str) -> bytes:
    if codec == "gzip":
        stream = gzip.GzipFile(fileobj=f)
    else:
        import zstandard
        stream = zstandard.ZstdDecompressor().stream_reader(f)
    raw = stream.read(MAX_DECOMPRESSED + 1)
    if len(raw) > MAX_DECOMPRESSED:
        raise ValueError("more than 4 GB once decompressed; split the file")
    return raw


def _warc(path: Path, default_date) -> files.Read:
    """HTML responses of a WARC file, one Article each, with the page URL as id; other records are skipped."""
    from warcio.archiveiterator import ArchiveIterator
    try:
        stream = open(path, "rb")
    except FileNotFoundError:
        yield files._error(str(path), "no such file or folder")
        return
    with stream:
        number = 0
        try:
            for record in ArchiveIterator(stream):
                if record.rec_type != "response" or record.http_headers is None:
                    continue
                number += 1
                uri = record.rec_headers.get_header("WARC-Target-URI") or f"{path.name}:{number}"
                label = f"{path.name} record {number} ({uri})"
                status = record.http_headers.get_statuscode()
                content_type = (record.http_headers.get_header("Content-Type") or "").lower()
                if "html" not in content_type:
                    continue
                if status != "200":
                    yield files._error(label, f"HTTP status {status}")
                    continue
                yield label, _page(record.content_stream().read(), content_type, label, uri, default_date)
        except Exception as exc:  # warcio stops at a corrupt record; what came before is kept
            yield files._error(f"{path.name} after record {number}", f"WARC could not be read further: {exc}")


def _page(raw: bytes, content_type: str, label: str, uri: str, default_date):
    charset = content_type.split("charset=", 1)[1].split(";")[0].strip() if "charset=" in content_type else "utf-8"
    try:
        text = raw.decode(charset)
    except (LookupError, UnicodeDecodeError):
        text, reason = files._decode(raw)
        if reason:
            return files.ReadError(label, reason)
    item = files._read_html(text, SimpleNamespace(name=label, stem=uri), default_date)
    if isinstance(item, Article):
        item.url = item.url or uri
    return item

