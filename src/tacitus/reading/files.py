"""Inputs -> Article: plain text, HTML, JSONL, JSON, CSV files and folders of them.

A record that cannot be read becomes a ReadError with a reason a person can act on; the records
around it are still read.
"""
from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Iterator, Union

from tacitus.reading.boilerplate import find_excluded
from tacitus.reading.dateline import parse_dateline
from tacitus.records import Article, Span, Warning
from tacitus.when import parse_date

MAX_TEXT_BYTES = 10 * 1024 * 1024
TEXT_SUFFIXES = {"", ".txt", ".text", ".md"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
FIELDS = ("title", "date", "url", "outlet", "source")
_MAGIC = [(b"%PDF", "PDF"), (b"PK\x03\x04", "a ZIP archive or Word/Excel document"), (b"\x89PNG", "PNG image"),
          (b"\xff\xd8\xff", "JPEG image"), (b"GIF8", "GIF image"), (b"\x1f\x8b", "gzip archive"),
          (b"\xd0\xcf\x11\xe0", "old Microsoft Office document")]


@dataclass
class ReadError:
    record: str  # which input: "a.txt", "data.jsonl line 7", "data.csv row 3"
    reason: str


def read_paths(paths: list[Union[str, Path]], default_date: str | None = None) -> Iterator[Article | ReadError]:
    """Articles (or errors) from files and folders, in input order.

    A folder's files are read in order of their paths, subfolders included, hidden ones skipped.
    """
    if isinstance(paths, (str, Path)):
        paths = [paths]
    seen: dict[str, str] = {}  # article id -> where it was first read
    for path in map(Path, paths):
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file()
                           and not any(part.startswith(".") for part in p.relative_to(path).parts))
        else:
            files = [path]
        for file in files:
            for where, item in _read_file(file, default_date):
                if isinstance(item, Article):
                    if item.id in seen:
                        item = ReadError(where, f"duplicate id {item.id!r} (first seen at {seen[item.id]})")
                    else:
                        seen[item.id] = where
                yield item


def read_text(text: str, id: str = "text", date: str | None = None, *, title: str | None = None,
              url: str | None = None, outlet: str | None = None, default_date: str | None = None) -> Article:
    """An Article from text given directly. Text that looks not English gets a "language" warning, not an error."""
    text = _normalise(text)
    article = _article(text, id, title, date, url, outlet, default_date)
    reason = not_english(text)
    if reason:
        article.warnings.append(Warning("language", reason))
    return article


def not_english(text: str) -> str | None:
    """'not English (...)' when the text is clearly in another language; None otherwise, and for short texts."""
    sample = text[:5000]
    letters = [c for c in sample if c.isalpha()]
    other = [c for c in letters if not (c < "\u0250" or "\u1e00" <= c <= "\u1eff")]
    if len(letters) >= 20 and len(other) > len(letters) / 2:
        scripts: dict[str, int] = {}
        for c in other:
            name = unicodedata.name(c, "OTHER").split()[0]
            scripts[name] = scripts.get(name, 0) + 1
        script = max(scripts, key=scripts.get)
        return f"not English (looks like {_SCRIPTS.get(script, script.title())} script)"
    words = re.findall(r"[^\W\d_]+", sample.lower())
    if len(words) < 30:
        return None
    shares = {lang: sum(w in vocab for w in words) / len(words) for lang, vocab in _FUNCTION_WORDS.items()}
    english = shares.pop("English")
    lang = max(shares, key=shares.get)
    if shares[lang] >= 0.12 and shares[lang] > 2 * english:
        return f"not English (looks like {lang})"
    if english < 0.03 and len(words) >= 100:
        return "not English (almost none of the commonest English words)"
    return None


_SCRIPTS = {"CYRILLIC": "Russian/Cyrillic", "ARABIC": "Arabic", "CJK": "Chinese/Japanese", "HIRAGANA": "Japanese",
            "KATAKANA": "Japanese", "HANGUL": "Korean", "HEBREW": "Hebrew", "GREEK": "Greek",
            "DEVANAGARI": "Hindi/Devanagari", "THAI": "Thai", "ARMENIAN": "Armenian", "GEORGIAN": "Georgian"}
