"""The event store: one DuckDB file holding articles, coded mentions, merged events and errors.

Tables
  articles        one row per stored article, with the hash of its content as read
  events          one row per coded mention (each Event record as coded)
  merged_events   one row per real event: the mentions that report the same happening
  event_merges    mention id -> merged event id
  errors          records that could not be read or coded, with the reason

One writer: a Store opened for writing owns the only connection that changes the file, and every
batch (articles + their mentions + the merges they touch + errors) is one transaction, so a run
killed at any moment leaves the file as it was after the last whole batch.
"""
from __future__ import annotations

import contextlib
import hashlib
import json
import os
from pathlib import Path
from typing import Iterable

import duckdb
import pandas as pd

from tacitus.records import Actor, Article, Event

SCHEMA_VERSION = 1

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR);
CREATE TABLE IF NOT EXISTS articles (
    id VARCHAR PRIMARY KEY, content_hash VARCHAR NOT NULL, title VARCHAR, date DATE, date_basis VARCHAR,
    outlet VARCHAR, url VARCHAR, dateline VARCHAR, warnings VARCHAR, num_events INTEGER, text VARCHAR);
CREATE TABLE IF NOT EXISTS events (
    id VARCHAR NOT NULL, article_id VARCHAR NOT NULL, block VARCHAR NOT NULL,
    sentence_index INTEGER, sentence VARCHAR, trigger VARCHAR, trigger_start INTEGER, trigger_end INTEGER,
    plover VARCHAR, mode VARCHAR, context VARCHAR, cameo VARCHAR, quad_class TINYINT, goldstein DOUBLE,
    intensity DOUBLE,
    source_code VARCHAR, source_name VARCHAR, source_country VARCHAR, source_sector VARCHAR,
    target_code VARCHAR, target_name VARCHAR, target_country VARCHAR, target_sector VARCHAR,
    source_codes VARCHAR, target_codes VARCHAR, source VARCHAR, target VARCHAR,
    date DATE, date_text VARCHAR, date_precision VARCHAR, date_basis VARCHAR, modality VARCHAR,
    reported_by VARCHAR, location VARCHAR, confidence DOUBLE);
CREATE TABLE IF NOT EXISTS merged_events (
    id VARCHAR NOT NULL, block VARCHAR NOT NULL, date DATE, date_precision VARCHAR,
    source_code VARCHAR, source_name VARCHAR, source_country VARCHAR, source_sector VARCHAR,
    target_code VARCHAR, target_name VARCHAR, target_country VARCHAR, target_sector VARCHAR,
    source_codes VARCHAR, target_codes VARCHAR,
    plover VARCHAR, mode VARCHAR, context VARCHAR, cameo VARCHAR, quad_class TINYINT, goldstein DOUBLE,
    intensity DOUBLE, modality VARCHAR,
    num_mentions INTEGER, num_articles INTEGER, num_sources INTEGER, first_report DATE, last_report DATE,
    representative VARCHAR, article_id VARCHAR, sentence_index INTEGER, sentence VARCHAR, trigger VARCHAR,
    trigger_start INTEGER, trigger_end INTEGER, url VARCHAR, outlet VARCHAR, title VARCHAR,
    location VARCHAR, confidence DOUBLE);
