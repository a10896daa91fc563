"""The event store: writing batches, merging reports of one event, queries. Events are built by hand."""
import random

import duckdb
import pytest

import tacitus
from tacitus.records import Actor, Article, Event, EventType, Sentence, Trigger, event_id
from tacitus.store import Store, article_row, content_hash, error_row, event_row, frames, read_only_query

ACTORS = {"USAGOV": ("United States", "Joe Biden"), "CHNGOV": ("China", "Xi Jinping"),
          "RUSMIL": ("Russia", "Russian forces"), "UKRGOV": ("Ukraine", "Ukraine")}
TYPES = {"CONSULT": ("041", 1, 1.0), "ASSAULT": ("190", 4, -10.0), "ACCUSE": ("112", 3, -2.0)}


def actor(code):
    return Actor(ACTORS[code][1], (0, 4), code, code[:3], code[3:], ACTORS[code][1])


def event(article, at, date, basis="stated", precision="day", src="USAGOV", tgt="CHNGOV", plover="CONSULT",
          modality="asserted", confidence=0.7):
    cameo, quad, goldstein = TYPES[plover]
    s, t = [actor(src)], [actor(tgt)]
    return Event(event_id(article, (at, at + 4), cameo, s, t), article, Sentence(at // 100, "A sentence."),
                 Trigger("word", (at, at + 4)), EventType(plover, None, None, cameo, quad, goldstein, None), s, t,
                 date, "some day", precision, basis, modality, confidence=confidence)


def write(store, coded, errors=()):
    """coded: {(article id, outlet, publication date): [events]}"""
    arts, evs = [], []
    for (aid, outlet, date), events in coded.items():
        a = Article(aid, f"text of {aid}", outlet=outlet, date=date)
        arts.append(article_row(a, content_hash(a), len(events)))
        evs += [event_row(e) for e in events]
    return store.write_batch(*frames(arts, evs, list(errors)))


def merged(store):
    return store.sql("SELECT id, num_mentions, num_articles, num_sources FROM merged_events ORDER BY id")


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "events.duckdb") as s:
        yield s


def test_two_outlets_one_call(store):
    write(store, {("a", "Wire", "2024-04-03"): [event("a", 0, "2024-04-02", "relative")],
                  ("b", "Paper", "2024-04-03"): [event("b", 0, "2024-04-02", src="CHNGOV", tgt="USAGOV")]})
    rows = merged(store)
    assert len(rows) == 1
    assert rows.iloc[0][["num_mentions", "num_articles", "num_sources"]].tolist() == [2, 2, 2]
    assert store.counts()["event_merges"] == 2


def test_date_rules(store):
    write(store, {("a", "A", "2024-04-10"): [
        event("a", 0, "2024-04-02"), event("a", 100, "2024-04-03"),  # two stated days: two events
        event("a", 200, "2024-04-04", "relative"),  # a day after a stated day: joins it
        event("a", 300, "2024-04-20", "relative"), event("a", 400, "2024-04-21", "publication"),  # no anchor: one
        event("a", 500, "2024-04-22", "relative"),  # a third day begins the next window, not a chain
        event("a", 800, "2024-04-01", "stated", "month", plover="ACCUSE"),  # a month, no day event: its own
        event("a", 600, "2024-04-02", "stated", "day", modality="future"),  # "will call" is not "called"
        event("a", 700, None, "unknown", None),
    ]})
    got = store.sql("SELECT date::VARCHAR AS date, date_precision, num_mentions FROM merged_events "
                    "ORDER BY date NULLS LAST, num_mentions").fillna("")
    assert got.values.tolist() == [
        ["2024-04-01", "month", 1], ["2024-04-02", "day", 1], ["2024-04-02", "day", 1], ["2024-04-03", "day", 2],
        ["2024-04-20", "day", 2], ["2024-04-22", "day", 1], ["", "", 1]]


def test_month_report_joins_the_one_day_event(store):
    write(store, {("a", "A", "2024-04-10"): [event("a", 0, "2024-04-05")],
                  ("b", "B", "2024-05-02"): [event("b", 0, "2024-04-01", "relative", "month"),
                                             event("b", 100, "2024-04-01", "relative", "week")]})
    rows = merged(store)
    assert rows.num_mentions.tolist() == [3]


def _random_batches(seed):
    rnd = random.Random(seed)
    coded = {}
    for i in range(40):
        aid = f"art-{i}"
        coded[(aid, rnd.choice("ABCD"), f"2024-04-{rnd.randint(5, 20):02}")] = [
            event(aid, k * 100, f"2024-04-{rnd.randint(1, 20):02}", rnd.choice(["stated", "relative", "publication"]),
                  rnd.choice(["day", "day", "day", "week", "month"]), *rnd.choice([("USAGOV", "CHNGOV"),
                  ("CHNGOV", "USAGOV"), ("RUSMIL", "UKRGOV")]), rnd.choice(list(TYPES)))
            for k in range(rnd.randint(0, 4))]
    return coded


def test_merging_does_not_depend_on_order_or_batches(tmp_path):
    coded = _random_batches(7)
    items = list(coded.items())
    results = []
    for seed, size in ((0, 40), (1, 1), (2, 7)):
        random.Random(seed).shuffle(items)
        with Store(tmp_path / f"{seed}.duckdb") as s:
            for i in range(0, len(items), size):
                write(s, dict(items[i:i + size]))
            results.append((merged(s).values.tolist(),
                            s.sql("SELECT * FROM event_merges ORDER BY event_id").values.tolist()))
    assert results[0] == results[1] == results[2]
    assert len(results[0][0]) < sum(len(v) for v in coded.values())  # something was merged


