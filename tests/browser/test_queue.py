"""The response queue: conversations by business function in the API's order, a manager
assigning, answering and dismissing them (the metrics following), a viewer without action
controls, and the unanswered questions: in headless Chromium, on both stores. Expected values
come from the API (other tests may have closed conversations before)."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import Any
from urllib.parse import urlencode

from playwright.sync_api import Locator, Page, expect

from tests.helpers.browser import App

PAGE = 25  # the app's page of conversations
METRICS_SECONDS = 30

QUEUE = """
query ($function: BusinessFunction, $status: ConversationStatus, $overdue: Boolean!,
       $first: Int!) {
  responseQueue(function: $function, status: $status, overdue: $overdue, first: $first) {
    edges { node { id receivedAt } }
  }
}"""

CONVERSATION = """
query ($id: ID!) {
  conversation(id: $id) { status owner answer answeredBy dismissedReason }
}"""

METRICS = """
{ responseMetrics(groupBy: [FUNCTION, WEEK]) { function week answered dismissed open } }"""

UNANSWERED = """
query ($hours: Float!) {
  unansweredQuestions(olderThanHours: $hours, first: 10) { edges { node { id } } }
}"""

FUNCTION_TABS = {
    "CUSTOMER_CARE": "Customer care",
    "SALES": "Sales",
    "PRODUCT": "Product",
    "MARKETING": "Marketing",
    "PR": "PR",
}


def week_of(received_at: str) -> str:
    """Monday of the ISO week (UTC) a post was made in, as the metrics group it."""
    day: date = datetime.fromisoformat(received_at).date()
    return (day - timedelta(days=day.weekday())).isoformat()


def metrics(app: App) -> dict[tuple[str, str], dict[str, Any]]:
    rows = app.graphql(METRICS, "viewer")["responseMetrics"]
    return {(row["function"], row["week"]): row for row in rows}


def busiest_function(app: App) -> str:
    """The function with the most open conversations (the demo routes to several)."""
    open_by_function: dict[str, int] = {}
    for (function, _), row in metrics(app).items():
        open_by_function[function] = open_by_function.get(function, 0) + row["open"]
    return max(open_by_function, key=lambda function: open_by_function[function])


def conversations(
    app: App, function: str | None, status: str = "OPEN", overdue: bool = False
) -> list[Any]:
    data = app.graphql(
        QUEUE, "viewer", function=function, status=status, overdue=overdue, first=PAGE
    )
    return [edge["node"] for edge in data["responseQueue"]["edges"]]


def listed(page: Page) -> list[str]:
    """The conversations listed, once the list has its filters' page (an old page stays on
    view while the new one loads)."""
    expect(page.locator(".queue-list")).to_have_attribute("aria-busy", "false")
    items = page.locator(".conversation-list > li")
    return [str(item.get_attribute("data-conversation")) for item in items.all()]


def item(page: Page, conversation_id: str) -> Locator:
    return page.locator(f'.conversation-list > li[data-conversation="{conversation_id}"]')


def test_the_queue_lists_each_function_and_the_overdue_in_the_apis_order(
    page: Page, app: App, sign_in: Callable[[Page, str, str], None]
) -> None:
    function = busiest_function(app)
    expected = [c["id"] for c in conversations(app, function)]
    assert expected, "the demo has open conversations"

    sign_in(page, "viewer", "/queue")
    tab = page.get_by_role("navigation", name="Business function").get_by_role(
        "link", name=re.compile(rf"^{FUNCTION_TABS[function]}\b")
    )
    tab.click()
    expect(page).to_have_url(f"{app.url}/queue?function={function}")
    expect(tab).to_have_attribute("aria-current", "page")
    expect(page.locator(".conversation-list > li").first).to_have_attribute(
        "data-conversation", expected[0]
    )
    assert listed(page) == expected

    overdue = [c["id"] for c in conversations(app, function, overdue=True)]
    # The filters live in the URL: the box shows checked once the queue follows it.
    page.get_by_label("Overdue only").click()
    expect(page.get_by_label("Overdue only")).to_be_checked()
    if overdue:
        expect(page.locator(".conversation-list > li").first).to_have_attribute(
            "data-conversation", overdue[0]
        )
        assert listed(page) == overdue
        expect(item(page, overdue[0]).locator(".badge.overdue")).to_contain_text("Overdue by")
    else:
        expect(page.get_by_text("no conversation matches these filters")).to_be_visible()
    expect(page.get_by_label("Status")).to_be_disabled()


def test_a_manager_assigns_answers_and_dismisses_and_the_metrics_follow(
    page: Page,
    app: App,
    sign_in: Callable[[Page, str, str], None],
    accessibility_problems: Callable[[Page], list[dict[str, Any]]],
    keep_screenshot: Callable[[Page, str], None],
) -> None:
    function = busiest_function(app)
    found = conversations(app, function)
    assert len(found) >= 2, "the demo has open conversations to act on"
    # The newest: its week is among those the metrics table shows first.
    answered = max(found, key=lambda c: c["receivedAt"])
    dismissed = next(c for c in found if c["id"] != answered["id"])
    key = (function, week_of(answered["receivedAt"]))
    before = metrics(app)[key]

    sign_in(page, "manager", f"/queue?function={function}&conversation={answered['id']}")
    detail = page.locator(".conversation-detail")
    expect(detail.locator(".post-text")).to_be_visible()
    expect(page.locator(".metrics-table")).to_be_visible(timeout=METRICS_SECONDS * 1000)
    keep_screenshot(page, "queue")

    detail.get_by_role("button", name="Assign", exact=True).click()
    expect(page.get_by_label("Assign to")).to_have_value("Test manager")
    page.get_by_label("Assign to").fill("Marta Bianchi")
    assert accessibility_problems(page) == [], "with the assign form open"
    page.get_by_role("button", name="Assign the conversation").click()
    expect(page.locator(".action-status")).to_contain_text("Assigned to Marta Bianchi")
    expect(item(page, answered["id"])).to_contain_text("Marta Bianchi")
    assert app.graphql(CONVERSATION, id=answered["id"])["conversation"]["owner"] == "Marta Bianchi"

    detail.get_by_role("button", name="Record the answer").click()
    page.get_by_label("The answer (its text or a link to it)").fill(
        "https://mastodon.social/@aurora_caffe/1"
    )
    page.get_by_role("button", name="Mark answered").click()
    expect(page.locator(".action-status")).to_contain_text("Marked answered")
    expect(item(page, answered["id"])).to_have_count(0)
    stored = app.graphql(CONVERSATION, id=answered["id"])["conversation"]
    assert stored["status"] == "ANSWERED" and stored["answeredBy"] == "Test manager"

    after = metrics(app)[key]
    assert after["answered"] == before["answered"] + 1
    assert after["open"] == before["open"] - 1
    row = page.locator(f'.metrics-table tr[data-week="{key[1]}"][data-function="{function}"]')
    # The page reads the metrics again after the action (over every conversation: give it time).
    expect(row.locator('[data-figure="answered"]')).to_have_text(
        f"{after['answered']:,}", timeout=METRICS_SECONDS * 1000
    )

    item(page, dismissed["id"]).get_by_role("link").click()
    detail.get_by_role("button", name="Dismiss", exact=True).click()
    page.get_by_label("Why no answer is needed").fill("spam, no answer needed")
    page.get_by_role("button", name="Dismiss the conversation").click()
    expect(page.locator(".action-status")).to_contain_text("Dismissed")
    expect(item(page, dismissed["id"])).to_have_count(0)
    stored = app.graphql(CONVERSATION, id=dismissed["id"])["conversation"]
    assert stored["status"] == "DISMISSED"
    assert stored["dismissedReason"] == "spam, no answer needed"

    page.get_by_label("Status").select_option("DISMISSED")
    expect(page.get_by_label("Status")).to_have_value("DISMISSED")
    closed = [c["id"] for c in conversations(app, function, "DISMISSED")]
    expect(page.locator(".conversation-list > li").first).to_have_attribute(
        "data-conversation", closed[0]
    )
    assert listed(page) == closed
    assert accessibility_problems(page) == []


def test_a_viewer_sees_the_queue_without_action_controls(
    page: Page, app: App, sign_in: Callable[[Page, str, str], None]
) -> None:
    conversation = conversations(app, None)[0]
    sign_in(page, "viewer", f"/queue?conversation={conversation['id']}")
    detail = page.locator(".conversation-detail")
    expect(detail.get_by_role("heading", level=2)).to_be_visible()
    expect(detail.locator(".post-text")).to_be_visible()
    for name in ("Assign", "Record the answer", "Dismiss"):
        expect(page.get_by_role("button", name=name)).to_have_count(0)


def test_the_unanswered_questions_are_those_the_api_gives(
    page: Page,
    app: App,
    sign_in: Callable[[Page, str, str], None],
    accessibility_problems: Callable[[Page], list[dict[str, Any]]],
) -> None:
    expected = [
        edge["node"]["id"]
        for edge in app.graphql(UNANSWERED, "viewer", hours=48)["unansweredQuestions"]["edges"]
    ]
    sign_in(page, "viewer", "/queue")
    section = page.locator(".unanswered")
    section.get_by_label("Waiting longer than (hours)").fill("48")
    section.get_by_role("button", name="Show").click()
    expect(section).to_have_attribute("aria-busy", "false")
    rows = section.locator("tbody tr")
    if expected:
        expect(rows.first).to_have_attribute("data-conversation", expected[0])
        expect(rows).to_have_count(len(expected))
        assert [row.get_attribute("data-conversation") for row in rows.all()] == expected

        section.get_by_role("link", name="Open in the queue").first.click()
        expect(page).to_have_url(f"{app.url}/queue?{urlencode({'conversation': expected[0]})}")
        expect(page.locator(".conversation-detail h2")).to_be_focused()
    else:
        expect(section.get_by_text("No question has been waiting that long")).to_be_visible()
    assert accessibility_problems(page) == []
