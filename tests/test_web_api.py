"""`tacitus serve`: real HTTP against a server on 127.0.0.1, over a store coded from a few short articles."""
import http.client
import json
import threading
import urllib.error
import urllib.parse
import urllib.request

import pytest

from tacitus.engines import result_rows
from tacitus.records import Article
from tacitus.store import Store, content_hash, frames

pytestmark = pytest.mark.slow

TOKEN = "test-token"
XSS = '<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2">'
ARTICLES = [
    ("call", "Wire One", "2024-04-03", "U.S. President Joe Biden spoke by phone with Chinese President Xi Jinping on "
     "Tuesday, the White House said. The two leaders discussed trade."),
    ("call-2", "Daily Paper", "2024-04-03", "Chinese President Xi Jinping held a phone call with U.S. President Joe "
     "Biden on April 2, 2024, state media reported."),
    ("shelling", "Wire One", "2024-05-10", "Russian forces shelled the Ukrainian city of Kharkiv on Thursday, "
     "officials said."),
    ("berlin", "Outlet 2", "2024-05-14", "French President Emmanuel Macron met German Chancellor Olaf Scholz in "
     "Berlin on Monday."),
    ("xss", "Outlet 3", "2024-05-16", f"Israel accused Iran on Wednesday of arming militants in Lebanon. {XSS} "
     "The United Nations condemned North Korea on Tuesday for a missile launch."),
    ("moscow", "Outlet 2", "2024-06-01", "Turkish President Recep Tayyip Erdogan visited Moscow on Friday for talks "
     "with Vladimir Putin."),
]


def build_store(path, coder) -> None:
    """A store written the way ingest writes one: coded articles in one batch through Store.write_batch."""
    articles = [Article(id=i, text=text, outlet=outlet, date=date, date_basis="given", title=f"Story {i}")
                for i, outlet, date, text in ARTICLES]
    rows = ([], [], [])
    for article in articles:
        digest = content_hash(article)
        for part, new in zip(rows, result_rows(article, coder.code_article(article), digest)):
            part.extend(new)
    with Store(path) as store:
        store.write_batch(*frames(*rows))


def call(method, url, body=None, token=None, raw=None, headers=None):
    """(status, headers, parsed JSON or text) of one request; errors are answers too."""
    headers = dict(headers or {})
    data = raw
    if body is not None:
        data = json.dumps(body).encode()
        headers["Content-Type"] = "application/json"
    if token:
        headers["Authorization"] = f"Bearer {token}"
    request = urllib.request.Request(url, data=data, method=method, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=120) as r:
            status, head, payload = r.status, r.headers, r.read()
    except urllib.error.HTTPError as e:
        status, head, payload = e.code, e.headers, e.read()
    text = payload.decode()
    return status, head, json.loads(text) if "json" in head.get("content-type", "") else text


@pytest.fixture(scope="module")
def db(tmp_path_factory, coder):
    path = tmp_path_factory.mktemp("web") / "store.duckdb"
    build_store(path, coder)
    return path


@pytest.fixture(scope="module")
def server(db, coder):
    from tacitus.web.api import create_app, running
    with running(create_app(db, token=TOKEN, coder=coder)) as base:
        yield base


def get(server, path, **params):
    query = ("?" + urllib.parse.urlencode(params)) if params else ""
    return call("GET", server + path + query)


def test_pages_and_docs_are_served_by_the_server_itself(server):
    for path in ("/", "/events", "/event", "/dyad", "/network", "/map", "/article", "/code", "/review"):
        status, head, html = get(server, path)
        assert status == 200 and head["content-type"].startswith("text/html"), path
        assert "script-src 'self'" in head["Content-Security-Policy"]
        assert "http" not in html.replace(server, ""), f"{path} names another host"
    for asset in ("/static/app.js", "/static/charts.js", "/static/style.css", "/static/world.svg"):
        assert get(server, asset)[0] == 200
    status, _, docs = get(server, "/docs")
    assert status == 200 and "/static-offline-docs/swagger-ui-bundle.js" in docs and "cdn" not in docs.lower()
    spec = get(server, "/openapi.json")[2]
    assert {"/api/events", "/api/events/{event_id}", "/api/code", "/api/events/{event_id}/review"} <= set(spec["paths"])