CREATE TABLE IF NOT EXISTS event_merges (event_id VARCHAR NOT NULL, merged_id VARCHAR NOT NULL);
CREATE TABLE IF NOT EXISTS errors (record VARCHAR PRIMARY KEY, kind VARCHAR, reason VARCHAR, article_id VARCHAR);
"""

ARTICLE_COLUMNS = ["id", "content_hash", "title", "date", "date_basis", "outlet", "url", "dateline", "warnings",
                   "num_events", "text"]
EVENT_COLUMNS = ["id", "article_id", "block", "sentence_index", "sentence", "trigger", "trigger_start",
                 "trigger_end", "plover", "mode", "context", "cameo", "quad_class", "goldstein", "intensity",
                 "source_code", "source_name", "source_country", "source_sector",
                 "target_code", "target_name", "target_country", "target_sector",
                 "source_codes", "target_codes", "source", "target", "date", "date_text", "date_precision",
                 "date_basis", "modality", "reported_by", "location", "confidence"]
ERROR_COLUMNS = ["record", "kind", "reason", "article_id"]
# Dates known only this well (from the sentence's own words) stand as anchors for merging; the others
# ("Tuesday" resolved against publication, or the publication date itself) may be a day off.
FUZZY_BASES = ("relative", "publication", "unknown")
MUTUAL = {"CONSULT"}  # categories whose reports may name either side first


# -- records -> rows (pure functions: Dask workers use them too) ---------------------------------------
def content_hash(article: Article) -> str:
    """Hash of what coding depends on, taken as read (before coding can infer a date)."""
    key = json.dumps([article.text, article.title, article.date, article.date_basis, article.outlet, article.url])
    return hashlib.sha256(key.encode()).hexdigest()[:32]


def article_row(article: Article, digest: str, num_events: int) -> dict:
    warnings = json.dumps([{"kind": w.kind, "message": w.message} for w in article.warnings]) or None
    return {"id": article.id, "content_hash": digest, "title": article.title, "date": article.date,
            "date_basis": article.date_basis, "outlet": article.outlet, "url": article.url,
            "dateline": article.dateline, "warnings": warnings, "num_events": num_events, "text": article.text}


def actor_key(actors: list[Actor]) -> str:
    """The actors as merging compares them: sorted codes; an actor with no code counts by its name."""
    return "+".join(sorted({a.code or "?" + (a.name or a.text or "").lower() for a in actors}))


def event_row(event: Event) -> dict:
    e, s, t = event.event, event.source[:1], event.target[:1]
    source_codes, target_codes = actor_key(event.source), actor_key(event.target)
    # Reports of one happening share actors, category and modality; "met" and "will meet" are not one event.
    # A meeting or call is mutual: "A called B" and "B held a call with A" report one event.
    dyad = sorted([source_codes, target_codes]) if e.plover in MUTUAL else [source_codes, target_codes]
    block = "|".join([*dyad, e.plover, e.cameo[:2], event.modality])
    return {
        "id": event.id, "article_id": event.article_id, "block": block,
        "sentence_index": event.sentence.index, "sentence": event.sentence.text, "trigger": event.trigger.text,
        "trigger_start": event.trigger.span[0], "trigger_end": event.trigger.span[1],
        "plover": e.plover, "mode": e.mode, "context": e.context, "cameo": e.cameo, "quad_class": e.quad_class,
        "goldstein": e.goldstein, "intensity": e.intensity,
        "source_code": s[0].code if s else None, "source_name": s[0].name or s[0].text if s else None,
        "source_country": s[0].country if s else None, "source_sector": s[0].sector if s else None,
        "target_code": t[0].code if t else None, "target_name": t[0].name or t[0].text if t else None,
        "target_country": t[0].country if t else None, "target_sector": t[0].sector if t else None,
        "source_codes": source_codes, "target_codes": target_codes,
        "source": _json([a.__dict__ for a in event.source]), "target": _json([a.__dict__ for a in event.target]),
        "date": event.date, "date_text": event.date_text, "date_precision": event.date_precision,
        "date_basis": event.date_basis, "modality": event.modality,
        "reported_by": _json([a.__dict__ for a in event.reported_by]) if event.reported_by else None,
        "location": _json(event.location) if event.location else None, "confidence": event.confidence,
    }


def error_row(record: str, kind: str, reason: str, article_id: str | None = None) -> dict:
    return {"record": record, "kind": kind, "reason": reason, "article_id": article_id}


def frames(articles: list[dict], events: list[dict], errors: list[dict]) -> tuple[pd.DataFrame, ...]:
    """Rows as DataFrames with the store's columns, also when a list is empty."""
    return (pd.DataFrame(articles, columns=ARTICLE_COLUMNS), pd.DataFrame(events, columns=EVENT_COLUMNS),
            pd.DataFrame(errors, columns=ERROR_COLUMNS))


