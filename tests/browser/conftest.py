"""The web app as users get it: ``osmosi serve --demo`` (on each store), driven in Debian's
headless Chromium through Playwright.

Every page a test opens is watched: a request to anywhere but the server under test is
blocked and fails the test, and so does any console error or uncaught exception (a CSP
violation is one). Outside CI a missing browser or build skips these tests; with
``CI=true`` it fails them.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from playwright.sync_api import (
    Browser,
    BrowserContext,
    Page,
    Playwright,
    expect,
    sync_playwright,
)

from graph.neo4j import Neo4jGraphStore
from tests.helpers import ROOT
from tests.helpers.browser import App, Watch
from tests.helpers.serving import Server, clean_env, free_port, serving
from tests.helpers.stores import missing_service, neo4j_env

BUILD = ROOT / "server" / "web" / "index.html"
AXE = ROOT / "web" / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = ROOT / "docs" / "screenshots"
CHROMIUM = os.environ.get("OSMOSI_TEST_CHROMIUM", "/usr/bin/chromium")
# As the machine's own probe starts it: no sandbox as root, and no background traffic to
# Google's hosts (which a closed network refuses).
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
START_SECONDS = 600  # the demo is loaded (and ranked) before the server listens
ROLES = ("viewer", "manager", "admin")

START_TIMEOUT = 900
"""pytest-timeout's limit for these tests: the first of each store waits for the demo."""

# How long an expectation waits for the page to show what it expects, at most: a view that
# computes on request took over Playwright's 5 s on a busy 2-core machine.
expect.set_options(timeout=20_000)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Marks the browser tests; and runs those marked ``one_store`` (what a view does with
    what it is given: layout, keyboard, language, accessibility, escaping) on the embedded
    store only, since both stores give it the same answers (the contract suite proves that)."""
    here = Path(__file__).parent
    kept, left = [], []
    for item in items:
        if here in item.path.parents:
            item.add_marker(pytest.mark.browser)
            item.add_marker(pytest.mark.timeout(START_TIMEOUT))
            if item.get_closest_marker("one_store") and _store_of(item) != "embedded":
                left.append(item)
                continue
        kept.append(item)
    if left:
        config.hook.pytest_deselected(items=left)
        items[:] = kept


def _store_of(item: pytest.Item) -> str | None:
    callspec = getattr(item, "callspec", None)
    return None if callspec is None else callspec.params.get("app")


# The rankings stay as the demo left them while the tests compare pages with the API (the
# schedule that recomputes them after ingests has tests of its own).
FIXED_RANKINGS = {"OSMOSI_RANK_EVERY_MINUTES": "0", "OSMOSI_RANK_AFTER_INGEST_SECONDS": "0"}


def _environment(backend: str, tmp: Path, request: pytest.FixtureRequest) -> dict[str, str]:
    if backend == "embedded":
        return clean_env(OSMOSI_DATA_DIR=str(tmp / "data"), **FIXED_RANKINGS)
    neo4j: Neo4jGraphStore = request.getfixturevalue("neo4j_server")
    neo4j.clear()
    return clean_env(**FIXED_RANKINGS, **neo4j_env())


def _wait_until_serving(url: str, server: Server) -> None:
    deadline = time.monotonic() + START_SECONDS
    while time.monotonic() < deadline:
        assert server.process.poll() is None, f"osmosi serve exited:\n{server.output()}"
        try:
            if httpx.get(f"{url}/healthz", timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            time.sleep(0.5)
    raise AssertionError(f"osmosi serve did not answer in time:\n{server.stacks()}")


@pytest.fixture(
    scope="package",
    params=["embedded", pytest.param("neo4j", marks=pytest.mark.neo4j)],
)
def app(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[App]:
    """``osmosi serve --demo`` on each store, with a key of every role."""
    if not BUILD.is_file():
        missing_service(f"the web app is not built ({BUILD} is missing): run `make web`")
    backend = str(request.param)
    cwd = tmp_path_factory.mktemp(f"app-{backend}")
    env = _environment(backend, cwd, request)
    port = free_port()
    with serving(["--demo", "--port", str(port)], cwd=cwd, env=env) as server:
        running = App(f"http://127.0.0.1:{port}", backend, env, cwd, server)
        running.keys["admin"] = server.wait_for("admin key: ", time.monotonic() + START_SECONDS)
        _wait_until_serving(running.url, server)
        for role in ("viewer", "manager"):
            created = running.osmosi("keys", "create", "--role", role, "--name", f"Test {role}")
            running.keys[role] = created.splitlines()[-1].strip()
        yield running


# Package-scoped: Playwright's sync API holds an event loop while it runs, which would
# break the asyncio.run() of tests outside this package.
@pytest.fixture(scope="package")
def playwright() -> Iterator[Playwright]:
    with sync_playwright() as driver:
        yield driver


@pytest.fixture(scope="package")
def chromium(playwright: Playwright) -> Iterator[Browser]:
    if not Path(CHROMIUM).is_file():
        missing_service(f"no Chromium at {CHROMIUM}: run services/install-chromium.sh")
    browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    yield browser
    browser.close()


@pytest.fixture
def watch() -> Watch:
    return Watch()


@pytest.fixture
def browser_locale() -> str:
    """The browser's language (a test module overrides it to work in another)."""
    return "en-GB"


