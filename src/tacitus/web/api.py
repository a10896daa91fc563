"""The REST API and the dashboard: `create_app(db_path, token=None, coder=None)`, run by `tacitus serve`.

One DuckDB connection, opened for writing, is owned by the server: DuckDB lets one process write a file,
so reads and the reviews people record go through that one database instance (a cursor per worker
thread for reads, a lock around writes). Reviews go to their own table (see tacitus.web); the coded
tables are never changed here. Everything the pages need is served from the package: no CDN.
"""
from __future__ import annotations

import datetime as dt
import hmac
import json
import math
import threading
import uuid
from contextlib import contextmanager
from importlib.resources import files
from pathlib import Path
from typing import Literal, Optional

import duckdb
from fastapi import Depends, HTTPException, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi_offline import FastAPIOffline
from pydantic import BaseModel, Field, field_validator

from tacitus import __version__
from tacitus.store import Store, _filters
from tacitus.web import LATEST_REVIEWS, REVIEWS_SCHEMA

STATIC = Path(str(files("tacitus.web").joinpath("static")))
MAX_BODY = 1 << 20  # bytes of any request body; JSON escaping can make a 200 KB text longer
MAX_TEXT = 200_000  # bytes of an article posted for coding
MAX_LIMIT = 1000
MAX_OFFSET = 1_000_000
JSON_COLUMNS = ("source", "target", "reported_by", "location", "warnings")
PAGES = {"/": "overview.html", "/events": "events.html", "/event": "event.html", "/dyad": "dyad.html",
         "/network": "network.html", "/map": "map.html", "/article": "article.html", "/code": "code.html",
         "/review": "review.html"}
# The pages run only their own script and styles and talk only to this server; article text shown in
# them is data (textContent), and this policy stops any script that slipped through all the same.
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
# Swagger UI (vendored by fastapi-offline) starts itself with an inline script.
DOCS_CSP = CSP.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'").replace(
    "style-src 'self'", "style-src 'self' 'unsafe-inline'")


# A new Query per parameter: FastAPI binds one Query object to one parameter only.
def Code():  # noqa: N802 - reads like the Query it returns
    return Query(None, max_length=40, pattern=r"^[A-Za-z0-9_.+?-]+$")


def Day():  # noqa: N802
    return Query(None, pattern=r"^\d{4}-\d{2}-\d{2}$", description="YYYY-MM-DD")


class LimitBody:
    """ASGI middleware: a request body over `limit` bytes gets 413 before any endpoint sees it. A body of
    unstated length (chunked) is read here, counting, and handed on whole: it is at most `limit` bytes."""

    def __init__(self, app, limit: int = MAX_BODY):
        self.app, self.limit = app, limit

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        length = dict(scope["headers"]).get(b"content-length")
        if length is not None:
            if not length.isdigit() or int(length) > self.limit:
                return await _too_large(send)
            return await self.app(scope, receive, send)
        chunks, seen = [], 0
        while True:
            message = await receive()
            if message["type"] != "http.request":
                return  # the client went away
            chunks.append(message.get("body", b""))
            seen += len(chunks[-1])
            if seen > self.limit:
                return await _too_large(send)
            if not message.get("more_body"):
                break
        whole = {"type": "http.request", "body": b"".join(chunks), "more_body": False}
        handed = False

        async def replay():
            nonlocal handed
            if handed:
                return await receive()
            handed = True
            return whole

        await self.app(scope, replay, send)


async def _too_large(send):
    body = json.dumps({"detail": f"request body over {MAX_BODY} bytes"}).encode()
    await send({"type": "http.response.start", "status": 413,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})


class Reader(Store):
    """The store's query methods over one cursor of the server's connection."""

    def __init__(self, con, path):
        self.con, self.path = con, path