def _json(value) -> str:
    return json.dumps(value, ensure_ascii=False, default=list)


# -- the store -------------------------------------------------------------------------------------------
class StoreError(OSError):
    """The store's file cannot be opened or written: permissions, a full disk, not a DuckDB file."""


class Store:
    """A DuckDB event store. `Store(path)` opens it for writing (creating it); `tacitus.open` reads."""

    def __init__(self, path: str | Path, read_only: bool = False):
        self.path = Path(path)
        if read_only and not self.path.exists():
            raise FileNotFoundError(f"no event store at {self.path}")
        folder = self.path.parent
        # DuckDB writes a journal beside the file, but only at the first commit: after all the coding.
        if not read_only and folder.is_dir() and not os.access(folder, os.W_OK):
            raise StoreError(f"{self.path}: cannot write to the folder {folder} (the store keeps a journal there)")
        created = not self.path.exists()
        self.con = None
        try:
            self.con = duckdb.connect(str(self.path), read_only=read_only)
            if not read_only:
                self._run(SCHEMA)
                self._run("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", [str(SCHEMA_VERSION)])
        except duckdb.Error as exc:
            if self.con is not None:
                with contextlib.suppress(duckdb.Error):
                    self.con.close()
            if created:  # a half-made file is no store; leave nothing behind
                for leftover in (self.path, Path(f"{self.path}.wal")):
                    leftover.unlink(missing_ok=True)
            mode = "for reading" if read_only else "for writing"
            raise StoreError(f"{self.path}: cannot be opened {mode}: {exc}") from exc

    def _run(self, query: str, params: list | None = None) -> list:
        """Execute and fetch: the connection must not keep an unfinished result between statements."""
        return self.con.execute(query, params or []).fetchall()

    def close(self) -> None:
        self.con.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    # -- writing ---------------------------------------------------------------------------------------
    def stored_hashes(self, ids: Iterable[str]) -> dict[str, str]:
        ids = list(ids)
        if not ids:
            return {}
        return dict(self._run("SELECT id, content_hash FROM articles WHERE id IN (SELECT unnest(?))", [ids]))

    def write_batch(self, articles: pd.DataFrame, events: pd.DataFrame, errors: pd.DataFrame) -> int:
        """Store one batch in one transaction; returns how many articles were new or changed."""
        con = self.con
        con.register("_batch_articles", articles)
        con.register("_batch_events", events)
        con.register("_batch_errors", errors)
        try:
            return self._write("_batch_articles", "_batch_events", "_batch_errors")
        finally:
            for name in ("_batch_articles", "_batch_events", "_batch_errors"):
                con.unregister(name)

    def load_parquet(self, folder: str | Path) -> int:
        """Store a partition written as Parquet (folder with articles/, events/, errors/ files)."""
        folder = Path(folder)
        sources = []
        for table in ("articles", "events", "errors"):
            files = sorted(folder.glob(f"{table}/*.parquet"))
            sources.append(f"read_parquet({[str(f) for f in files]!r}, union_by_name=true)" if files else None)
        if sources[0] is None:
            return 0
        return self._write(*sources)

    def _write(self, articles: str, events: str | None, errors: str | None) -> int:
        self._run("BEGIN TRANSACTION")
        try:
            # Articles stored with the same content are skipped; changed ones replace the old rows.
            self._run(f"""CREATE OR REPLACE TEMP TABLE _new AS
                SELECT DISTINCT ON (id) {", ".join(ARTICLE_COLUMNS)} FROM {articles} n
                WHERE NOT EXISTS (SELECT 1 FROM articles a WHERE a.id = n.id AND a.content_hash = n.content_hash)
                ORDER BY id""")
            self._run("""CREATE OR REPLACE TEMP TABLE _blocks AS
                SELECT DISTINCT block FROM events WHERE article_id IN (SELECT id FROM _new)""")
            self._run("""DELETE FROM event_merges WHERE event_id IN
                (SELECT id FROM events WHERE article_id IN (SELECT id FROM _new))""")
            self._run("DELETE FROM events WHERE article_id IN (SELECT id FROM _new)")
            self._run("DELETE FROM articles WHERE id IN (SELECT id FROM _new)")
            self._run("INSERT INTO articles BY NAME SELECT * FROM _new")
            if events:
                cols = ", ".join(EVENT_COLUMNS)
                self._run(f"""INSERT INTO events BY NAME SELECT {cols} FROM {events}
                    WHERE article_id IN (SELECT id FROM _new)""")
                self._run(f"""INSERT INTO _blocks SELECT DISTINCT block FROM {events}
                    WHERE article_id IN (SELECT id FROM _new) EXCEPT SELECT block FROM _blocks""")
            # An article now stored clears the error a previous attempt left.
            self._run("DELETE FROM errors WHERE article_id IN (SELECT id FROM _new)")
            if errors:
                self._run(f"CREATE OR REPLACE TEMP TABLE _err AS SELECT DISTINCT ON (record) "
                            f"{', '.join(ERROR_COLUMNS)} FROM {errors} ORDER BY record")
                self._run("DELETE FROM errors WHERE record IN (SELECT record FROM _err)")
                self._run("INSERT INTO errors BY NAME SELECT * FROM _err")
            self._merge()
            new = self._run("SELECT count(*) FROM _new")[0][0]
            self._run("COMMIT")
            return new
        except BaseException as exc:
            with contextlib.suppress(duckdb.Error):  # a failed COMMIT has already ended the transaction
                self._run("ROLLBACK")
            if isinstance(exc, duckdb.Error):
                raise StoreError(f"{self.path}: a batch could not be stored (the batches before it are kept): "
                                 f"{exc}") from exc
            raise

    def _merge(self) -> None:
        """Recompute the merged events of the blocks in _blocks from all their mentions.

        The clusters are a function of the set of mentions alone (not of the order they came in), so
        an incremental run, a resumed run and a clean run agree:
          1. a mention dated to the day from the sentence's own words anchors an event on that day;
          2. a day-precision mention whose date may be a day off (relative, publication) joins the
             anchor on its day, else the day before, else the day after; without one, such mentions
             on consecutive days group in two-day windows from the first;
          3. a week or month mention joins the one day event with the same CAMEO code its period
             holds, if exactly one; otherwise months group by month and a week joins the month
             event around its Monday, or groups by week;
          4. year-precision mentions ("six meetings this year") stand alone; undated ones group by article.
        """
        self._run(f"""CREATE OR REPLACE TEMP TABLE _m AS
            SELECT id, block, article_id, cameo, date, date_precision AS prec,
                   date_basis IN {FUZZY_BASES} AS fuzzy
            FROM events WHERE block IN (SELECT block FROM _blocks)""")
        self._run("""CREATE OR REPLACE TEMP TABLE _anchor AS
            SELECT DISTINCT block, date FROM _m WHERE prec = 'day' AND date IS NOT NULL AND NOT fuzzy""")
        self._run("""CREATE OR REPLACE TEMP TABLE _day0 AS
            SELECT m.id, m.block, m.date, coalesce(a0.date, a1.date, a2.date) AS key
            FROM _m m
            LEFT JOIN _anchor a0 ON a0.block = m.block AND a0.date = m.date
            LEFT JOIN _anchor a1 ON a1.block = m.block AND a1.date = m.date - 1
            LEFT JOIN _anchor a2 ON a2.block = m.block AND a2.date = m.date + 1
            WHERE m.prec = 'day' AND m.date IS NOT NULL""")
        # Unanchored fuzzy days: runs of consecutive days ("islands"), cut into two-day windows.
        self._run("""CREATE OR REPLACE TEMP TABLE _window AS
            WITH d AS (SELECT DISTINCT block, date FROM _day0 WHERE key IS NULL),
            g AS (SELECT block, date,
                         date - CAST(row_number() OVER (PARTITION BY block ORDER BY date) AS INTEGER) AS grp FROM d),
            s AS (SELECT block, date, min(date) OVER (PARTITION BY block, grp) AS start FROM g)
            SELECT block, date, start + CAST(2 * ((date - start) // 2) AS INTEGER) AS key FROM s""")
        self._run("""CREATE OR REPLACE TEMP TABLE _day AS
            SELECT d.id, d.block, d.date, coalesce(d.key, w.key) AS key
            FROM _day0 d LEFT JOIN _window w ON d.key IS NULL AND w.block = d.block AND w.date = d.date""")
        self._run("CREATE OR REPLACE TEMP TABLE _days AS SELECT DISTINCT d.block, d.key, m.cameo "
                  "FROM _day d JOIN _m m ON m.id = d.id")
        # Week and month mentions: the single day event inside their period, if there is exactly one.
        self._run("""CREATE OR REPLACE TEMP TABLE _coarse AS
            SELECT m.id, m.block, m.prec, m.date,
                   CASE WHEN count(DISTINCT d.key) = 1 THEN min(d.key) END AS day_key
            FROM _m m LEFT JOIN _days d ON d.block = m.block AND d.cameo = m.cameo AND d.key BETWEEN m.date AND
                 (CASE m.prec WHEN 'week' THEN m.date + 6 ELSE last_day(m.date) END)
            WHERE m.prec IN ('week', 'month') AND m.date IS NOT NULL
            GROUP BY m.id, m.block, m.prec, m.date""")
        self._run("""CREATE OR REPLACE TEMP TABLE _months AS
            SELECT DISTINCT block, date FROM _coarse WHERE prec = 'month' AND day_key IS NULL""")
        self._run("""CREATE OR REPLACE TEMP TABLE _assign AS
            SELECT id, block, 'day' AS kind, key, NULL AS article FROM _day
            UNION ALL
            SELECT c.id, c.block,
                   CASE WHEN c.day_key IS NOT NULL THEN 'day' WHEN c.prec = 'month' OR mo.date IS NOT NULL
                        THEN 'month' ELSE 'week' END,
                   coalesce(c.day_key, mo.date, c.date), NULL
            FROM _coarse c LEFT JOIN _months mo ON c.prec = 'week' AND c.day_key IS NULL
                 AND mo.block = c.block AND mo.date = date_trunc('month', c.date)::DATE
            UNION ALL
            SELECT id, block, 'year', date, id FROM _m WHERE prec = 'year' AND date IS NOT NULL
            UNION ALL
            SELECT id, block, 'undated', NULL, article_id FROM _m
            WHERE date IS NULL OR prec IS NULL OR prec NOT IN ('day', 'week', 'month', 'year')""")
        self._run("""CREATE OR REPLACE TEMP TABLE _link AS
            SELECT id AS event_id, kind, key,
                   substr(md5(concat_ws('|', block, kind, CAST(key AS VARCHAR), article)), 1, 16) AS merged_id
            FROM _assign""")
        self._run("DELETE FROM event_merges WHERE event_id IN (SELECT id FROM _m)")
        self._run("DELETE FROM merged_events WHERE block IN (SELECT block FROM _blocks)")
        self._run("INSERT INTO event_merges SELECT event_id, merged_id FROM _link")
        # The representative mention (most confident, then smallest id) speaks for the merged event.
        self._run("""INSERT INTO merged_events BY NAME
            WITH pairs AS (
                SELECT l.merged_id, any_value(l.kind) AS kind, any_value(l.key) AS key, e.article_id,
                       count(*) AS n, min((-e.confidence, e.id)) AS best,
                       min((e.location IS NULL, -e.confidence, e.id, e.location)) AS loc
                FROM _link l JOIN events e ON e.id = l.event_id GROUP BY l.merged_id, e.article_id),
            g AS (
                SELECT p.merged_id, any_value(p.kind) AS kind, any_value(p.key) AS key,
                       min(p.best)[2] AS representative, min(p.loc)[4] AS location, -min(p.best)[1] AS confidence,
                       sum(p.n) AS num_mentions, count(*) AS num_articles,
                       count(DISTINCT coalesce(a.outlet, 'article:' || a.id)) AS num_sources,
                       min(a.date) AS first_report, max(a.date) AS last_report
                FROM pairs p JOIN articles a ON a.id = p.article_id GROUP BY p.merged_id)
            SELECT g.merged_id AS id, r.block, g.key AS date,
                   CASE WHEN g.kind = 'undated' THEN NULL ELSE g.kind END AS date_precision,
                   r.source_code, r.source_name, r.source_country, r.source_sector,
                   r.target_code, r.target_name, r.target_country, r.target_sector, r.source_codes, r.target_codes,
                   r.plover, r.mode, r.context, r.cameo, r.quad_class, r.goldstein, r.intensity, r.modality,
                   g.num_mentions, g.num_articles, g.num_sources, g.first_report, g.last_report,
                   g.representative, r.article_id, r.sentence_index, r.sentence, r.trigger, r.trigger_start,
                   r.trigger_end, a.url, a.outlet, a.title, g.location, g.confidence
            FROM g JOIN events r ON r.id = g.representative JOIN articles a ON a.id = r.article_id""")

    # -- reading -----------------------------------------------------------------------------------------
    def sql(self, query: str, params: list | None = None) -> pd.DataFrame:
        return self.con.execute(query, params or []).df()

    def counts(self) -> dict[str, int]:
        return {t: self._run(f"SELECT count(*) FROM {t}")[0][0]
                for t in ("articles", "events", "merged_events", "event_merges", "errors")}

    def events(self, actor: str | None = None, country: str | None = None, dyad: tuple[str, str] | None = None,
               category: str | None = None, quad_class: int | None = None, since: str | None = None,
               until: str | None = None, text: str | None = None, limit: int | None = None, offset: int = 0,
               merged: bool = True) -> pd.DataFrame:
        """Events matching every filter given, by date: merged events (one per real event), or with
        merged=False the coded mentions. An actor is matched by code (USAGOV) or country (USA)."""
        table = "merged_events" if merged else "events"
        where, params = _filters(actor, country, dyad, category, quad_class, since, until, text)
        query = f"SELECT * FROM {table} {where} ORDER BY date NULLS LAST, id"
        if limit is not None:
            query += f" LIMIT {int(limit)}"
        if offset:
            query += f" OFFSET {int(offset)}"
        return self.sql(query, params)

    def dyad_series(self, a: str, b: str, freq: str = "day", since: str | None = None, until: str | None = None,
                    directed: bool = True) -> pd.DataFrame:
        """Merged events of a with b per day/week/month: counts per quad class, Goldstein sum and mean."""
        if freq not in ("day", "week", "month"):
            raise ValueError("freq must be 'day', 'week' or 'month'")
        where, params = _filters(None, None, (a, b), None, None, since, until, None, directed=directed)
        return self.sql(f"""
            SELECT CAST(date_trunc('{freq}', date) AS DATE) AS period, count(*) AS events,
                   count(*) FILTER (WHERE quad_class = 1) AS verbal_cooperation,
                   count(*) FILTER (WHERE quad_class = 2) AS material_cooperation,
                   count(*) FILTER (WHERE quad_class = 3) AS verbal_conflict,
                   count(*) FILTER (WHERE quad_class = 4) AS material_conflict,
                   sum(goldstein) AS goldstein_sum, avg(goldstein) AS goldstein_mean
            FROM merged_events {where} {"AND" if where else "WHERE"} date IS NOT NULL
            GROUP BY period ORDER BY period""", params)

    def top_actors(self, n: int = 10, since: str | None = None, until: str | None = None) -> pd.DataFrame:
        """Actors in the most merged events, as source or target."""
        where, params = _filters(None, None, None, None, None, since, until, None)
        return self.sql(f"""
            WITH sides AS (SELECT source_code AS code, source_name AS name, 'source' AS side FROM merged_events {where}
                           UNION ALL
                           SELECT target_code, target_name, 'target' FROM merged_events {where})
            SELECT code, mode(name) AS name, count(*) AS events, count(*) FILTER (WHERE side = 'source') AS as_source,
                   count(*) FILTER (WHERE side = 'target') AS as_target
            FROM sides WHERE code IS NOT NULL GROUP BY code ORDER BY events DESC, code LIMIT {int(n)}""",
                        params + params)

    def network(self, since: str | None = None, until: str | None = None) -> pd.DataFrame:
        """Edges source -> target: merged events and mean Goldstein."""
        where, params = _filters(None, None, None, None, None, since, until, None)
        return self.sql(f"""
            SELECT source_code AS source, target_code AS target, count(*) AS events,
                   avg(goldstein) AS goldstein_mean, sum(num_mentions) AS mentions
            FROM merged_events {where} {"AND" if where else "WHERE"} source_code IS NOT NULL
                 AND target_code IS NOT NULL
            GROUP BY source, target ORDER BY events DESC, source, target""", params)

    def article(self, id: str) -> tuple[dict | None, pd.DataFrame]:
        """(the article's row, its coded mentions with the merged event each belongs to)."""
        rows = self.sql("SELECT * FROM articles WHERE id = ?", [id])
        events = self.sql("""SELECT e.*, m.merged_id FROM events e LEFT JOIN event_merges m ON m.event_id = e.id
                             WHERE e.article_id = ? ORDER BY e.trigger_start, e.id""", [id])
        return (rows.iloc[0].to_dict() if len(rows) else None), events


