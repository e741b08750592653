"""Identity review: the proposed links as the API lists them (by kind), a manager confirming
one and rejecting another (both leave the review list, decided by the key's name), then
undoing the confirmed one; a viewer without decision controls: in headless Chromium, on both
stores. Expected values come from the API (other tests may have decided links before)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from playwright.sync_api import Locator, Page, expect

from tests.helpers.browser import App

PAGE = 10  # the app's page of links

LINKS = """
query ($kind: IdentityLinkKind, $status: IdentityLinkStatus, $first: Int!) {
  identityLinks(kind: $kind, status: $status, first: $first) {
    edges { node { id kind } }
  }
}"""

DECIDED = """
query ($status: IdentityLinkStatus) {
  identityLinks(status: $status, order: LATEST_DECISION, first: 5) {
    edges { node { id status decidedBy note } }
  }
}"""


def links(app: App, status: str, kind: str | None = None) -> list[Any]:
    data = app.graphql(LINKS, "viewer", kind=kind, status=status, first=PAGE)
    return [edge["node"] for edge in data["identityLinks"]["edges"]]


def decided(app: App, link_id: str, status: str) -> dict[str, Any] | None:
    """The link among the latest decisions of ``status``."""
    edges = app.graphql(DECIDED, "viewer", status=status)["identityLinks"]["edges"]
    return next((edge["node"] for edge in edges if edge["node"]["id"] == link_id), None)


def listed(page: Page) -> list[str]:
    """The links listed, once the list has its filters' page."""
    expect(page.locator(".identity-list")).to_have_attribute("aria-busy", "false")
    return [str(card.get_attribute("data-link")) for card in page.locator("[data-link]").all()]


def card(page: Page, link_id: str) -> Locator:
    return page.locator(f'[data-link="{link_id}"]')


def test_the_review_list_is_the_apis_by_kind(
    page: Page, app: App, sign_in: Callable[[Page, str, str], None]
) -> None:
    expected = [link["id"] for link in links(app, "PROPOSED")]
    sign_in(page, "viewer", "/identity")
    if not expected:
        expect(page.get_by_text("Nothing to review")).to_be_visible()
        return
    expect(page.locator("[data-link]").first).to_have_attribute("data-link", expected[0])
    assert listed(page) == expected
    for name in ("Confirm", "Reject", "Undo"):
        expect(page.get_by_role("button", name=name)).to_have_count(0)

    for kind, label in (
        ("PERSON_PERSON", "Person ↔ person"),
        ("PERSON_CUSTOMER", "Person ↔ customer"),
    ):
        of_kind = [link["id"] for link in links(app, "PROPOSED", kind)]
        page.get_by_label("What the link joins").select_option(label=label)
        expect(page).to_have_url(f"{app.url}/identity?kind={kind}")
        if of_kind:
            expect(page.locator("[data-link]").first).to_have_attribute("data-link", of_kind[0])
            assert listed(page) == of_kind
            expect(page.locator("[data-link] .badge.kind").first).to_have_text(label)


def test_a_manager_confirms_rejects_then_undoes_links(
    page: Page,
    app: App,
    sign_in: Callable[[Page, str, str], None],
    accessibility_problems: Callable[[Page], list[dict[str, Any]]],
    keep_screenshot: Callable[[Page, str], None],
) -> None:
    proposed = links(app, "PROPOSED", "PERSON_CUSTOMER")
    assert len(proposed) >= 2, "the demo proposes person-customer links to review"
    confirmed, rejected = proposed[0]["id"], proposed[1]["id"]

    sign_in(page, "manager", "/identity?kind=PERSON_CUSTOMER")
    expect(card(page, confirmed).locator(".evidence-table tbody tr").first).to_be_visible()
    keep_screenshot(page, "identity")

    card(page, confirmed).get_by_role("button", name="Confirm", exact=True).click()
    card(page, confirmed).get_by_label("Note (optional)").fill("checked the order history")
    assert accessibility_problems(page) == [], "with the confirm form open"
    card(page, confirmed).get_by_role("button", name="Link the person to the customer").click()
    expect(card(page, confirmed)).to_have_count(0)
    expect(page.locator(".action-status")).to_contain_text("Link confirmed")

    card(page, rejected).get_by_role("button", name="Reject", exact=True).click()
    card(page, rejected).get_by_label("Reason").fill("a namesake")
    card(page, rejected).get_by_role("button", name="Reject the link").click()
    expect(card(page, rejected)).to_have_count(0)
    expect(page.locator(".action-status")).to_contain_text("Link rejected")

    applied = decided(app, confirmed, "APPLIED")
    assert applied is not None and "Test manager" in applied["decidedBy"]
    assert applied["note"] == "checked the order history"
    refused = decided(app, rejected, "REJECTED")
    assert refused is not None and "Test manager" in refused["decidedBy"]
    assert refused["note"] == "a namesake"

    # The decided lists read as an audit trail: the latest decision first.
    tabs = page.get_by_role("navigation", name="Links by status")
    tabs.get_by_role("link", name="Rejected or undone").click()
    expect(page.locator("[data-link]").first).to_have_attribute("data-link", rejected)
    tabs.get_by_role("link", name="Applied").click()
    expect(page.locator("[data-link]").first).to_have_attribute("data-link", confirmed)
    undo = card(page, confirmed)
    expect(undo.locator(".decided-by")).to_have_text("Test manager")
    undo.get_by_role("button", name="Undo", exact=True).click()
    undo.get_by_label("Reason").fill("wrong customer after all")
    undo.get_by_role("button", name="Undo the link").click()
    expect(card(page, confirmed)).to_have_count(0)
    expect(page.locator(".action-status")).to_contain_text("Link undone")
    undone = decided(app, confirmed, "REJECTED")
    assert undone is not None and undone["note"] == "undone: wrong customer after all"
    assert accessibility_problems(page) == []
