"""Engines: code inputs and hand whole batches to the store — in local processes or on a Dask cluster.

Both read the inputs in this process, skip articles the store already holds with the same content,
and report progress; only where the coding runs differs.
"""
from __future__ import annotations

import sys
import time
from typing import Iterator

from tacitus.reading import ReadError, read_paths
from tacitus.records import Article
from tacitus.store import Store, article_row, content_hash, error_row, event_row

ENGINES = ("local", "dask")
LOOKUP_CHUNK = 256  # articles looked up in the store at once


def ingest(paths, store: Store, engine: str = "local", workers: int = 1, default_date: str | None = None,
           progress: "Progress | None" = None, **options) -> "Progress":
    """Code `paths` into `store` with the named engine; returns the Progress with the final counts."""
    progress = progress or Progress()
    if engine == "local":
        from tacitus.engines.local import ingest as run
    elif engine == "dask":
        from tacitus.engines.dask import ingest as run
    else:
        raise ValueError(f"unknown engine {engine!r} (expected one of {', '.join(ENGINES)})")
    try:
        run(paths, store, workers=workers, default_date=default_date, progress=progress, **options)
    finally:
        progress.close()
    return progress


def to_code(paths, store: Store, default_date, hashes: dict[str, str], errors: list[dict],
            progress: "Progress") -> Iterator[Article]:
    """Articles not yet stored with this content; their hashes go to `hashes`, read errors to `errors`."""
    chunk: list = []
    for item in read_paths(paths, default_date=default_date):
        chunk.append(item)
        if len(chunk) >= LOOKUP_CHUNK:
            yield from _unstored(chunk, store, hashes, errors, progress)
            chunk = []
    yield from _unstored(chunk, store, hashes, errors, progress)
    progress.reading_done()


def _unstored(chunk, store, hashes, errors, progress):
    stored = store.stored_hashes(a.id for a in chunk if isinstance(a, Article))
    for item in chunk:
        if isinstance(item, ReadError):
            errors.append(error_row(item.record, "read", item.reason))
            progress.update(errors=1)
            continue
        digest = content_hash(item)
        if stored.get(item.id) == digest:
            progress.update(skipped=1)
            continue
        hashes[item.id] = digest
        progress.queued += 1
        yield item


def result_rows(article: Article, events, digest: str) -> tuple[list[dict], list[dict], list[dict]]:
    """(article rows, event rows, error rows) for one coded article: a coding error stores no article,
    so the next run tries it again."""
    failed = [w for w in article.warnings if w.kind == "error"]
    if failed:
        return [], [], [error_row(article.id, "code", failed[0].message, article.id)]
    events = list({e.id: e for e in events}.values())  # an event coded twice is stored once
    return [article_row(article, digest, len(events))], [event_row(e) for e in events], []


class Progress:
    """Articles, events, errors, articles/s and time left on stderr: redrawn in place on a terminal,
    else one line every `every` seconds (logs of batch jobs)."""

    def __init__(self, stream=None, every: float = 10.0, quiet: bool = False):
        self.stream = stream or sys.stderr
        self.tty = hasattr(self.stream, "isatty") and self.stream.isatty()
        self.every, self.quiet = (0.5 if self.tty else every), quiet
        self.articles = self.events = self.errors = self.skipped = self.queued = 0
        self.total: int | None = None  # articles to code, known once the inputs are read
        self.start = self._last = time.monotonic()

    def update(self, articles: int = 0, events: int = 0, errors: int = 0, skipped: int = 0) -> None:
        self.articles += articles
        self.events += events
        self.errors += errors
        self.skipped += skipped
        if time.monotonic() - self._last >= self.every:
            self.render()

    def reading_done(self) -> None:
        self.total = self.queued

    @property
    def rate(self) -> float:
        return self.articles / max(time.monotonic() - self.start, 1e-9)

    def line(self) -> str:
        left = "?"
        if self.total is not None and self.rate > 0:
            left = _duration(max(self.total - self.articles, 0) / self.rate)
        done = f"{self.articles}/{self.total}" if self.total is not None else str(self.articles)
        skipped = f"  skipped {self.skipped} (stored)" if self.skipped else ""
        return (f"articles {done}  events {self.events}  errors {self.errors}{skipped}  "
                f"{self.rate:.2f} articles/s  time left {left}")

    def render(self) -> None:
        self._last = time.monotonic()
        if not self.quiet:
            self.stream.write(("\r" + self.line() + "\x1b[K") if self.tty else self.line() + "\n")
            self.stream.flush()

    def close(self) -> None:
        self.render()
        if self.tty and not self.quiet:
            self.stream.write("\n")


def _duration(seconds: float) -> str:
    seconds = int(seconds)
    return f"{seconds // 3600}:{seconds % 3600 // 60:02}:{seconds % 60:02}"