def _filters(actor, country, dyad, category, quad_class, since, until, text, directed=True):
    """WHERE clause and parameters for the query methods."""
    clauses, params = [], []

    def side(prefix: str, value: str):
        params.extend([value, value])
        return f"({prefix}_code = ? OR {prefix}_country = ?)"

    if actor:
        clauses.append(f"({side('source', actor)} OR {side('target', actor)})")
    if country:
        clauses.append("(source_country = ? OR target_country = ?)")
        params += [country, country]
    if dyad:
        a, b = dyad
        forward = f"({side('source', a)} AND {side('target', b)})"
        clauses.append(forward if directed else f"({forward} OR ({side('source', b)} AND {side('target', a)}))")
    if category:
        clauses.append("plover = ?")
        params.append(category.upper())
    if quad_class:
        clauses.append("quad_class = ?")
        params.append(int(quad_class))
    if since:
        clauses.append("date >= CAST(? AS DATE)")
        params.append(since)
    if until:
        clauses.append("date <= CAST(? AS DATE)")
        params.append(until)
    if text:
        clauses.append("sentence ILIKE ?")
        params.append(f"%{text}%")
    return ("WHERE " + " AND ".join(clauses) if clauses else ""), params


def read_only_query(path: str | Path, query: str) -> pd.DataFrame:
    """The result of one SELECT on the store, with the file opened read-only and no file or network
    access from SQL (read_csv, COPY, ATTACH, httpfs are refused)."""
    if not Path(path).exists():
        raise ValueError(f"no event store at {path}")
    con = duckdb.connect(str(path), read_only=True, config={"enable_external_access": False})
    try:
        statements = con.extract_statements(query)
        if len(statements) != 1 or statements[0].type != duckdb.StatementType.SELECT:
            raise ValueError("only a single SELECT statement is allowed")
        return con.execute(query).df()
    finally:
        con.close()


def open(path: str | Path) -> Store:  # noqa: A001 - the public name is tacitus.open
    """Open an event store for reading; its methods return pandas DataFrames."""
    return Store(path, read_only=True)