# The commonest words of each language; their share of a text's words tells the languages apart.
_FUNCTION_WORDS = {lang: set(words.split()) for lang, words in {
    "English": "the of and to in a is that for on with was as by he it at said his from are be have has an were "
               "their not this who they will but had which its been would after i you we she her",
    "French": "le la les de des du et est un une que qui dans pour pas sur au aux avec il elle ne se ce sont par plus",
    "Spanish": "el la los las de del y que en un una es por con para se no su al lo como más pero",
    "German": "der die das und ist nicht mit den von zu ein eine auf für sich dem des im auch es wird werden",
    "Italian": "il la di che e è un una per non con del della sono gli le si nel alla",
    "Portuguese": "o a os as de do da que e é um uma para com não em no na se por dos das",
    "Dutch": "de het een en van is dat op te in niet zijn met voor er die",
    "Indonesian/Malay": "yang dan di ini itu dengan untuk dari tidak ke pada dalam akan",
    "Turkish": "ve bir bu için ile da de olarak olan çok gibi daha",
}.items()}


# -- files: each reader yields (record label, Article or ReadError) ---------------------------------
Read = Iterator[tuple[str, Union[Article, ReadError]]]


def _read_file(path: Path, default_date: str | None) -> Read:
    from tacitus.reading.archives import read_archive  # compressed JSONL and WARC files
    archive = read_archive(path, default_date)
    if archive is not None:
        yield from archive
        return
    suffix = path.suffix.lower()
    name = path.name
    try:
        if suffix in TEXT_SUFFIXES and path.is_file() and path.stat().st_size > MAX_TEXT_BYTES:
            yield _error(name, "text larger than 10 MB")
            return
        raw = path.read_bytes()
    except FileNotFoundError:
        yield _error(str(path), "no such file or folder")
        return
    except OSError as exc:
        yield _error(str(path), f"cannot be read: {exc.strerror or exc}")
        return
    if suffix == ".jsonl" or suffix == ".ndjson":
        yield from _read_jsonl(raw, path, default_date)
        return
    text, reason = _decode(raw)
    if reason:
        yield _error(name, reason)
    elif suffix in TEXT_SUFFIXES:
        yield name, _checked(text, name, path.stem, {}, default_date, empty="file has only whitespace")
    elif suffix in HTML_SUFFIXES:
        yield name, _read_html(text, path, default_date)
    elif suffix == ".json":
        yield from _read_json(text, path, default_date)
    elif suffix in (".csv", ".tsv"):
        yield from _read_csv(text, path, default_date, "\t" if suffix == ".tsv" else ",")
    else:
        yield _error(name, f"unsupported file type {suffix!r} (expected .txt, .html, .jsonl, .json or .csv)")


def _error(label: str, reason: str) -> tuple[str, ReadError]:
    return label, ReadError(label, reason)


def _decode(raw: bytes) -> tuple[str, str | None]:
    """(text, None), or ("", reason) when the bytes are not text."""
    if not raw:
        return "", "empty file"
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16"), None
        except UnicodeDecodeError as exc:
            return "", f"not valid UTF-16 at byte {exc.start}"
    for magic, kind in _MAGIC:
        if raw.startswith(magic):
            return "", f"binary content (looks like {kind})"
    if b"\x00" in raw[:8192]:
        return "", "binary content (has NUL bytes)"
    try:
        return raw.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        bom = 3 if raw.startswith(b"\xef\xbb\xbf") else 0
        return "", f"not valid UTF-8 at byte {exc.start + bom}"


def _read_jsonl(raw: bytes, path: Path, default_date) -> Read:
    _, reason = _decode(raw[:8192])  # binary files are refused whole; bad bytes in a line fail that line
    if reason and not reason.startswith("not valid UTF-8"):
        yield _error(path.name, reason)
        return
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        yield _error(path.name, "UTF-16 text: JSON lines must be UTF-8")
        return
    offset, records = 0, 0
    for number, line in enumerate(raw.split(b"\n"), 1):
        label = f"{path.name} line {number}"
        try:
            line_text = line.decode("utf-8-sig" if number == 1 else "utf-8")
        except UnicodeDecodeError as exc:
            yield _error(label, f"not valid UTF-8 at byte {offset + exc.start}")
            offset += len(line) + 1
            continue
        offset += len(line) + 1
        if not line_text.strip():
            continue
        records += 1
        try:
            record = json.loads(line_text)
        except json.JSONDecodeError as exc:
            yield _error(label, f"line is not valid JSON: {exc.msg} at column {exc.colno}")
            continue
        except RecursionError:
            yield _error(label, "line is not valid JSON: nested too deeply")
            continue
        yield label, _from_record(record, label, f"{path.stem}:{number}", default_date)
    if not records:
        yield _error(path.name, "file has no records")