def test_idempotent_and_replaces_changed_article(store):
    coded = {("a", "A", "2024-04-03"): [event("a", 0, "2024-04-02")],
             ("b", "B", "2024-04-03"): [event("b", 0, "2024-04-02")]}
    assert write(store, coded) == 2
    before = store.counts()
    assert write(store, coded) == 0 and store.counts() == before
    # b is corrected: its event is now an attack on another day; the call keeps only a's mention.
    a = Article("b", "text of b, corrected", outlet="B", date="2024-04-03")
    store.write_batch(*frames([article_row(a, content_hash(a), 1)],
                              [event_row(event("b", 0, "2024-04-01", src="RUSMIL", tgt="UKRGOV",
                                               plover="ASSAULT"))], []))
    assert sorted(store.sql("SELECT plover, num_mentions FROM merged_events").values.tolist()) == [
        ["ASSAULT", 1], ["CONSULT", 1]]
    assert store.counts()["events"] == 2


def test_errors_are_upserted_and_cleared(store):
    write(store, {}, [error_row("x.jsonl line 2", "read", "not JSON"), error_row("c", "code", "boom", "c")])
    write(store, {}, [error_row("x.jsonl line 2", "read", "not JSON")])
    assert store.counts()["errors"] == 2
    write(store, {("c", "C", "2024-04-03"): []})  # c coded on a later run: its error goes
    assert store.sql("SELECT record FROM errors").record.tolist() == ["x.jsonl line 2"]


def test_queries(tmp_path):
    path = tmp_path / "q.duckdb"
    with Store(path) as s:
        write(s, {("a", "A", "2024-04-03"): [event("a", 0, "2024-04-02"),
                                             event("a", 100, "2024-04-09", src="RUSMIL", tgt="UKRGOV",
                                                   plover="ASSAULT")],
                  ("b", "B", "2024-04-10"): [event("b", 0, "2024-04-09", src="RUSMIL", tgt="UKRGOV",
                                                   plover="ASSAULT"),
                                             event("b", 100, "2024-04-10", src="UKRGOV", tgt="RUSMIL",
                                                   plover="ACCUSE")]})
    store = tacitus.open(path)
    assert len(store.events()) == 3 and len(store.events(merged=False)) == 4
    assert len(store.events(actor="RUS")) == 2 and len(store.events(dyad=("RUS", "UKR"))) == 1
    assert len(store.events(category="assault", since="2024-04-05", until="2024-04-30")) == 1
    assert len(store.events(quad_class=1, country="CHN")) == 1
    assert len(store.events(text="sentence", limit=2, offset=2)) == 1
    series = store.dyad_series("RUSMIL", "UKRGOV", freq="week")
    assert series[["events", "material_conflict", "goldstein_sum"]].values.tolist() == [[1, 1, -10.0]]
    assert store.top_actors(2).code.tolist() == ["RUSMIL", "UKRGOV"]
    assert store.network().query("source == 'RUSMIL'").events.tolist() == [1]
    row, events = store.article("b")
    assert row["outlet"] == "B" and len(events) == 2 and events.merged_id.notna().all()
    store.close()


def test_query_is_read_only(tmp_path):
    path = tmp_path / "q.duckdb"
    Store(path).close()
    assert read_only_query(path, "SELECT count(*) AS n FROM articles").n.tolist() == [0]
    for sql in ("DELETE FROM articles", "DROP TABLE events", "SELECT 1; DELETE FROM articles",
                "COPY articles TO 'x.csv'", "ATTACH 'other.db'", "INSTALL httpfs"):
        with pytest.raises(ValueError):
            read_only_query(path, sql)
    secret = tmp_path / "secret.csv"
    secret.write_text("a,b\n1,2\n")
    with pytest.raises(Exception, match="disabled"):
        read_only_query(path, f"SELECT * FROM read_csv('{secret}')")


def test_query_cannot_touch_files_or_settings(tmp_path):
    from tacitus.cli import main
    path = tmp_path / "q.duckdb"
    Store(path).close()
    before = path.read_bytes()
    out = tmp_path / "out"
    for sql in (f"COPY (SELECT * FROM articles) TO '{out}.csv'", f"EXPORT DATABASE '{out}'", "LOAD httpfs",
                "PRAGMA enable_external_access", "SET enable_external_access = true", "CALL pragma_version()",
                "CREATE TABLE t AS SELECT 1", "INSERT INTO meta VALUES ('k', 'v')", "CHECKPOINT", "DETACH q",
                f"ATTACH '{out}.duckdb' AS o; SELECT 1"):
        with pytest.raises(ValueError, match="single SELECT"):
            read_only_query(path, sql)
        assert main(["query", "--db", str(path), sql]) == 2
    for sql in ("SELECT * FROM read_text('/etc/passwd')", "FROM read_blob('/etc/passwd')",
                "SELECT * FROM glob('/etc/*')", "SELECT * FROM read_csv('/etc/passwd') UNION ALL SELECT 1",
                "WITH x AS (SELECT * FROM read_json('/etc/passwd')) SELECT * FROM x",
                "SELECT * FROM query('SELECT * FROM read_text(''/etc/passwd'')')",
                "SELECT * FROM 'https://example.com/x.csv'"):
        with pytest.raises(duckdb.Error):
            read_only_query(path, sql)
        assert main(["query", "--db", str(path), sql]) == 2
    assert read_only_query(path, "SELECT current_setting('enable_external_access') AS on").on.tolist() == [False]
    assert path.read_bytes() == before and not list(tmp_path.glob("out*"))
