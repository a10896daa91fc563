"""Screenshots of every dashboard page into docs/screenshots/, for docs/dashboard.md.

    .venv/bin/python docs/screenshots.py

Codes samples/articles/ into a temporary store, records a few reviews, serves it on 127.0.0.1 and
photographs each page at laptop width (1366 px) with Debian's chromium through Playwright.
"""
from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "screenshots"
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--disable-sync"]
TOKEN = "screenshot-token"


def main() -> int:
    import httpx
    from playwright.sync_api import sync_playwright

    from tacitus.engines import ingest
    from tacitus.store import Store
    from tacitus.web.api import create_app, running

    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "samples.duckdb"
        with Store(db) as store:
            ingest([str(ROOT / "samples" / "articles")], store)
        app = create_app(db, token=TOKEN)
        OUT.mkdir(parents=True, exist_ok=True)
        with running(app) as base:
            auth = {"Authorization": f"Bearer {TOKEN}"}
            events = httpx.get(f"{base}/api/events", params={"limit": 6}).json()["events"]
            dyad = httpx.get(f"{base}/api/overview").json()["top_dyads"][0]
            httpx.post(f"{base}/api/events/{events[0]['id']}/review", json={"verdict": "accept"}, headers=auth)
            httpx.post(f"{base}/api/events/{events[1]['id']}/review", json={"verdict": "reject", "note": "not an event"},
                       headers=auth)
            httpx.post(f"{base}/api/events/{events[2]['id']}/review",
                       json={"verdict": "correct", "plover": "AGREE" if events[2]["plover"] != "AGREE" else "CONSULT",
                             "note": "a reviewer's correction"}, headers=auth)
            article = events[3]["article_id"]
            pages = {"overview": "/", "events": "/events?actor=RUS", "event": f"/event?id={events[2]['id']}",
                     "dyad": f"/dyad?a={dyad['source']}&b={dyad['target']}", "network": "/network", "map": "/map",
                     "article": f"/article?id={article}", "articles": "/article", "code": "/code",
                     "review": "/review"}
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
                page = browser.new_page(viewport={"width": 1366, "height": 900})
                for name, path in pages.items():
                    page.goto(base + path)
                    page.wait_for_selector("body[data-ready]")
                    if name == "code":
                        page.fill("#token input[name=token]", TOKEN)
                        page.click("#token button")
                        page.fill("textarea[name=text]", "French President Emmanuel Macron met German Chancellor "
                                  "Olaf Scholz in Berlin on Monday. Russian forces shelled Kharkiv on Tuesday.")
                        page.fill("input[name=date]", "2024-05-15")
                        page.click("#code button")
                        page.wait_for_selector("#result:not([hidden])", timeout=120_000)
                    page.screenshot(path=str(OUT / f"{name}.png"), full_page=True)
                    print(f"wrote {OUT / name}.png")
                browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
