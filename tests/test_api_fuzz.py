"""The API against its own OpenAPI spec: Schemathesis generates valid and invalid requests for every
operation, sent over HTTP to a server on 127.0.0.1, and no answer may be a 5xx. Then the bounds a hostile
client meets, checked in-process."""
import http.client
import itertools
import re
import urllib.request

import pytest
import requests
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode

from test_web_api import TOKEN, XSS, build_store

pytestmark = pytest.mark.slow
EXAMPLES = 25  # per operation and generation mode: the whole fuzz run stays well under two minutes


@pytest.fixture(scope="module")
def app(tmp_path_factory, coder):
    from tacitus.web.api import create_app
    db = tmp_path_factory.mktemp("fuzz") / "store.duckdb"
    build_store(db, coder)
    return create_app(db, token=TOKEN, coder=coder)


@pytest.fixture(scope="module")
def server(app):
    from tacitus.web.api import running
    with running(app) as base:
        yield base


@pytest.fixture(scope="module")
def client(app, server):
    """In-process requests (no lifespan: the server above owns the app's connection)."""
    from starlette.testclient import TestClient
    return TestClient(app)


def fuzz(server, headers, writes: bool) -> list[str]:
    """Run every read (writes=False) or write (writes=True) operation of the spec over HTTP, with valid and
    with invalid input, its path parameters generated and then naming things the store holds; return the
    5xx answers found."""
    schema = schemathesis.openapi.from_url(server + "/openapi.json")
    stored = {"event_id": requests.get(server + "/api/events?limit=1", timeout=60).json()["events"][0]["id"],
              "article_id": "xss", "source": "USAGOV", "target": "CHNGOV"}
    found = []
    with requests.Session() as session:
        for result in schema.get_all_operations():
            op = result.ok()
            if (op.method.upper() == "POST") != writes:
                continue
            names = re.findall(r"{(\w+)}", op.path)
            for mode, fixed in itertools.product((GenerationMode.POSITIVE, GenerationMode.NEGATIVE),
                                                 [None, {k: stored[k] for k in names}][:1 + bool(names)]):
                @settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize=True,
                          phases=[Phase.explicit, Phase.generate], suppress_health_check=list(HealthCheck))
                @given(case=op.as_strategy(generation_mode=mode, path_parameters=fixed))
                def check(case):
                    response = case.call(base_url=server, session=session, headers=headers, timeout=60)
                    assert response.status_code < 500, \
                        f"{response.status_code}: {case.method} {case.formatted_path} {case.query} {case.body!r}"

                try:
                    check()
                except Unsatisfiable:  # nothing left to make invalid
                    continue
                except AssertionError as exc:
                    found.append(f"{op.label} ({mode.value}, {fixed}): {exc}")
    return found


def test_reads_never_answer_5xx(server):
    assert fuzz(server, {}, writes=False) == []


@pytest.mark.parametrize("token", [TOKEN, None, "wrong"])
def test_writes_never_answer_5xx(server, token):
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    assert fuzz(server, headers, writes=True) == []


# -- bounds test_web_api.py does not already cover --------------------------------------------------------
@pytest.mark.parametrize("query", [{"limit": 10**9}, {"limit": -1}, {"offset": -1}, {"offset": 10**18},
                                   {"limit": "9" * 40}, {"offset": "1e3"}, {"text": "x" * 60_000},
                                   {"dyad": "A," * 1000}, {"quad_class": 10**30}, {"since": "9" * 5000}])
def test_oversized_queries_are_refused(client, query):
    assert client.get("/api/events", params=query).status_code == 422


def test_oversized_query_string_elsewhere(client):
    long = "x" * 20_000
    assert client.get("/api/articles", params={"limit": 10**9}).status_code == 422
    assert client.get("/api/reviews", params={"offset": -5}).status_code == 422
    assert client.get("/api/actors", params={"n": 10**9}).status_code == 422
    assert client.get("/api/network", params={"edges": 10**9}).status_code == 422
    assert client.get(f"/api/events/{long}").status_code == 404
    assert client.get(f"/api/articles/{long}").status_code == 404
    assert client.get(f"/api/dyads/{long}/{long}/series").status_code == 200