def test_events_filters_and_pagination(server):
    status, _, everything = get(server, "/api/events", limit=1000)
    assert status == 200
    total = everything["total"]
    assert total == len(everything["events"]) >= 5
    pages = [get(server, "/api/events", limit=2, offset=o)[2]["events"] for o in range(0, total, 2)]
    assert [e["id"] for page in pages for e in page] == [e["id"] for e in everything["events"]]
    assert get(server, "/api/events", limit=2, offset=total)[2]["events"] == []

    usa = get(server, "/api/events", actor="USA")[2]
    assert usa["total"] >= 1
    assert all("USA" in (e["source_country"], e["target_country"], e["source_code"], e["target_code"])
               for e in usa["events"])
    dyad = get(server, "/api/events", dyad="CHNGOV,USAGOV", directed="false")[2]["events"]
    assert dyad and all({e["source_code"], e["target_code"]} == {"USAGOV", "CHNGOV"} for e in dyad)
    consult = get(server, "/api/events", category="consult")[2]["events"]
    assert consult and all(e["plover"] == "CONSULT" for e in consult)
    q4 = get(server, "/api/events", quad_class=4)[2]["events"]
    assert q4 and all(e["quad_class"] == 4 for e in q4)
    window = get(server, "/api/events", since="2024-05-01", until="2024-05-31")[2]["events"]
    assert window and all("2024-05-01" <= e["date"] <= "2024-05-31" for e in window)
    assert len(window) < total
    kharkiv = get(server, "/api/events", text="kharkiv")[2]["events"]
    assert kharkiv and all("Kharkiv" in e["sentence"] for e in kharkiv)


@pytest.mark.parametrize("params", [{"limit": 1001}, {"limit": 0}, {"offset": -1}, {"since": "2024-13-01"},
                                    {"until": "yesterday"}, {"quad_class": 5}, {"actor": "x" * 41},
                                    {"text": "x" * 201}, {"dyad": "USAGOV"}])
def test_bad_queries_are_refused(server, params):
    assert get(server, "/api/events", **params)[0] == 422


def test_one_event_with_its_mentions_and_evidence(server):
    # The call reported by two articles is one event with two mentions.
    call_events = get(server, "/api/events", dyad="USAGOV,CHNGOV", directed="false", category="CONSULT")[2]["events"]
    merged = [e for e in call_events if e["num_articles"] == 2]
    assert merged, call_events
    status, _, detail = get(server, f"/api/events/{merged[0]['id']}")
    assert status == 200
    assert {m["article_id"] for m in detail["mentions"]} == {"call", "call-2"}
    for m in detail["mentions"]:
        assert m["trigger"] in m["sentence"] and m["date_basis"] and m["source"][0]["code"]
    assert get(server, "/api/events/nope")[0] == 404
    assert get(server, "/api/articles/nope")[0] == 404


def test_article_with_its_events(server):
    status, _, d = get(server, "/api/articles/shelling")
    assert status == 200
    text = d["article"]["text"]
    assert d["events"]
    for e in d["events"]:
        assert text[e["trigger_start"]:e["trigger_end"]] == e["trigger"]
        for actor in e["source"] + e["target"]:
            assert text[actor["span"][0]:actor["span"][1]] == actor["text"]
    listing = get(server, "/api/articles", limit=2)[2]
    assert listing["total"] == len(ARTICLES) and len(listing["articles"]) == 2
    assert "text" not in listing["articles"][0]


