"""The published site in a real browser: headless Chromium driven by Playwright.

Serves the strictly built site (the ``site`` fixture) on localhost and walks every page:
no console errors, every image loaded, previous/next navigation in reading order, search,
rendered equations, solutions that open on click, code and outputs that fit their boxes
at 1280 px (book/_static/course.css), and no empty output boxes. Screenshots of every page go to
``_build/screenshots/`` for people to look at.

Needs Debian's ``chromium`` (``/usr/bin/chromium``, or ``CHROMIUM`` naming another
executable); ``.ci/run`` installs it. Playwright never downloads a browser here.
"""

import functools
import http.server
import os
import shutil
import threading
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
SCREENSHOTS = ROOT / "_build" / "screenshots"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
]


def reading_order():
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text())
    return (
        [toc["root"]]
        + [chapter["file"] for chapter in toc["chapters"]]
        + [part["file"] for part in toc.get("parts", [])]
    )


@pytest.fixture(scope="module")
def server(site):
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
    handler.log_message = lambda *args: None
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


@pytest.fixture(scope="module")
def browser():
    executable = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(executable).exists():
        pytest.fail("no Chromium: install Debian's package `chromium` (see README), or set CHROMIUM")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


WIDTH = 1280  # a common laptop screen; below 1200 px the theme has no contents column to borrow


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": WIDTH, "height": 900})
    page = context.new_page()
    page.problems = []
    page.on("console", lambda message: message.type == "error" and page.problems.append(message.text))
    page.on("pageerror", lambda error: page.problems.append(str(error)))
    page.on("requestfailed", lambda request: page.problems.append(f"failed: {request.url}"))
    yield page
    context.close()


def open_page(page, url):
    response = page.goto(url, wait_until="networkidle")
    assert response is not None and response.ok, f"{url}: {response and response.status}"


def open_every_fold(page):
    """Open the hidden solutions: a reader who opens one must see all of it too."""
    page.evaluate("() => document.querySelectorAll('article details').forEach(d => { d.open = true; })")


@pytest.mark.parametrize("name", reading_order())
def test_page_loads_cleanly_with_every_image(page, server, name):
    open_page(page, f"{server}/{name}.html")
    broken = page.eval_on_selector_all(
        "img", "images => images.filter(i => !(i.complete && i.naturalWidth > 0)).map(i => i.src)"
    )
    assert broken == [], f"{name}: images that did not load: {broken}"
    assert page.problems == [], f"{name}: console errors: {page.problems}"
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{Path(name).name}.png"), full_page=True)


def test_next_links_walk_every_page_in_reading_order(page, server):
    open_page(page, f"{server}/index.html")
    visited = [page.url]
    while page.locator("a.right-next").count():
        page.locator("a.right-next").first.click()
        page.wait_for_load_state("networkidle")
        visited.append(page.url)
    assert [url.split("/", 3)[3].removesuffix(".html") for url in visited[-len(reading_order()) :]] == reading_order()
    # and the previous links walk back to the start
    steps = 0
    while page.locator("a.left-prev").count():
        page.locator("a.left-prev").first.click()
        page.wait_for_load_state("networkidle")
        steps += 1
    assert steps == len(reading_order()) - 1 and page.url.endswith(reading_order()[0] + ".html")


def test_search_finds_autoencoder(page, server):
    open_page(page, f"{server}/search.html?q=autoencoder")
    results = page.locator("#search-results ul.search li")
    results.first.wait_for(timeout=15000)
    assert results.count() >= 4
    assert page.problems == []


def test_equations_are_rendered_by_mathjax(page, server):
    open_page(page, f"{server}/book/02_simple_autoencoder.html")
    page.locator("mjx-container").first.wait_for(timeout=15000)
    assert page.locator("mjx-container").count() >= 1
    assert page.problems == []


@pytest.mark.parametrize("name", [name for name in reading_order() if Path(name).name[:2].isdigit()])
def test_solutions_are_hidden_until_clicked(page, server, name):
    open_page(page, f"{server}/{name}.html")
    solutions = page.locator("details.hide")
    assert solutions.count() >= 1, f"{name} has no hidden solution"
    first = solutions.first
    assert first.get_attribute("open") is None
    first.locator("summary").click()
    assert first.get_attribute("open") is not None
    assert first.locator(".cell_input").first.is_visible()


# Code cells, text outputs (in <pre>) and tables, and the boxes that hold them.
CODE_AND_TABLES = "article.bd-article :is(pre, table, .pst-scrollable-table-container, .cell_input, .cell_output)"


@pytest.mark.parametrize("name", reading_order())
def test_code_outputs_and_tables_fit_their_boxes(page, server, name):
    """Nothing a reader needs hides behind a horizontal scroll bar at 1280 px."""
    open_page(page, f"{server}/{name}.html")
    open_every_fold(page)
    cut = page.eval_on_selector_all(
        CODE_AND_TABLES,
        """boxes => boxes.filter(b => b.scrollWidth > b.clientWidth).map(b =>
            `${b.scrollWidth} px in a ${b.clientWidth} px box: ${b.textContent.trim().split("\\n")[0].slice(0, 50)}`)""",
    )
    assert cut == [], f"{name}: cut off at the right edge at {WIDTH} px: {cut}"
    assert page.evaluate("document.documentElement.scrollWidth") <= WIDTH, f"{name} scrolls sideways"


@pytest.mark.parametrize("width", [390, 1100])
def test_narrow_screens_never_scroll_the_page_sideways(browser, server, width):
    """On a phone or a small window long code scrolls inside its box, never the page."""
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    try:
        for name in reading_order():
            open_page(page, f"{server}/{name}.html")
            open_every_fold(page)
            assert page.evaluate("document.documentElement.scrollWidth") <= width, f"{name} at {width} px"
    finally:
        context.close()


@pytest.mark.parametrize("name", reading_order())
def test_no_cell_output_is_an_empty_box(page, server, name):
    """Training cells store an empty display (the progress line that Jupyter updates in
    place); course_site.py leaves it off the page, and so must any other empty output."""
    open_page(page, f"{server}/{name}.html")
    open_every_fold(page)
    empty = page.eval_on_selector_all(
        "article .cell_output, article .cell_output > *",
        """outputs => outputs.filter(o => !o.innerText.trim()
                && ![...o.querySelectorAll("img, svg, canvas, video, iframe")].some(m => !m.closest("button")))
            .map(o => `${o.className} after: ${(o.closest(".cell").innerText || "").trim().slice(0, 50)}`)""",
    )
    assert empty == [], f"{name}: empty output boxes: {empty}"