class Service:
    """The server's state: the one connection, a cursor per thread, the write lock, the lazy coder."""

    def __init__(self, db_path, token: str | None, coder=None):
        self.path = Path(db_path)
        if not self.path.exists():
            raise FileNotFoundError(f"no event store at {self.path} (fill one with `tacitus ingest`)")
        try:
            self.con = duckdb.connect(str(self.path))
        except duckdb.IOException as exc:
            raise ValueError(f"cannot open {self.path} for writing: {exc}. DuckDB lets one process write a "
                             "store: stop the other one (an ingest?) or serve a copy") from exc
        self.con.execute(REVIEWS_SCHEMA)
        self.token = token or None
        self._coder = coder
        self._local = threading.local()
        self.write_lock = threading.Lock()
        self.coder_lock = threading.Lock()

    def reader(self) -> Reader:
        r = getattr(self._local, "reader", None)
        if r is None:
            r = self._local.reader = Reader(self.con.cursor(), self.path)
        return r

    def rows(self, query: str, params: list | None = None) -> list[dict]:
        cur = self.reader().con.execute(query, params or [])
        names = [d[0] for d in cur.description]
        return [_plain_row(dict(zip(names, r))) for r in cur.fetchall()]

    def coder(self):
        with self.coder_lock:  # loaded once, on first use: the pipeline takes seconds and memory
            if self._coder is None:
                from tacitus.pipeline import Coder
                self._coder = Coder()
            return self._coder

    def close(self):
        self.con.close()


# -- values -> JSON ----------------------------------------------------------------------------------------
def _plain(value):
    """A JSON value: numpy scalars as Python ones, NaN as null, dates as ISO text (a DATE column that pandas
    turned into a midnight timestamp as the date alone)."""
    if hasattr(value, "item") and not isinstance(value, (list, dict, str)):
        value = value.item()
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, dt.datetime):
        return value.isoformat()[:10] if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _plain_row(row: dict) -> dict:
    out = {k: _plain(v) for k, v in row.items()}
    for k in JSON_COLUMNS:
        if isinstance(out.get(k), str) and out[k][:1] in "[{":  # network's source/target are plain codes
            out[k] = json.loads(out[k])
    return out


def _frame(df) -> list[dict]:
    import pandas as pd
    return [_plain_row({k: (None if not isinstance(v, (list, dict)) and pd.isna(v) else v) for k, v in r.items()})
            for r in df.to_dict("records")]


def _day(value: str | None) -> str | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise HTTPException(422, f"not a date: {value!r} (YYYY-MM-DD)") from None


def _dyad(dyad: str | None) -> tuple[str, str] | None:
    if not dyad:
        return None
    parts = dyad.split(",")
    if len(parts) != 2 or not all(parts):
        raise HTTPException(422, "dyad is two actor codes or countries: SOURCE,TARGET")
    return parts[0], parts[1]


# -- request bodies ----------------------------------------------------------------------------------------
class Body(BaseModel):
    @field_validator("*")
    @classmethod
    def _unicode(cls, value):
        """JSON may spell a lone surrogate ("\\ud800"), which no UTF-8 answer or DuckDB string can hold."""
        if isinstance(value, str) and not value.isascii():
            try:
                value.encode("utf-8")
            except UnicodeEncodeError:
                raise ValueError("not valid Unicode text (a lone surrogate)") from None
        return value


class CodeRequest(Body):
    text: str = Field(description=f"the article text (at most {MAX_TEXT} bytes)")
    date: Optional[str] = Field(None, pattern=r"^\d{4}-\d{2}-\d{2}$")
    title: Optional[str] = Field(None, max_length=1000)


class ReviewRequest(Body):
    verdict: Literal["accept", "reject", "correct"]
    plover: Optional[str] = Field(None, max_length=20, description="corrected PLOVER category")
    cameo: Optional[str] = Field(None, max_length=4, pattern=r"^\d{2,4}$", description="corrected CAMEO code")
    source_code: Optional[str] = Field(None, max_length=40)
    target_code: Optional[str] = Field(None, max_length=40)
    date: Optional[str] = Field(None, pattern=r"^\d{4}-\d{2}-\d{2}$")
    note: Optional[str] = Field(None, max_length=2000)


