"""Communities as clusters with what they talk about: the list as the API profiles each one,
and a community's page with its members (paged) and its part of the map. In headless
Chromium, on both stores; expected values come from the API."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.helpers.browser import App

COMMUNITIES = """{ communities(first: 24) {
  id size topTopics mainChannels topVoices { id } } }"""
MEMBERS = """query ($id: ID!, $after: String) {
  community(id: $id) { members(first: 25, after: $after) {
    edges { node { id } } pageInfo { hasNextPage endCursor } } } }"""
MAP = """query ($id: ID!) {
  influencerMap(first: 150, communityId: $id) { nodes { person { id } } edges { source } } }"""
LAYOUT_MS = 60_000


def member_ids(page: Page) -> list[str]:
    links = page.get_by_test_id("community-members").locator("tbody th a")
    return [str(href).removeprefix("/people/") for href in links.evaluate_all(
        "links => links.map(link => link.getAttribute('href'))")]  # fmt: skip


def test_the_list_shows_each_community_as_the_api_profiles_it(
    page: Page,
    app: App,
    sign_in: Callable[[Page, str, str], None],
    accessibility_problems: Callable[[Page], list[dict[str, Any]]],
    keep_screenshot: Callable[[Page, str], None],
) -> None:
    communities = app.graphql(COMMUNITIES, "viewer")["communities"]
    assert communities, "the demo is ranked at load: it has communities"
    sign_in(page, "viewer", "/communities")
    cards = page.locator(".community-card")
    expect(cards).to_have_count(len(communities))
    for rank, (card, community) in enumerate(zip(cards.all(), communities, strict=True), 1):
        title = card.get_by_role("heading", level=2).get_by_role("link")
        expect(title).to_have_text(f"Community {rank}")
        expect(title).to_have_attribute("href", f"/communities/{community['id']}")
        expect(card).to_contain_text(f"{community['size']:,} member")
        for topic in community["topTopics"]:
            # a hashtag as people write it; a key phrase as it is
            expect(card).to_contain_text(topic if " " in topic else f"#{topic}")
        voices = card.locator(".community-profile a[href^='/people/']")
        expect(voices).to_have_count(min(5, len(community["topVoices"])))
        expect(card.get_by_role("link", name="Show on the map")).to_have_attribute(
            "href", f"/map?community={community['id']}"
        )
    page.wait_for_load_state("networkidle")  # the tone charts
    assert accessibility_problems(page) == []
    keep_screenshot(page, "communities")


def test_a_community_shows_its_members_and_its_map(
    page: Page,
    app: App,
    sign_in: Callable[[Page, str, str], None],
    accessibility_problems: Callable[[Page], list[dict[str, Any]]],
    keep_screenshot: Callable[[Page, str], None],
) -> None:
    communities = app.graphql(COMMUNITIES, "viewer")["communities"]
    # One with more than a page of members, to page through.
    rank, community = next((i, c) for i, c in enumerate(communities, 1) if c["size"] > 25)
    first = app.graphql(MEMBERS, "viewer", id=community["id"])["community"]["members"]
    cursor = first["pageInfo"]["endCursor"]
    second = app.graphql(MEMBERS, "viewer", id=community["id"], after=cursor)
    drawn = app.graphql(MAP, "viewer", id=community["id"])["influencerMap"]

    sign_in(page, "viewer", "/communities")
    page.get_by_role("link", name=f"Community {rank}", exact=True).click()
    expect(page).to_have_url(f"{app.url}/communities/{community['id']}")
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Community {rank}")

    expect(page.get_by_test_id("community-members").locator("tbody tr")).to_have_count(
        len(first["edges"])
    )
    assert member_ids(page) == [edge["node"]["id"] for edge in first["edges"]]

    shown = page.locator("[data-testid=influencer-map][data-drawn=true]")
    expect(shown).to_have_attribute("data-layout", re.compile("settled|stopped"), timeout=LAYOUT_MS)
    expect(shown).to_have_attribute("data-nodes", str(len(drawn["nodes"])))
    expect(shown).to_have_attribute("data-edges", str(len(drawn["edges"])))
    legend = page.locator(".map-legend li")
    expect(legend).to_have_count(1)
    expect(legend).to_contain_text(f"Community {rank}")
    page.wait_for_load_state("networkidle")
    assert accessibility_problems(page) == []
    keep_screenshot(page, "community")

    pager = page.get_by_role("navigation", name="Pages of members")
    pager.get_by_role("button", name="Next").click()
    expect(pager).to_contain_text("Page 2")
    expected = [edge["node"]["id"] for edge in second["community"]["members"]["edges"]]
    first_member = page.get_by_test_id("community-members").locator("tbody th a").first
    expect(first_member).to_have_attribute("href", f"/people/{expected[0]}")
    assert member_ids(page) == expected

    page.get_by_role("link", name="Open on the influencer map").click()
    expect(page).to_have_url(f"{app.url}/map?community={community['id']}")
    expect(page.get_by_label("Community", exact=True)).to_have_value(community["id"])


@pytest.mark.one_store
def test_an_unknown_community_says_so(
    page: Page, app: App, sign_in: Callable[[Page, str, str], None]
) -> None:
    sign_in(page, "viewer", "/communities/c-nobody")
    expect(page.get_by_text("There is no such community")).to_be_visible()
    expect(page.get_by_role("link", name="All communities")).to_have_attribute(
        "href", "/communities"
    )
