"""Signing in and out, the frame every view shares, GraphiQL from the same build, and the
server's headers: in headless Chromium, on both stores."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx
import pytest
from playwright.sync_api import Page, expect

from tests.helpers.browser import App, Watch


def test_a_deep_link_asks_for_a_key_then_opens_and_the_key_stays_in_the_tab(
    page: Page, app: App, sign_in: Callable[[Page, str, str], None], watch: Watch
) -> None:
    watch.allow("status of 401")  # the wrong key, refused
    page.goto(f"{app.url}/people?search=zz-nobody")
    expect(page.get_by_label("API key")).to_be_visible()
    page.get_by_label("API key").fill("osk_" + "x" * 43)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("alert")).to_contain_text("not accepted")

    sign_in(page, "viewer", "/people?search=zz-nobody")
    expect(page).to_have_url(f"{app.url}/people?search=zz-nobody")
    expect(page.get_by_test_id("signed-in")).to_contain_text("Test viewer")
    stored = page.evaluate("() => [{...sessionStorage}, {...localStorage}, location.href]")
    session, local, href = stored
    assert list(session.values()) == [app.keys["viewer"]], "the key lives in the tab only"
    assert app.keys["viewer"] not in str(local) and app.keys["viewer"] not in href

    page.reload()
    expect(page.get_by_test_id("signed-in")).to_be_visible()
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_label("API key")).to_be_visible()
    assert page.evaluate("() => sessionStorage.length") == 0


@pytest.mark.one_store
def test_graphiql_comes_from_the_server_and_runs_with_the_tabs_key(
    page: Page, app: App, sign_in: Callable[[Page, str, str], None]
) -> None:
    sign_in(page, "viewer", "/")
    page.goto(f"{app.url}/graphql")
    page.wait_for_load_state("networkidle")  # the schema's introspection
    page.get_by_role("button", name="Execute query (Ctrl-Enter)").click()
    expect(page.locator(".graphiql-response")).to_contain_text('"role": "VIEWER"')


@pytest.mark.one_store
def test_pages_carry_a_strict_policy_and_assets_are_cached(app: App) -> None:
    page = httpx.get(f"{app.url}/communities")
    assert page.status_code == 200 and page.headers["cache-control"] == "no-cache"
    policy = page.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert "default-src 'none'" in policy and "frame-ancestors 'none'" in policy
    assets = [part.split('"')[0] for part in page.text.split('src="')[1:]]
    assert assets and all(src.startswith("/assets/") for src in assets)
    asset = httpx.get(app.url + assets[0], headers={"Accept-Encoding": "gzip"})
    assert asset.headers["cache-control"] == "public, max-age=31536000, immutable"
    assert asset.headers["content-encoding"] == "gzip"
    assert asset.headers["content-type"].startswith("text/javascript")
    assert httpx.get(f"{app.url}/assets/%2e%2e/%2e%2e/app.py").status_code == 404
    assert httpx.get(f"{app.url}/readyz/nope").status_code == 404


@pytest.mark.one_store
def test_a_viewer_sees_every_view_without_serious_accessibility_problems(
    page: Page,
    app: App,
    sign_in: Callable[[Page, str, str], None],
    accessibility_problems: Callable[[Page], list[dict[str, Any]]],
) -> None:
    sign_in(page, "viewer", "/map")
    for path in ("/map", "/communities", "/advocates", "/programme", "/queue", "/trends",
                 "/alerts", "/identity", "/people?search=ca"):  # fmt: skip
        page.goto(app.url + path)
        expect(page.locator("main h1")).to_be_visible()
        page.wait_for_load_state("networkidle")
        assert accessibility_problems(page) == [], path
