"""The Dask engine: coding on a Dask cluster, results staged as partitioned Parquet, then stored.

Each partition of articles is coded by one Dask task, which writes its rows as Parquet under the
staging folder (articles/, events/, errors/) and renames the partition's folder into place when it
is whole. This process loads each finished partition into the store in one transaction and then
removes it. A run killed at any point leaves only whole partitions (loaded again on the next run;
what is already stored is skipped) or unfinished `.tmp` folders (removed).

The staging folder must be visible to the workers and to this process: on one machine it is beside
the database; on a cluster give a shared path (`--staging`).
"""
from __future__ import annotations

import hashlib
import logging
import os
import shutil
from pathlib import Path

from tacitus.engines import Progress, result_rows, to_code
from tacitus.store import Store, frames

_coder = None  # one Coder per worker process, built on its first task


def ingest(paths, store: Store, workers: int = 2, default_date: str | None = None, progress: Progress | None = None,
           scheduler: str | None = None, staging: str | Path | None = None, partition_size: int = 16) -> None:
    from dask.distributed import Client, LocalCluster, as_completed
    progress = progress or Progress()
    staging = Path(staging) if staging else store.path.with_name(store.path.name + ".parts")
    staging.mkdir(parents=True, exist_ok=True)
    for leftover in sorted(staging.iterdir()):  # from a run that was killed
        if leftover.name.endswith(".tmp"):
            shutil.rmtree(leftover, ignore_errors=True)
        else:
            _load(store, leftover, progress)
    cluster = None if scheduler else LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                                  dashboard_address=":0", silence_logs=logging.ERROR)
    client = Client(scheduler or cluster)
    hashes: dict[str, str] = {}
    read_errors: list[dict] = []
    try:
        # Enough tasks queued to keep every worker busy, few enough that the inputs are not all in memory.
        limit = 2 * max(len(client.scheduler_info().get("workers", {})), workers, 1)
        running = as_completed()
        names: dict = {}
        for part in _partitions(to_code(paths, store, default_date, hashes, read_errors, progress), partition_size):
            name = hashlib.sha1("".join(a.id + hashes[a.id] for a in part).encode()).hexdigest()[:16]
            digests = {a.id: hashes.pop(a.id) for a in part}
            future = client.submit(code_partition, part, digests, str(staging), name, key=f"tacitus-{name}")
            names[future.key] = (name, part)
            running.add(future)
            if running.count() >= limit:
                _finish(next(running), names, store, staging, progress, read_errors)
        for future in running:
            _finish(future, names, store, staging, progress, read_errors)
        _store_errors(store, read_errors)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    try:
        staging.rmdir()  # only when empty
    except OSError:
        pass


def code_partition(articles, digests: dict[str, str], staging: str, name: str) -> dict:
    """Runs on a worker: code the articles and write their rows as one Parquet partition."""
    global _coder
    if _coder is None:
        from tacitus.pipeline import Coder
        _coder = Coder(threads=1)  # a Dask worker is one core, as a local worker process is
    rows: tuple[list, list, list] = ([], [], [])
    for article, events in _coder.code_articles(articles):
        for part, new in zip(rows, result_rows(article, events, digests[article.id])):
            part.extend(new)
    tmp, final = Path(staging) / f"{name}.tmp", Path(staging) / name
    for table, frame in zip(("articles", "events", "errors"), frames(*rows)):
        (tmp / table).mkdir(parents=True, exist_ok=True)
        frame.to_parquet(tmp / table / "part.parquet", index=False)
    os.replace(tmp, final)  # the partition appears whole or not at all
    return {"articles": len(rows[0]), "events": len(rows[1]), "errors": len(rows[2])}


def _finish(future, names, store, staging, progress, read_errors) -> None:
    name, part = names.pop(future.key)
    if future.status == "error":  # a lost worker or a crash outside the coder: the partition's articles fail
        reason = f"could not be coded on the cluster: {future.exception()!r}"
        read_errors.extend({"record": a.id, "kind": "code", "reason": reason, "article_id": a.id} for a in part)
        progress.update(articles=len(part), errors=len(part))
    else:
        future.result()
        _load(store, staging / name, progress)
    _store_errors(store, read_errors)


def _load(store: Store, folder: Path, progress: Progress) -> None:
    if not (folder / "articles").is_dir():
        shutil.rmtree(folder, ignore_errors=True)
        return
    store.load_parquet(folder)
    counts = store._run(
        f"SELECT (SELECT count(*) FROM read_parquet('{folder}/articles/*.parquet')),"
        f" (SELECT count(*) FROM read_parquet('{folder}/events/*.parquet')),"
        f" (SELECT count(*) FROM read_parquet('{folder}/errors/*.parquet'))")[0]
    progress.update(articles=counts[0] + counts[2], events=counts[1], errors=counts[2])
    shutil.rmtree(folder)


def _store_errors(store: Store, errors: list[dict]) -> None:
    if errors:
        store.write_batch(*frames([], [], errors))
        errors.clear()


def _partitions(items, size: int):
    part = []
    for item in items:
        part.append(item)
        if len(part) >= size:
            yield part
            part = []
    if part:
        yield part