def create_app(db_path, token: str | None = None, coder=None):
    """The ASGI app serving the store at db_path. Write endpoints need `Authorization: Bearer <token>`;
    with no token they are refused. `coder` (a pipeline.Coder) is built on first use when not given."""
    from contextlib import asynccontextmanager

    service = Service(db_path, token, coder)

    @asynccontextmanager
    async def lifespan(app):
        yield
        service.close()

    app = FastAPIOffline(title="Tacitus", version=__version__, lifespan=lifespan, redoc_url=None,
                         description="Political event data from a Tacitus event store. Write endpoints "
                                     "(coding, reviews) need `Authorization: Bearer <token>`.",
                         swagger_ui_parameters={"validatorUrl": None})
    app.state.service = service
    ops = {"tags": ["events"]}

    @app.middleware("http")
    async def headers(request: Request, call_next):
        response = await call_next(request)
        docs = request.url.path in ("/docs", "/docs/oauth2-redirect")
        response.headers["Content-Security-Policy"] = DOCS_CSP if docs else CSP
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        return response

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError):
        """422 naming what is wrong, without echoing the input: it may be NaN, a lone surrogate or a megabyte,
        which FastAPI's own handler would fail to send (a 500) or send back whole."""
        detail = [{k: e[k] for k in ("type", "loc", "msg") if k in e} for e in exc.errors()]
        return Response(json.dumps({"detail": detail}, default=str), 422, media_type="application/json")

    def writer(request: Request) -> None:
        """The write endpoints' guard: a token must be configured, and given."""
        if not service.token:
            raise HTTPException(403, "writing is disabled: this server was started without a token "
                                     "(set TACITUS_TOKEN or use --token-file)")
        given = request.headers.get("authorization", "")
        scheme, _, value = given.partition(" ")
        if scheme.lower() != "bearer" or not hmac.compare_digest(value.strip().encode(), service.token.encode()):
            raise HTTPException(401, "missing or wrong token: send Authorization: Bearer <token>",
                                headers={"WWW-Authenticate": "Bearer"})

    # -- reading -----------------------------------------------------------------------------------------
    def latest_reviews(ids: list[str]) -> dict[str, dict]:
        if not ids:
            return {}
        found = service.rows(f"SELECT * FROM ({LATEST_REVIEWS}) WHERE event_id IN (SELECT unnest(?))", [ids])
        return {r["event_id"]: r for r in found}

    @app.get("/api/events", **ops)
    def events(actor: Optional[str] = Code(), country: Optional[str] = Code(),
               dyad: Optional[str] = Query(None, max_length=81, description="SOURCE,TARGET codes or countries"),
               directed: bool = True,
               category: Optional[str] = Query(None, max_length=20, description="PLOVER category"),
               quad_class: Optional[int] = Query(None, ge=1, le=4), since: Optional[str] = Day(),
               until: Optional[str] = Day(), text: Optional[str] = Query(None, max_length=200),
               reviewed: Optional[bool] = Query(None, description="only events with (true) or without (false) a review"),
               limit: int = Query(50, ge=1, le=MAX_LIMIT), offset: int = Query(0, ge=0, le=MAX_OFFSET)):
        """Merged events (one per real event) matching every filter given, by date, a page at a time.
        An actor is matched by code (USAGOV) or country (USA), as source or target."""
        where, params = _filters(actor, country, _dyad(dyad), category, quad_class, _day(since), _day(until),
                                 text, directed=directed)
        if reviewed is not None:
            where += (" AND " if where else "WHERE ") + ("" if reviewed else "NOT ") + \
                "EXISTS (SELECT 1 FROM reviews r WHERE r.event_id = merged_events.id)"
        total = service.rows(f"SELECT count(*) AS n FROM merged_events {where}", params)[0]["n"]
        rows = service.rows(f"SELECT * EXCLUDE (block) FROM merged_events {where} "
                            f"ORDER BY date NULLS LAST, id LIMIT {limit} OFFSET {offset}", params)
        reviews = latest_reviews([r["id"] for r in rows])
        for r in rows:
            r["review"] = reviews.get(r["id"], {}).get("verdict")
        return {"total": total, "limit": limit, "offset": offset, "events": rows}

    @app.get("/api/events/{event_id}", **ops)
    def event(event_id: str):
        """One merged event with every mention that reports it (sentence, trigger, actors, date and its
        basis, article) and the reviews it received."""
        found = service.rows("SELECT * EXCLUDE (block) FROM merged_events WHERE id = ?", [event_id[:64]])
        if not found:
            raise HTTPException(404, f"no event {event_id!r}")
        mentions = service.rows("""
            SELECT e.* EXCLUDE (block), a.title, a.outlet, a.url, a.date AS published
            FROM event_merges m JOIN events e ON e.id = m.event_id JOIN articles a ON a.id = e.article_id
            WHERE m.merged_id = ? ORDER BY e.id = ? DESC, a.date, e.id""", [event_id, found[0]["representative"]])
        reviews = service.rows("SELECT * FROM reviews WHERE event_id = ? ORDER BY created_at DESC", [event_id])
        return {"event": found[0], "mentions": mentions, "reviews": reviews}

    @app.get("/api/dyads/{source}/{target}/series", **ops)
    def dyad_series(source: str, target: str, freq: Literal["day", "week", "month"] = "month",
                    since: Optional[str] = Day(), until: Optional[str] = Day(), directed: bool = True):
        """Merged events of source with target per period: counts per quad class, Goldstein sum and mean."""
        df = service.reader().dyad_series(source[:40], target[:40], freq=freq, since=_day(since),
                                          until=_day(until), directed=directed)
        return {"source": source, "target": target, "freq": freq, "series": _frame(df)}

    @app.get("/api/actors", **ops)
    def actors(n: int = Query(50, ge=1, le=MAX_LIMIT), since: Optional[str] = Day(), until: Optional[str] = Day()):
        """Actors in the most merged events, as source or target."""
        return {"actors": _frame(service.reader().top_actors(n, since=_day(since), until=_day(until)))}

    @app.get("/api/network", **ops)
    def network(since: Optional[str] = Day(), until: Optional[str] = Day(),
                edges: int = Query(150, ge=1, le=MAX_LIMIT, description="the most active edges kept")):
        """The actor network of a period: edges source -> target (events, mean Goldstein) and the nodes
        they join, with how many events each takes part in."""
        found = _frame(service.reader().network(since=_day(since), until=_day(until)))[:edges]
        nodes: dict[str, dict] = {}
        for e in found:
            for side in ("source", "target"):
                node = nodes.setdefault(e[side], {"code": e[side], "events": 0})
                node["events"] += e["events"]
        return {"nodes": sorted(nodes.values(), key=lambda n: -n["events"]), "edges": found}

    @app.get("/api/locations", **ops)
    def locations(since: Optional[str] = Day(), until: Optional[str] = Day(),
                  quad_class: Optional[int] = Query(None, ge=1, le=4)):
        """Places events happened (Event.location), with counts per quad class and the latest events there."""
        where, params = _filters(None, None, None, None, quad_class, _day(since), _day(until), None)
        places = service.rows(f"""
            WITH p AS (SELECT *, location->>'$.name' AS place, location->>'$.country' AS place_country,
                              TRY_CAST(location->>'$.lat' AS DOUBLE) AS lat,
                              TRY_CAST(location->>'$.lon' AS DOUBLE) AS lon
                       FROM merged_events {where} {"AND" if where else "WHERE"} location IS NOT NULL)
            SELECT place AS name, place_country AS country, lat, lon, count(*) AS events,
                   [count(*) FILTER (WHERE quad_class = 1), count(*) FILTER (WHERE quad_class = 2),
                    count(*) FILTER (WHERE quad_class = 3), count(*) FILTER (WHERE quad_class = 4)] AS quad_classes,
                   list({{'id': id, 'date': date, 'source_code': source_code, 'target_code': target_code,
                          'plover': plover, 'quad_class': quad_class}} ORDER BY date DESC NULLS LAST, id)[1:20]
                       AS latest
            FROM p WHERE lat IS NOT NULL AND lon IS NOT NULL
            GROUP BY ALL ORDER BY events DESC, name LIMIT 2000""", params)
        for p in places:
            p["latest"] = [{k: _plain(v) for k, v in e.items()} for e in p["latest"]]
        return {"places": places}

    @app.get("/api/overview", **ops)
    def overview(freq: Literal["week", "month", "year"] = "month"):
        """What the overview page shows: table sizes, events per period by quad class, top dyads and actors,
        the latest events."""
        counts = service.rows("""SELECT (SELECT count(*) FROM articles) AS articles,
            (SELECT count(*) FROM events) AS mentions, (SELECT count(*) FROM merged_events) AS events,
            (SELECT count(DISTINCT event_id) FROM reviews) AS reviewed""")[0]
        timeline = service.rows(f"""
            SELECT CAST(date_trunc('{freq}', date) AS DATE) AS period,
                   count(*) FILTER (WHERE quad_class = 1) AS q1, count(*) FILTER (WHERE quad_class = 2) AS q2,
                   count(*) FILTER (WHERE quad_class = 3) AS q3, count(*) FILTER (WHERE quad_class = 4) AS q4
            FROM merged_events WHERE date IS NOT NULL GROUP BY period ORDER BY period""")
        dyads = service.rows("""
            SELECT source_code AS source, target_code AS target, count(*) AS events,
                   avg(goldstein) AS goldstein_mean
            FROM merged_events WHERE source_code IS NOT NULL AND target_code IS NOT NULL
            GROUP BY ALL ORDER BY events DESC, source, target LIMIT 10""")
        latest = service.rows("SELECT * EXCLUDE (block) FROM merged_events ORDER BY date DESC NULLS LAST, id "
                              "LIMIT 10")
        return {"counts": counts, "freq": freq, "timeline": timeline, "top_dyads": dyads,
                "top_actors": _frame(service.reader().top_actors(10)), "latest": latest}

    @app.get("/api/categories", **ops)
    def categories():
        """PLOVER categories and their quad class and default CAMEO code (for filters and corrections)."""
        from tacitus.events.ontology import load_ontology
        onto = load_ontology()
        out = []
        for plover in onto.plover_categories():
            cameo = onto.default_cameo(plover)
            out.append({"plover": plover, "cameo": cameo, "quad_class": onto.event_type(cameo).quad_class})
        return {"categories": out}

    @app.get("/api/articles", tags=["articles"])
    def articles(limit: int = Query(50, ge=1, le=MAX_LIMIT), offset: int = Query(0, ge=0, le=MAX_OFFSET)):
        """Stored articles, newest first, without their text."""
        total = service.rows("SELECT count(*) AS n FROM articles")[0]["n"]
        rows = service.rows("SELECT * EXCLUDE (text, content_hash) FROM articles ORDER BY date DESC NULLS LAST, "
                            f"id LIMIT {limit} OFFSET {offset}")
        return {"total": total, "limit": limit, "offset": offset, "articles": rows}

    @app.get("/api/articles/{article_id}", tags=["articles"])
    def article(article_id: str):
        """One article with its text and its coded mentions (spans index the text), each with the merged
        event it belongs to."""
        row, mentions = service.reader().article(article_id[:1000])
        if row is None:
            raise HTTPException(404, f"no article {article_id!r}")
        return {"article": _plain_row(row), "events": _frame(mentions.drop(columns=["block"]))}

    @app.get("/api/reviews", tags=["reviews"])
    def reviews(limit: int = Query(50, ge=1, le=MAX_LIMIT), offset: int = Query(0, ge=0, le=MAX_OFFSET)):
        """Reviews, newest first: the reviewers' verdicts and corrections beside the machine's values."""
        total = service.rows("SELECT count(*) AS n FROM reviews")[0]["n"]
        rows = service.rows(f"SELECT * FROM reviews ORDER BY created_at DESC, id LIMIT {limit} OFFSET {offset}")
        return {"total": total, "limit": limit, "offset": offset, "reviews": rows}

    @app.get("/api/health", tags=["server"])
    def health():
        return {"ok": True, "version": __version__, "writable": bool(service.token),
                "coder_loaded": service._coder is not None}

    # -- writing -----------------------------------------------------------------------------------------
    @app.post("/api/code", tags=["coding"], dependencies=[Depends(writer)],
              responses={401: {}, 403: {}, 413: {"description": "text too large"}})
    def code(body: CodeRequest):
        """Code a text on the fly (not stored): the article as read and its events, in the one schema."""
        if len(body.text.encode("utf-8")) > MAX_TEXT:
            raise HTTPException(413, f"text over {MAX_TEXT} bytes")
        if not body.text.strip():
            raise HTTPException(422, "empty text")
        coder = service.coder()
        with service.coder_lock:  # one article at a time: coding is CPU-bound and the pipeline is shared
            article, found = coder.code_text(body.text, date=body.date, id="posted", title=body.title)
        return {"article": article.to_dict(with_text=True), "events": [e.to_dict() for e in found]}

    @app.post("/api/events/{event_id}/review", tags=["reviews"], dependencies=[Depends(writer)],
              responses={401: {}, 403: {}, 404: {}})
    def review(event_id: str, body: ReviewRequest):
        """Accept, reject or correct an event. A correction names what changes (category, CAMEO code, actors,
        date); the rest stays as coded. Stored in the reviews table, apart from the coder's output."""
        found = service.rows("SELECT * FROM merged_events WHERE id = ?", [event_id[:64]])
        if not found:
            raise HTTPException(404, f"no event {event_id!r}")
        e = found[0]
        values = {"plover": e["plover"], "cameo": e["cameo"], "quad_class": e["quad_class"],
                  "source_code": e["source_code"], "target_code": e["target_code"], "date": e["date"]}
        if body.verdict == "reject":
            values = dict.fromkeys(values)
        elif body.verdict == "correct":
            values.update(_correction(body))
        row = {"id": uuid.uuid4().hex, "event_id": e["id"], "mention_id": e["representative"],
               "article_id": e["article_id"], "sentence_index": e["sentence_index"], "sentence": e["sentence"],
               "trigger": e["trigger"], "trigger_start": e["trigger_start"], "trigger_end": e["trigger_end"],
               "verdict": body.verdict, **values,
               "machine_plover": e["plover"], "machine_cameo": e["cameo"], "machine_source_code": e["source_code"],
               "machine_target_code": e["target_code"], "machine_date": e["date"], "note": body.note,
               "created_at": dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)}
        with service.write_lock:
            service.reader().con.execute(
                f"INSERT INTO reviews ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})", list(row.values()))
        return JSONResponse(_plain_row(row), status_code=201)

    # -- pages -------------------------------------------------------------------------------------------
    for route, name in PAGES.items():
        app.add_api_route(route, _page(name), include_in_schema=False, methods=["GET"])
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.add_middleware(LimitBody)
    return app


