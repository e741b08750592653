"""Trends and review: the window's channels, topics and touchpoints as the API counts them,
the window kept in the URL, a touchpoint picked out, and a print that leaves the app's frame
out; in headless Chromium, on both stores."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.helpers.browser import App

SHOWN_ROWS = 15  # rows a table of the review shows before "show all"

TRENDS = """
query BrowserTrends($since: DateTime!, $until: DateTime!) {
  channelTrends(first: 15, since: $since, until: $until) { key posts }
  topics(first: 15, since: $since, until: $until) { key posts }
  touchpoints(since: $since, until: $until) { key posts }
}
"""


def api_figures(app: App, days: int) -> dict[str, list[tuple[str, int]]]:
    """Each table's (key, posts) for the last ``days`` days, today included, as the API
    counts them."""
    today = datetime.now(UTC).date()
    since, until = today - timedelta(days=days - 1), today + timedelta(days=1)
    data = app.graphql(TRENDS, "viewer", since=f"{since}T00:00:00Z", until=f"{until}T00:00:00Z")
    return {name: [(t["key"], t["posts"]) for t in trends] for name, trends in data.items()}


def count(text: str) -> int:
    return int(re.sub(r"\D", "", text))


def table(page: Page, name: str) -> list[tuple[str, int]]:
    rows = page.get_by_test_id(name).locator("tbody tr").all()
    return [
        (str(r.get_attribute("data-key")), count(r.locator("td.posts").inner_text())) for r in rows
    ]


def day_in_words(day: date) -> str:
    return f"{day:%b} {day.day}, {day.year}"


def settled(page: Page, days: int, bucket: str = "week") -> None:
    """The review of the last ``days`` days, grouped by ``bucket``, is drawn."""
    today = datetime.now(UTC).date()
    first = today - timedelta(days=days - 1)
    review = page.locator("[data-window]")
    expect(review).to_have_attribute("data-window", f"{first}/{today}/{bucket}")
    expect(page.locator("main .loading")).to_have_count(0)


def shown_figures(page: Page) -> dict[str, list[tuple[str, int]]]:
    every_touchpoint = page.locator("#touchpoints").get_by_role("button", name=re.compile("^Show"))
    if every_touchpoint.count():
        every_touchpoint.click()
    return {
        "channelTrends": table(page, "channels-table"),
        "topics": table(page, "topics-table"),
        # Touchpoints are listed by their shift in tone, not by volume.
        "touchpoints": sorted(table(page, "touchpoints-table")),
    }


def expected(figures: dict[str, list[tuple[str, int]]]) -> dict[str, list[tuple[str, int]]]:
    return {
        "channelTrends": figures["channelTrends"][:SHOWN_ROWS],
        "topics": figures["topics"][:SHOWN_ROWS],
        "touchpoints": sorted(figures["touchpoints"]),
    }


def test_the_review_shows_the_apis_figures_for_the_window_the_url_holds(
    page: Page, app: App, sign_in: Callable[[Page, str, str], None]
) -> None:
    wide, narrow = api_figures(app, 180), api_figures(app, 30)
    assert wide["topics"] and wide["channelTrends"] and wide["touchpoints"], "the demo talks"
    assert wide != narrow, "the demo's posts spread over more than 30 days"

    sign_in(page, "viewer", "/trends?last=180")
    settled(page, 180)
    assert shown_figures(page) == expected(wide)

    page.get_by_label("Period").select_option(label="Last 30 days")
    expect(page).to_have_url(re.compile(r"[?&]last=30(&|$)"))
    settled(page, 30)
    assert shown_figures(page) == expected(narrow)

    page.get_by_label("Group by").select_option(label="Day")
    expect(page).to_have_url(re.compile(r"[?&]bucket=day(&|$)"))
    expect(page).to_have_url(re.compile(r"[?&]last=30(&|$)"))
    settled(page, 30, "day")
    assert shown_figures(page) == expected(narrow)

    page.go_back()
    settled(page, 30)


@pytest.mark.one_store
def test_a_touchpoint_can_be_looked_at_alone_and_shown_among_the_others_again(
    page: Page, app: App, sign_in: Callable[[Page, str, str], None]
) -> None:
    touchpoints = [key for key, _ in api_figures(app, 90)["touchpoints"]]
    assert len(touchpoints) > 1, "the demo's posts talk about several touchpoints"
    chosen = touchpoints[-1]

    sign_in(page, "viewer", f"/trends?touchpoint={chosen}#touchpoints")
    rows = page.get_by_test_id("touchpoints-table").locator("tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first).to_have_attribute("data-key", chosen)

    page.get_by_role("link", name="Show every touchpoint").click()
    expect(rows).to_have_count(len(touchpoints))
    assert "touchpoint=" not in page.url


@pytest.mark.one_store
def test_the_review_prints_as_a_report_without_the_apps_frame(
    page: Page,
    app: App,
    sign_in: Callable[[Page, str, str], None],
    accessibility_problems: Callable[[Page], list[dict[str, Any]]],
    keep_screenshot: Callable[[Page, str], None],
) -> None:
    sign_in(page, "manager", "/trends?last=90")
    expect(page.get_by_test_id("channels-table")).to_be_visible()
    page.wait_for_load_state("networkidle")
    assert accessibility_problems(page) == []
    keep_screenshot(page, "trends")
    navigation = page.get_by_role("navigation", name="Views")
    expect(navigation).to_be_visible()
    expect(page.get_by_role("button", name="Print")).to_be_visible()

    page.emulate_media(media="print")
    expect(navigation).to_be_hidden()
    expect(page.get_by_role("button", name="Print")).to_be_hidden()
    expect(page.get_by_role("form", name="Review window")).to_be_hidden()
    # The window is in the printed title: the last 90 days, up to today.
    today = datetime.now(UTC).date()
    expect(page.locator("main h1")).to_be_visible()
    expect(page.locator("main h1")).to_contain_text(day_in_words(today))

    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF-")
    pages = len(re.findall(rb"/Type\s*/Page\b(?!s)", pdf))
    # The title and summary, then channels, topics, touchpoints and communities, each from a
    # page of its own.
    assert pages >= 5, pages
