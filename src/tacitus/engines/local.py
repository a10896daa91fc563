"""The local engine: coding in this process (workers=1) or a pool of processes, one writer to the store."""
from __future__ import annotations

import time

from tacitus.engines import Progress, result_rows, to_code
from tacitus.store import Store, frames


def ingest(paths, store: Store, workers: int = 1, default_date: str | None = None, progress: Progress | None = None,
           batch_size: int = 64, batch_seconds: float = 10.0) -> None:
    """Code and store; a batch (at most `batch_size` articles or `batch_seconds` of work) is one transaction."""
    from tacitus.pipeline import Coder
    progress = progress or Progress()
    hashes: dict[str, str] = {}
    rows: tuple[list, list, list] = ([], [], [])  # articles, events, errors (read errors join here too)
    coder = Coder(threads=1)  # one core per worker, here as in the worker processes and on Dask
    last = time.monotonic()

    def flush():
        store.write_batch(*frames(*rows))
        for part in rows:
            part.clear()

    for article, events in coder.code_articles(to_code(paths, store, default_date, hashes, rows[2], progress),
                                               workers=workers):
        a, e, err = result_rows(article, events, hashes.pop(article.id))
        rows[0].extend(a), rows[1].extend(e), rows[2].extend(err)
        progress.update(articles=1, events=len(e), errors=len(err))
        if len(rows[0]) + len(rows[2]) >= batch_size or time.monotonic() - last >= batch_seconds:
            flush()
            last = time.monotonic()
    flush()