def _correction(body: ReviewRequest) -> dict:
    """The fields a correction changes; a new category or code brings its quad class."""
    from tacitus.events.ontology import load_ontology
    onto = load_ontology()
    out = {k: v for k, v in (("source_code", body.source_code), ("target_code", body.target_code),
                             ("date", body.date)) if v}
    try:
        if body.date:
            dt.date.fromisoformat(body.date)
        cameo = body.cameo or (onto.default_cameo(body.plover) if body.plover else None)
    except (KeyError, ValueError) as exc:
        raise HTTPException(422, str(exc.args[0] if exc.args else exc)) from None
    if cameo:
        kind = onto.get(cameo)
        if kind is None:
            raise HTTPException(422, f"unknown CAMEO code {cameo!r}")
        plover = (body.plover or kind.plover or "").upper()
        if plover not in onto.plover_categories():
            raise HTTPException(422, f"unknown PLOVER category {plover!r}")
        out.update(plover=plover, cameo=kind.code, quad_class=kind.quad_class)
    if not out:
        raise HTTPException(422, "a correction names at least one of plover, cameo, source_code, target_code, date")
    return out


def _page(name: str):
    def page():
        return FileResponse(STATIC / name, media_type="text/html")
    page.__name__ = "page_" + name.split(".")[0]
    return page


@contextmanager
def running(app, host: str = "127.0.0.1"):
    """Serve `app` from a thread on a free port of `host`; yields the base URL (tests, screenshots, benchmark)."""
    import socket
    import time

    import uvicorn
    sock = socket.socket()
    sock.bind((host, 0))
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the server did not start")
        time.sleep(0.02)
    try:
        yield f"http://{host}:{sock.getsockname()[1]}"
    finally:
        server.should_exit = True
        thread.join(10)
        sock.close()