def _read_json(text: str, path: Path, default_date) -> Read:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        yield _error(path.name, f"not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}")
        return
    except RecursionError:
        yield _error(path.name, "not valid JSON: nested too deeply")
        return
    if isinstance(data, dict):
        yield path.name, _from_record(data, path.name, path.stem, default_date)
    elif isinstance(data, list) and data:
        for number, record in enumerate(data, 1):
            label = f"{path.name} record {number}"
            yield label, _from_record(record, label, f"{path.stem}:{number}", default_date)
    elif data == []:
        yield _error(path.name, "file has no records")
    else:
        yield _error(path.name, f"expected a list of records or one record, found {_json_type(data)}")


def _read_csv(text: str, path: Path, default_date, delimiter: str) -> Read:
    # Articles are long; the csv module's default field limit (128 KB) would cut them off.
    csv.field_size_limit(max(csv.field_size_limit(), 2 * MAX_TEXT_BYTES))
    rows = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        columns = [c.strip().lower() for c in rows.fieldnames or []]
        if "text" not in columns:
            yield _error(path.name, f"no 'text' column (columns: {', '.join(columns) or 'none'})")
            return
        number = 0
        for number, row in enumerate(rows, 1):
            record = {k.strip().lower(): v for k, v in row.items() if k is not None and v not in ("", None)}
            label = f"{path.name} row {number}"
            yield label, _from_record(record, label, f"{path.stem}:{number}", default_date)
        if not number:
            yield _error(path.name, "file has no records")
    except csv.Error as exc:
        yield _error(f"{path.name} line {rows.line_num}", f"not valid CSV: {exc}")


# -- records ---------------------------------------------------------------------------------------
def _from_record(record, label: str, default_id: str, default_date) -> Article | ReadError:
    if not isinstance(record, dict):
        return ReadError(label, f"record is not an object (found {_json_type(record)})")
    if record.get("text") is None:
        return ReadError(label, "record has no 'text' field")
    for name in ("text",) + FIELDS:
        value = record.get(name)
        if value is not None and not isinstance(value, str):
            return ReadError(label, f"field {name!r} should be a string, not {_json_type(value)}")
    rid = record.get("id")
    if rid is not None and (isinstance(rid, bool) or not isinstance(rid, (str, int))):
        return ReadError(label, f"field 'id' should be a string or number, not {_json_type(rid)}")
    rid = str(rid).strip() if rid is not None and str(rid).strip() else default_id
    fields = {k: record.get(k) or None for k in FIELDS}
    fields["outlet"] = fields["outlet"] or fields.pop("source")
    fields.pop("source", None)
    return _checked(record["text"], label, rid, fields, default_date, empty="record has empty text")


def _checked(text: str, label: str, rid: str, fields: dict, default_date, empty: str) -> Article | ReadError:
    """The Article, or the reason this text is refused."""
    text = _normalise(text)
    if not text:
        return ReadError(label, empty)
    try:
        size = len(text.encode("utf-8"))
    except UnicodeEncodeError:
        return ReadError(label, "text has an unpaired surrogate (a broken \\u escape)")
    if size > MAX_TEXT_BYTES:
        return ReadError(label, "text larger than 10 MB")
    reason = not_english(text)
    if reason:
        return ReadError(label, reason)
    extra = fields.pop("excluded", [])
    return _article(text, rid, fields.get("title"), fields.get("date"), fields.get("url"), fields.get("outlet"),
                    default_date, extra)