def test_series_actors_network_locations_overview(server):
    series = get(server, "/api/dyads/USAGOV/CHNGOV/series", freq="month", directed="false")[2]["series"]
    assert series[0]["period"] == "2024-04-01" and series[0]["events"] >= 1
    assert get(server, "/api/dyads/USAGOV/CHNGOV/series", freq="hour")[0] == 422
    actors = get(server, "/api/actors", n=5)[2]["actors"]
    assert 1 <= len(actors) <= 5 and actors[0]["events"] >= actors[-1]["events"]
    net = get(server, "/api/network", since="2024-01-01", until="2024-12-31")[2]
    codes = {n["code"] for n in net["nodes"]}
    assert net["edges"] and all(e["source"] in codes and e["target"] in codes for e in net["edges"])
    places = get(server, "/api/locations")[2]["places"]
    assert all(-90 <= p["lat"] <= 90 and -180 <= p["lon"] <= 180 and p["latest"] for p in places)
    overview = get(server, "/api/overview")[2]
    assert overview["counts"]["articles"] == len(ARTICLES)
    assert sum(sum(r[f"q{q}"] for q in range(1, 5)) for r in overview["timeline"]) <= overview["counts"]["events"]


def test_write_endpoints_need_the_token(server):
    event = get(server, "/api/events", limit=1)[2]["events"][0]["id"]
    for token in (None, "wrong"):
        status, head, body = call("POST", f"{server}/api/events/{event}/review", {"verdict": "accept"}, token=token)
        assert status == 401 and head["WWW-Authenticate"] == "Bearer", body
        assert call("POST", f"{server}/api/code", {"text": "Israel accused Iran."}, token=token)[0] == 401


def test_without_a_configured_token_writing_is_refused(db):
    from tacitus.web.api import create_app, running
    with running(create_app(db, token=None)) as base:
        event = get(base, "/api/events", limit=1)[2]["events"][0]["id"]
        status, _, body = call("POST", f"{base}/api/events/{event}/review", {"verdict": "accept"}, token="anything")
        assert status == 403 and "TACITUS_TOKEN" in body["detail"]
        assert call("POST", f"{base}/api/code", {"text": "x"}, token="anything")[0] == 403
        assert get(base, "/api/events")[0] == 200  # reading needs no token


def test_code_a_text_and_size_limits(server):
    text = "French President Emmanuel Macron met German Chancellor Olaf Scholz in Berlin on Monday."
    status, _, d = call("POST", f"{server}/api/code", {"text": text, "date": "2024-05-15"}, token=TOKEN)
    assert status == 200 and d["article"]["date"] == "2024-05-15"
    assert [(e["event"]["plover"], e["date"]) for e in d["events"]] == [("CONSULT", "2024-05-13")]
    assert call("POST", f"{server}/api/code", {"text": "a" * 200_001}, token=TOKEN)[0] == 413
    # A body announced over the limit is refused before it is read.
    host, port = server.removeprefix("http://").split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=60)
    conn.putrequest("POST", "/api/code")
    for name, value in (("Content-Length", str(2 << 20)), ("Content-Type", "application/json"),
                        ("Authorization", f"Bearer {TOKEN}")):
        conn.putheader(name, value)
    conn.endheaders()
    assert conn.getresponse().status == 413
    conn.close()
    # A chunked body states no length: it is counted as it arrives.
    conn = http.client.HTTPConnection(host, int(port), timeout=60)
    conn.request("POST", "/api/code", body=iter([b'{"text": "', b"a" * (1 << 20), b'"}']),
                 headers={"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"},
                 encode_chunked=True)
    assert conn.getresponse().status == 413
    conn.close()