@pytest.mark.parametrize("body", ["[" * 100_000 + "]" * 100_000, '{"text": ' * 50_000 + '"x"' + "}" * 50_000,
                                  '{"text": "\\ud800 lone", "verdict": "accept", "note": "\\udfff"}',
                                  '{"text": "x", "title": "\\ud83d", "verdict": "correct", "source_code": "\\ud800"}',
                                  '{"text": 1e999, "verdict": NaN}', '{"text": NaN, "verdict": Infinity}',
                                  "not json", "\x00" * 64])
def test_hostile_json_bodies_are_refused(client, body):
    event = client.get("/api/events", params={"limit": 1}).json()["events"][0]["id"]
    headers = {"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"}
    for path in ("/api/code", f"/api/events/{event}/review"):
        status = client.post(path, content=body, headers=headers).status_code
        assert 400 <= status < 500, (path, status)


def test_a_megabyte_url_is_refused_and_the_server_stays_up(server):
    host, port = server.removeprefix("http://").split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=60)
    try:
        conn.request("GET", "/api/events?text=" + "x" * (1 << 20))
        assert 400 <= conn.getresponse().status < 500
    except ConnectionError:
        pass  # refused before the request was read whole
    finally:
        conn.close()
    with urllib.request.urlopen(server + "/api/health", timeout=60) as r:
        assert r.status == 200


def test_writes_without_the_token_are_refused(client):
    before = client.get("/api/reviews").json()["total"]
    event = client.get("/api/events", params={"limit": 1}).json()["events"][0]["id"]
    for path, body in (("/api/code", {"text": "Israel accused Iran."}),
                       (f"/api/events/{event}/review", {"verdict": "accept"})):
        for headers in ({}, {"Authorization": "Bearer"}, {"Authorization": f"Basic {TOKEN}"},
                        {"Authorization": f"Bearer {TOKEN}x"}, {"Authorization": f"Bearer {TOKEN[:-1]}"},
                        {"X-Token": TOKEN}):
            assert client.post(path, json=body, headers=headers).status_code == 401, (path, headers)
    assert client.get("/api/reviews").json()["total"] == before


def test_markup_is_data_in_json_and_never_in_pages(client):
    """JSON answers carry an article's markup as raw text; HTML pages are the same static files for every
    article and inline no data and no script (each <script> loads one of the server's own files)."""
    article = client.get("/api/articles/xss")
    assert article.headers["content-type"] == "application/json"
    assert article.json()["article"]["text"].count(XSS) == 1
    coded = client.post("/api/code", json={"text": f"Israel accused Iran on Wednesday. {XSS}"},
                        headers={"Authorization": f"Bearer {TOKEN}"})
    assert coded.headers["content-type"] == "application/json" and XSS in coded.json()["article"]["text"]
    for path in ("/", "/events", "/event?id=x", "/dyad", "/network", "/map", "/article?id=xss", "/code", "/review"):
        page = client.get(path)
        assert page.headers["content-type"].startswith("text/html")
        assert "script-src 'self';" in page.headers["content-security-policy"]
        html = page.text
        assert "__pwned" not in html and "Israel" not in html and "Kharkiv" not in html, path
        scripts = re.findall(r"<script\b[^>]*>", html, re.I)
        assert all(re.search(r'\bsrc="/static/[\w.-]+\.js"', tag) for tag in scripts), (path, scripts)
        assert all(not body.strip() for body in re.findall(r"<script\b[^>]*>(.*?)</script>", html, re.I | re.S))
        assert not re.search(r"\son\w+\s*=", html, re.I), path  # no inline event handlers
