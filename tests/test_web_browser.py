"""The dashboard in a real browser: Debian's chromium driven by Playwright (no browser is downloaded).
Every page is loaded, filtered, clicked through and reviewed; no request may leave the loopback."""
import json
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
if not CHROMIUM.exists():
    pytest.skip(f"browser tests need Debian's chromium at {CHROMIUM} (`make browser` installs it as root)",
                allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="browser tests need the playwright package "
                                                             "(`make browser` installs it)")

from test_web_api import ARTICLES, TOKEN, XSS, build_store  # noqa: E402

pytestmark = pytest.mark.slow
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--disable-sync"]


@pytest.fixture(scope="module")
def server(tmp_path_factory, coder):
    from tacitus.web.api import create_app, running
    db = tmp_path_factory.mktemp("browser") / "store.duckdb"
    build_store(db, coder)
    with running(create_app(db, token=TOKEN, coder=coder)) as base:
        yield base


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser, server):
    """A page that records every request and every script error, checked after each test."""
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    page = context.new_page()
    requests, errors = [], []
    page.on("request", lambda r: requests.append(r.url))
    page.on("pageerror", lambda e: errors.append(str(e)))
    # The browser logs the refusals a test asks for (401 without a token); anything else is a fault.
    page.on("console", lambda m: m.type == "error" and "status of 401" not in m.text and errors.append(m.text))
    yield page
    context.close()
    hosts = {urllib.parse.urlsplit(u).hostname for u in requests if not u.startswith("data:")}
    assert hosts <= {"127.0.0.1"}, f"requests left the loopback: {hosts}"
    assert not errors, errors


def load(page, base, path):
    page.goto(base + path)
    page.wait_for_selector("body[data-ready]")
    assert "error" not in (page.get_attribute("#status", "class") or ""), page.text_content("#status")


def api(base, path):
    with urllib.request.urlopen(base + path) as r:
        return json.load(r)


def test_every_page_loads(page, server):
    for path, expect in (("/", "#timeline svg rect"), ("/events", "#events tbody tr[data-id]"),
                         ("/dyad", "#chart svg"), ("/network", "#net svg circle.node"),
                         ("/map", "#map svg image"), ("/article", "#articles tr.clickable"),
                         ("/code", "#code textarea"), ("/review", "#queue tbody tr[data-id]")):
        load(page, server, path)
        assert page.locator(expect).count() > 0, path
    page.goto(server + "/docs")
    page.wait_for_selector(".swagger-ui .opblock")
    assert page.locator(".opblock").count() >= 10


def test_overview_shows_the_store(page, server):
    load(page, server, "/")
    counts = api(server, "/api/overview")["counts"]
    assert page.text_content("#stats").startswith(str(counts["events"]))
    assert page.locator("#latest tbody tr").count() == min(10, counts["events"])


def test_filter_then_click_through_to_an_event(page, server):
    load(page, server, "/events")
    page.fill("#filters input[name=actor]", "USA")
    page.click("#filters button[type=submit]")
    expected = api(server, "/api/events?actor=USA")
    page.wait_for_selector(f"#range:text('of {expected['total']}')")
    rows = page.locator("#events tbody tr[data-id]")
    assert rows.count() == expected["total"]
    first = expected["events"][0]
    rows.first.click()
    page.wait_for_selector("body[data-ready]")
    assert page.url.endswith("/event?id=" + first["id"])
    assert first["source_code"] in page.text_content("#summary")
    assert page.locator("#mentions mark.trigger").count() >= 1


def test_review_an_event_in_the_page(page, server):
    event = api(server, "/api/events?limit=1&reviewed=false")["events"][0]
    load(page, server, "/event?id=" + event["id"])
    page.click("#accept")  # no token yet: refused, and the page says why
    page.wait_for_selector("#review-status:text('401')")
    page.fill("#token input[name=token]", TOKEN)
    page.click("#token button")
    page.select_option("#correct select[name=plover]", "THREATEN")
    page.fill("#correct input[name=note]", "a threat, not a meeting")
    page.click("#correct button[type=submit]")
    page.wait_for_selector("#reviews .badge.review")
    assert "THREATEN" in page.text_content("#reviews") and "a threat, not a meeting" in page.text_content("#reviews")
    assert api(server, "/api/events/" + event["id"])["reviews"][0]["plover"] == "THREATEN"
    # The review page lists it as a correction, apart from the queue.
    load(page, server, "/review")
    assert "corrected" in page.text_content("#reviews")
    assert page.locator(f"#queue tr[data-id='{event['id']}']").count() == 0
    queued = page.locator("#queue tbody tr[data-id]").first.get_attribute("data-id")
    page.locator("#queue tbody tr[data-id]").first.locator("button.reject").click()
    page.wait_for_selector(f"#status:text('rejected {queued}')")
    assert api(server, "/api/events/" + queued)["reviews"][0]["verdict"] == "reject"


def test_article_markup_is_shown_not_run(page, server):
    load(page, server, "/article?id=xss")
    assert page.evaluate("() => window.__pwned") is None
    assert XSS in page.text_content("#text")
    assert page.locator("#text script, #text img").count() == 0
    assert page.locator("#text mark.trigger").count() >= 1 and page.locator("#text mark.source").count() >= 1
    assert "basis: relative" in page.text_content("#events")  # each event's date and how it was found


def test_dyad_click_a_period(page, server):
    load(page, server, "/dyad?a=USAGOV&b=CHNGOV")
    page.locator("#chart rect.hit").first.click()
    page.wait_for_selector("#events tbody tr[data-id]")
    assert "USAGOV" in page.text_content("#events") and "2024-04" in page.text_content("#period-title")


def test_network_and_map(page, server):
    load(page, server, "/network?since=2024-01-01&until=2024-12-31")
    nodes = api(server, "/api/network?since=2024-01-01&until=2024-12-31")["nodes"]
    assert page.locator("#net circle.node").count() == len(nodes)
    load(page, server, "/map")
    places = api(server, "/api/locations")["places"]
    assert page.locator("#map circle").count() == len(places)
    if places:
        page.locator("#map circle").last.dispatch_event("click")
        page.wait_for_selector("#events tbody tr[data-id]")


def test_code_a_pasted_text(page, server):
    load(page, server, "/code")
    page.fill("#token input[name=token]", TOKEN)
    page.click("#token button")
    page.fill("#code textarea", ARTICLES[3][3])
    page.fill("#code input[name=date]", "2024-05-14")
    page.click("#code button")
    page.wait_for_selector("#result:not([hidden])")
    assert "CONSULT" in page.text_content("#events")
    assert page.locator("#text mark.trigger").count() == 1