def test_review_round_trip_while_reading(server):
    events = get(server, "/api/events", limit=3)[2]["events"]
    a, b, c = (e["id"] for e in events)
    errors = []

    def read():  # reads go on while reviews are written through the server's one connection
        for _ in range(10):
            if get(server, "/api/events", limit=50)[0] != 200:
                errors.append("read failed")

    readers = [threading.Thread(target=read) for _ in range(4)]
    for t in readers:
        t.start()
    assert call("POST", f"{server}/api/events/{a}/review", {"verdict": "accept"}, token=TOKEN)[0] == 201
    assert call("POST", f"{server}/api/events/{b}/review", {"verdict": "reject", "note": "no event"}, token=TOKEN)[0] == 201
    status, _, corrected = call("POST", f"{server}/api/events/{c}/review",
                                {"verdict": "correct", "plover": "threaten", "source_code": "RUSGOV",
                                 "date": "2024-01-02"}, token=TOKEN)
    for t in readers:
        t.join()
    assert not errors
    assert status == 201 and corrected["plover"] == "THREATEN" and corrected["cameo"] == "130"
    assert corrected["quad_class"] == 3 and corrected["machine_plover"] == events[2]["plover"]
    detail = get(server, f"/api/events/{c}")[2]
    assert detail["reviews"][0]["source_code"] == "RUSGOV" and detail["reviews"][0]["verdict"] == "correct"
    # The coded event itself is unchanged: corrections live in their own table.
    assert (detail["event"]["plover"], detail["event"]["source_code"]) == (events[2]["plover"], events[2]["source_code"])
    reviewed = {e["id"]: e["review"] for e in get(server, "/api/events", reviewed="true")[2]["events"]}
    assert reviewed == {a: "accept", b: "reject", c: "correct"}
    assert c not in {e["id"] for e in get(server, "/api/events", reviewed="false", limit=1000)[2]["events"]}
    assert call("POST", f"{server}/api/events/nope/review", {"verdict": "accept"}, token=TOKEN)[0] == 404
    for bad in ({"verdict": "maybe"}, {"verdict": "correct"}, {"verdict": "correct", "plover": "NOPE"},
                {"verdict": "correct", "cameo": "999"}, {"verdict": "correct", "date": "2024-02-30"}):
        assert call("POST", f"{server}/api/events/{a}/review", bad, token=TOKEN)[0] == 422, bad
    assert get(server, "/api/reviews")[2]["total"] == 3


def test_an_article_with_markup_comes_back_as_data(server):
    status, head, d = get(server, "/api/articles/xss")
    assert head["content-type"] == "application/json" and XSS in d["article"]["text"]
    status, head, html = get(server, "/article", id="xss")
    assert status == 200 and "__pwned" not in html  # the page is the same static file for every article
    assert "textContent" in get(server, "/static/app.js")[2] and "innerHTML" not in get(server, "/static/app.js")[2]


def test_corrections_exported_and_scored(tmp_path, coder, capsys):
    from tacitus.cli import main
    from tacitus.evaluation import evaluate_corrections
    from tacitus.web.api import create_app, running
    db = tmp_path / "reviews.duckdb"
    build_store(db, coder)
    with running(create_app(db, token=TOKEN)) as base:
        events = get(base, "/api/events", limit=1000)[2]["events"]
        call("POST", f"{base}/api/events/{events[0]['id']}/review", {"verdict": "accept"}, token=TOKEN)
        call("POST", f"{base}/api/events/{events[1]['id']}/review", {"verdict": "reject"}, token=TOKEN)
        call("POST", f"{base}/api/events/{events[2]['id']}/review", {"verdict": "correct", "plover": "ASSAULT"},
             token=TOKEN)
        call("POST", f"{base}/api/events/{events[2]['id']}/review", {"verdict": "accept"}, token=TOKEN)  # replaces
    out = tmp_path / "corrections.jsonl"
    assert main(["export", "--db", str(db), "--format", "jsonl", "--corrections", "--output", str(out)]) == 0
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert [r["verdict"] for r in rows] == ["accept", "reject", "accept"]
    assert rows[1]["plover"] is None and rows[1]["machine_plover"] == events[1]["plover"]
    assert main(["export", "--db", str(db), "--format", "gdelt", "--corrections"]) == 2
    csv_out = tmp_path / "corrections.csv"
    assert main(["export", "--db", str(db), "--format", "csv", "--corrections", "--output", str(csv_out)]) == 0
    assert csv_out.read_text().splitlines()[0].startswith("id,event_id,")
    scores = evaluate_corrections(db, coder)
    # The same coder that made the events agrees with the accepted ones and still codes the rejected one.
    assert scores["n"] == 3 and scores["found"] == 1.0 and scores["category"] == 1.0
    assert scores["rejected_still_coded"] == 1.0
    assert "rejected_still_coded" in capsys.readouterr().out