@pytest.fixture
def context(
    chromium: Browser, app: App, watch: Watch, browser_locale: str
) -> Iterator[BrowserContext]:
    """A fresh browser profile (no session storage) that may reach only the app."""
    context = chromium.new_context(viewport={"width": 1400, "height": 900}, locale=browser_locale)
    origin, socket_origin = app.url, app.url.replace("http://", "ws://")

    def leaves(url: str) -> bool:
        return not (url.startswith((f"{origin}/", f"{socket_origin}/")) or url == origin)

    def refuse(route: Any) -> None:
        watch.outside.append(route.request.url)
        route.abort()

    context.route(leaves, refuse)
    yield context
    context.close()


@pytest.fixture
def page(context: BrowserContext, watch: Watch, app: App) -> Iterator[Page]:
    page = context.new_page()
    page.on("console", lambda m: watch.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda error: watch.errors.append(f"uncaught: {error}"))
    page.on(
        "websocket",
        lambda socket: None if socket.url.startswith(app.url.replace("http", "ws")) else
        watch.outside.append(socket.url),
    )  # fmt: skip
    yield page
    assert watch.outside == [], f"the page reached outside the server: {watch.outside}"
    assert watch.unexpected_errors() == [], f"the page logged errors: {watch.errors}"


@pytest.fixture
def sign_in(app: App) -> Callable[[Page, str, str], None]:
    """Open ``path`` and sign in there with the key of ``role``."""

    def signed_in(page: Page, role: str = "manager", path: str = "/") -> None:
        page.goto(app.url + path)
        page.get_by_label("API key").fill(app.keys[role])
        page.get_by_role("button", name="Sign in").click()
        page.get_by_test_id("signed-in").wait_for()

    return signed_in


@pytest.fixture
def accessibility_problems() -> Callable[[Page], list[dict[str, Any]]]:
    """axe-core's serious and critical violations on a page as it is now (axe runs through
    the DevTools protocol, which the page's CSP does not govern)."""

    def problems(page: Page) -> list[dict[str, Any]]:
        page.evaluate(AXE.read_text(encoding="utf-8"))
        found: list[dict[str, Any]] = page.evaluate(
            "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
            ".filter(v => ['serious', 'critical'].includes(v.impact))"
            ".map(v => ({id: v.id, impact: v.impact, help: v.help,"
            " nodes: v.nodes.slice(0, 5).map(n => n.target.join(' '))}))"
        )
        return found

    return problems


@pytest.fixture
def keep_screenshot() -> Callable[[Page, str], None]:
    """Keep a page as docs/screenshots/NAME.png when OSMOSI_SCREENSHOTS=1 (README shows
    them; ``make screenshots`` renews them)."""

    def keep(page: Page, name: str) -> None:
        if os.environ.get("OSMOSI_SCREENSHOTS") == "1":
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(SCREENSHOTS / f"{name}.png"))

    return keep
