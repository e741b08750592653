"""Alerts: one raised by an ingest appears live, with its post and its person, and the
navigation's badge counts it in another tab until the alerts are looked at; scanning is for
managers. In headless Chromium, on both stores."""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any
from urllib.parse import quote

import httpx
from playwright.sync_api import BrowserContext, Page, expect

from graph.model.alerts import INFLUENTIAL
from tests.helpers.browser import App, Watch

INFLUENTIAL_PEOPLE = """
query BrowserInfluential {
  influencers(first: 100) {
    person {
      id
      displayName
      accounts { platform handle }
      scores { name factors { name value } }
    }
  }
}
"""


def influential_on_mastodon(app: App) -> tuple[dict[str, Any], str]:
    """A person influential enough for their negative posts to raise an alert (their
    influence percentile, as the advocacy score weighs it), and their Mastodon handle."""
    for ranked in app.graphql(INFLUENTIAL_PEOPLE, "viewer")["influencers"]:
        person = ranked["person"]
        advocacy = [s for s in person["scores"] if s["name"] == "advocacy"]
        influence = {f["name"]: f["value"] for s in advocacy for f in s["factors"]}.get("influence")
        handles = [a["handle"] for a in person["accounts"] if a["platform"] == "mastodon"]
        if influence is not None and influence >= INFLUENTIAL and handles:
            return person, handles[0]
    raise AssertionError("the demo has no influential person on Mastodon")


def status(handle: str, text: str) -> tuple[str, str]:
    """A Mastodon status by ``handle`` (as Osmosi stores it, ``user@instance`` or not), and
    its URL."""
    status_id = str(time.time_ns())
    user = handle.split("@")[0]
    url = f"https://mastodon.example/@{user}/{status_id}"
    body = {
        "id": status_id,
        "created_at": datetime.now(UTC).isoformat(),
        "language": "en",
        "url": url,
        "content": f"<p>{text}</p>",
        "account": {"id": f"browser-{user}", "username": user, "acct": handle},
        "mentions": [],
        "tags": [],
    }
    return json.dumps(body), url


def ingest(app: App, body: str) -> None:
    headers = {"Authorization": f"Bearer {app.keys['manager']}"}
    accepted = httpx.post(
        f"{app.url}/ingest/mastodon?source=browser-alerts", content=body, headers=headers
    )
    assert accepted.status_code == 202, accepted.text
    for _ in range(300):
        job = httpx.get(app.url + accepted.json()["status_url"], headers=headers).json()
        if job["status"] in ("done", "failed"):
            assert (job["status"], job["stored"]) == ("done", 1), job
            return
        time.sleep(0.1)
    raise AssertionError("the ingest did not finish")


def badge_count(page: Page) -> int:
    badge = page.get_by_test_id("alerts-badge")
    return int(re.sub(r"\D", "", badge.inner_text())) if badge.count() else 0


def watched(page: Page, watch: Watch) -> Page:
    """A second tab, failing the test on console errors as the first does."""
    page.on("console", lambda m: watch.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda error: watch.errors.append(f"uncaught: {error}"))
    return page


def test_an_alert_raised_by_an_ingest_appears_live_with_its_post_and_person(
    page: Page,
    context: BrowserContext,
    app: App,
    watch: Watch,
    sign_in: Callable[[Page, str, str], None],
    accessibility_problems: Callable[[Page], list[dict[str, Any]]],
    keep_screenshot: Callable[[Page, str], None],
) -> None:
    person, handle = influential_on_mastodon(app)
    sign_in(page, "manager", "/alerts")
    expect(page.get_by_text("Live: new alerts appear")).to_be_visible()
    elsewhere = watched(context.new_page(), watch)  # its own tab: it signs in again
    sign_in(elsewhere, "viewer", "/trends")
    page.wait_for_load_state("networkidle")
    elsewhere.wait_for_load_state("networkidle")
    before = badge_count(elsewhere)

    text = "Terrible service and an awful delivery, the worst ever. I hate it, never again!"
    body, url = status(handle, text)
    ingest(app, body)

    card = page.get_by_test_id("live-alerts").locator("article", has_text=text)
    expect(card).to_be_visible(timeout=20_000)
    expect(card.get_by_role("heading")).to_have_text("Negative post by an influential person")
    expect(card.locator(".post-text")).to_have_text(text)
    expect(card.get_by_role("link", name="Open the original post")).to_have_attribute("href", url)
    name = (person["displayName"] or "").strip() or f"@{person['accounts'][0]['handle']}"
    person_link = card.get_by_role("link", name=name)
    expect(person_link).to_have_attribute("href", f"/people/{quote(person['id'], safe='')}")
    expect(page.get_by_test_id("alerts-announcer")).to_have_text(
        "New alert: Negative post by an influential person"
    )
    # The tab showing the alerts counts nothing as unseen; the other one counts the alert.
    expect(page.get_by_test_id("alerts-badge")).to_have_count(0)
    deadline = time.monotonic() + 20
    while badge_count(elsewhere) <= before and time.monotonic() < deadline:
        elsewhere.wait_for_timeout(200)
    assert badge_count(elsewhere) > before

    assert accessibility_problems(page) == []
    keep_screenshot(page, "alerts")

    # Looking at the alerts clears the badge, and it stays cleared on the way elsewhere.
    navigation = elsewhere.get_by_role("navigation", name="Views")
    navigation.get_by_role("link", name=re.compile("^Alerts")).click()
    expect(
        elsewhere.get_by_test_id("live-alerts").locator("article", has_text=text)
    ).to_be_visible()
    expect(elsewhere.get_by_test_id("alerts-badge")).to_have_count(0)
    navigation.get_by_role("link", name="Trends and review").click()
    expect(elsewhere.locator("main h1")).to_contain_text("Trends and review")
    expect(elsewhere.get_by_test_id("alerts-badge")).to_have_count(0)

    person_link.click()
    expect(page).to_have_url(f"{app.url}/people/{quote(person['id'], safe='')}")


def test_only_managers_scan_for_alerts(
    page: Page, app: App, sign_in: Callable[[Page, str, str], None]
) -> None:
    sign_in(page, "viewer", "/alerts")
    expect(page.get_by_role("heading", name="Alerts", exact=True)).to_be_visible()
    expect(page.get_by_role("button", name="Scan now")).to_have_count(0)

    page.get_by_role("button", name="Sign out").click()
    sign_in(page, "manager", "/alerts")
    page.get_by_role("button", name="Scan now").click()
    expect(page.get_by_role("status").filter(has_text="The scan")).to_be_visible()