def _normalise(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n").strip()


def _article(text, rid, title, date, url, outlet, default_date, extra: list[Span] = ()) -> Article:
    """Dateline, excluded spans and the publication date with how it was known."""
    article = Article(id=rid, text=text, title=title, url=url, outlet=outlet)
    article.excluded = sorted({span for span, _ in find_excluded(text)} | {tuple(s) for s in extra})
    dateline = parse_dateline(text, article.excluded)
    if dateline:
        article.dateline = dateline.text
        article.outlet = article.outlet or dateline.outlet
    for value, basis in ((date, "given"), (_dateline_date(dateline), "dateline"), (default_date, "given")):
        if not value:
            continue
        parsed = parse_date(value)
        if parsed:
            article.date, article.date_basis = parsed.isoformat(), basis
            break
        article.warnings.append(Warning("date", f"could not read the date {value!r}; "
                                                "expected e.g. 2017-11-21 or Nov 21, 2017"))
    if article.date and dateline and dateline.month and dateline.day and article.date_basis != "dateline":
        year = int(article.date[:4])
        years = [dateline.year] if dateline.year else [year - 1, year, year + 1]
        gap = min(abs(_ordinal(article.date) - _ordinal(f"{y}-{dateline.month:02}-{dateline.day:02}")) for y in years)
        if gap > 1:
            article.warnings.append(Warning(
                "dateline", f"the dateline {dateline.text!r} does not match the date {article.date}", dateline.span))
    return article


def _dateline_date(dateline) -> str | None:
    if dateline and dateline.year and dateline.month and dateline.day:
        return f"{dateline.year}-{dateline.month:02}-{dateline.day:02}"
    return None


def _ordinal(iso: str) -> int:
    date = parse_date(iso)
    return date.toordinal() if date else 0


def _json_type(value) -> str:
    for kind, name in ((bool, "true/false"), ((int, float), "a number"), (str, "a string"), (list, "a list"),
                       (dict, "an object"), (type(None), "null")):
        if isinstance(value, kind):
            return name
    return type(value).__name__


# -- HTML ------------------------------------------------------------------------------------------
def _read_html(text: str, path: Path, default_date) -> Article | ReadError:
    page = _Page()
    try:
        page.feed(text)
        page.close()
    except Exception as exc:  # html.parser gives up on a few malformed pages
        return ReadError(path.name, f"HTML could not be parsed: {exc}")
    page.flush()
    title = page.title or page.h1 or None
    has_article = any(inside for _, _, inside in page.paras)  # then the text outside it is page furniture
    paras = [(tag, t) for tag, t, inside in page.paras if inside or not has_article]
    paras = [(tag, t) for tag, t in paras if not (tag == "h1" and t == (page.h1 or title))]
    body, captions, pos = [], [], 0
    for tag, t in paras:
        if tag == "figcaption":  # the page says it is a caption, whatever its wording
            captions.append((pos, pos + len(t)))
        body.append(t)
        pos += len(t) + 2
    fields = {"title": title, "date": page.meta.get("date"), "url": page.meta.get("url"),
              "outlet": page.meta.get("outlet"), "excluded": captions}
    return _checked("\n\n".join(body), path.name, path.stem, fields, default_date, empty="page has no text")


class _Page(HTMLParser):
    SKIP = {"script", "style", "nav", "footer", "aside", "form", "noscript", "svg", "template", "button",
            "iframe", "select"}
    BLOCKS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "figcaption", "blockquote", "div", "section", "article",
              "main", "header", "br", "tr", "td", "th", "dd", "dt", "pre", "figure", "table", "ul", "ol", "body"}
    META = {"article:published_time": "date", "date": "date", "pubdate": "date", "datepublished": "date",
            "dc.date": "date", "og:url": "url", "og:site_name": "outlet"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.skip, self.article = 0, 0
        self.stack: list[str] = []
        self.buf: list[str] = []
        self.paras: list[tuple[str, str, bool]] = []  # (tag, text, inside <article>)
        self.title = self.h1 = ""
        self.in_title = self.in_h1 = False
        self.meta: dict[str, str] = {}

    def handle_starttag(self, tag, attrs):
        a = {k: v or "" for k, v in attrs}
        if tag == "meta":
            key = self.META.get((a.get("property") or a.get("name") or a.get("itemprop") or "").lower())
            if key and a.get("content") and key not in self.meta:
                self.meta[key] = a["content"].strip()
        elif tag == "link" and "canonical" in a.get("rel", "").lower() and a.get("href"):
            self.meta["url"] = a["href"].strip()
        elif tag == "title":
            self.in_title = True
        if tag in self.SKIP:
            self.skip += 1
        elif tag in self.BLOCKS:
            self.flush()
            if tag != "br":
                self.stack.append(tag)
            self.in_h1 = self.in_h1 or tag == "h1"
            self.article += tag == "article"

    def handle_endtag(self, tag):
        if tag == "title":
            self.in_title = False
        if tag in self.SKIP:
            self.skip = max(0, self.skip - 1)
        elif tag in self.BLOCKS and tag in self.stack:
            self.flush()
            while self.stack and self.stack.pop() != tag:
                pass
            if tag == "h1":
                self.in_h1 = False
            if tag == "article":
                self.article = max(0, self.article - 1)

    def handle_data(self, data):
        if self.in_title:
            self.title = " ".join((self.title + data).split())
        elif self.skip == 0:
            self.buf.append(data)

    def flush(self):
        text = " ".join("".join(self.buf).split())
        self.buf = []
        if text:
            tag = self.stack[-1] if self.stack else "p"
            if tag == "h1" and not self.h1:
                self.h1 = text
            self.paras.append((tag, text, self.article > 0))
