"""Advocates by class and how sure each class is, the ambassador shortlist beside its PageRank
baseline with why each ambassador is on it, invitations to the programme, the programme board,
and the brand's own account kept apart: in headless Chromium, on both stores. Expected values
come from the API (other tests may have moved people in the programme before)."""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.helpers.browser import App

SHORTLIST_SECONDS = 120  # computed on request; seconds on the demo, more on a slow machine

ADVOCATES = """
query ($class: AdvocacyClass, $first: Int!) {
  advocates(first: $first, class: $class) {
    class
    confidence
    evidence
    factors { name value }
    person { id displayName accounts { handle } }
  }
}"""

SHORTLIST = """
query ($size: Int!, $customersOnly: Boolean!, $maxPerCommunity: Int) {
  ambassadorShortlist(size: $size, customersOnly: $customersOnly,
                      maxPerCommunity: $maxPerCommunity) {
    expectedReach
    communities
    members { person { id displayName accounts { handle } } }
    picks { class confidence evidence factors { name value } }
    reachGains
    shortfall
    baseline { expectedReach communities members { id displayName accounts { handle } } }
  }
}"""

PROGRAMME = """
query ($id: ID!) {
  person(id: $id) { programme { status note history { status note actor } } }
}"""

COUNTS = """
query {
  CANDIDATE: programmeMembers(status: CANDIDATE, first: 1) { totalCount }
  INVITED: programmeMembers(status: INVITED, first: 1) { totalCount }
  ACTIVE: programmeMembers(status: ACTIVE, first: 1) { totalCount }
  PAUSED: programmeMembers(status: PAUSED, first: 1) { totalCount }
  DECLINED: programmeMembers(status: DECLINED, first: 1) { totalCount }
}"""

BRAND_ACCOUNTS = "query { brandAccounts { account affiliation person { id displayName } } }"

SEARCH = """
query ($search: String!) {
  people(search: $search, first: 50) { edges { node { id affiliation } } }
}"""

# Detractors last: the reload below checks that the last tab chosen stays.
CLASS_TABS = {
    "POTENTIAL_ADVOCATE": "Potential advocates",
    "UNKNOWN": "Unknown",
    "DETRACTOR": "Detractors",
}
CLASS_NAMES = {
    "POTENTIAL_ADVOCATE": "Potential advocate",
    "ADVOCATE": "Advocate",
    "AT_RISK_INFLUENCER": "At-risk influencer",
    "DETRACTOR": "Detractor",
    "NEUTRAL": "Neutral",
    "UNKNOWN": "Unknown",
}


def label(person: dict[str, Any]) -> str:
    """A person as the app names them: their name, else their first handle."""
    name = (person["displayName"] or "").strip()
    return name or f"@{person['accounts'][0]['handle']}"


def reach_text(count: float) -> str:
    """A reach as the app writes it in English: whole people, rounded half up."""
    whole = int(count + 0.5)
    return f"{whole:,} {'person' if whole == 1 else 'people'}"


def sure(probability: float) -> str:
    """A probability as the app writes how sure a class is: a whole percent rounded down and
    never 100 (a class called from 85% never reads less, a posterior is never certain)."""
    return f"{min(99, math.floor(probability * 100 + 1e-9))}%"


def certainty_text(advocate: dict[str, Any]) -> str:
    """How sure an advocate's class is, and the posts about the brand it rests on, as the app
    writes it in English (lib/certainty.ts)."""
    factors = {f["name"]: f["value"] for f in advocate["factors"]}
    positive, negative = factors.get("positive", 0.0), factors.get("negative", 0.0)
    if advocate["class"] == "UNKNOWN":
        side = "positive" if positive >= negative else "negative"
        leaning = max(positive, negative)
        how = (
            f"leans {side} ({sure(leaning)})"
            if leaning > advocate["confidence"]
            else "too little to tell"
        )
    elif advocate["class"] == "NEUTRAL" and positive > 0.5:
        how = f"positive ({sure(positive)} sure) but quiet"
    else:
        how = f"{sure(advocate['confidence'])} sure"
    count = advocate["evidence"]
    posts = "no posts" if count == 0 else f"{count:,} post{'' if count == 1 else 's'}"
    return f"{how} · {posts} about the brand"


def gain_text(order: int, gain: float) -> str:
    """The reach an ambassador adds to those chosen before them, as the app writes it."""
    if order == 0:
        return f"Reaches {reach_text(gain)} on their own."
    if int(gain + 0.5) == 0:
        return "Adds hardly anyone the ones before do not reach"
    return f"Adds {reach_text(gain)} the ones before do not reach."


def shortfall_text(reason: str) -> str:
    """Why the shortlist is shorter than asked, as the app words the API's reason."""
    lead = "Fewer ambassadors than asked for:"
    if few := re.fullmatch(r"only (\d+) (?:people pass|person passes) the constraints", reason):
        count = int(few[1])
        who = "person passes" if count == 1 else "people pass"
        return f"{lead} only {count} {who} the constraints."
    if cap := re.fullmatch(r"at most (\d+) per community leaves (\d+) of (\d+) candidates", reason):
        return f"{lead} at most {cap[1]} per community leaves {cap[2]} of the {cap[3]} candidates."
    return f"{lead} {reason}."


def person_id(row: Locator) -> str:
    href = row.locator("th a").get_attribute("href") or ""
    return href.removeprefix("/people/")


def counts(app: App) -> dict[str, int]:
    data = app.graphql(COUNTS, "viewer")
    return {status: column["totalCount"] for status, column in data.items()}


def shortlist_results(page: Page) -> Locator:
    """The results once the shortlist asked for is computed."""
    results = page.get_by_test_id("shortlist-results")
    expect(results).to_have_attribute("aria-busy", "false", timeout=SHORTLIST_SECONDS * 1000)
    return results


def test_the_class_filter_shows_what_the_api_returns_and_stays_in_the_url(
    page: Page,
    app: App,
    sign_in: Callable[[Page, str, str], None],
    accessibility_problems: Callable[[Page], list[dict[str, Any]]],
    keep_screenshot: Callable[[Page, str], None],
) -> None:
    sign_in(page, "viewer", "/advocates")
    everyone = app.graphql(ADVOCATES, "viewer", first=25)["advocates"]
    assert everyone, "the demo is ranked at load"
    table = page.locator("table.advocates-table")
    expect(table.locator("tbody th")).to_have_text([label(a["person"]) for a in everyone])
    expect(table.get_by_test_id("certainty")).to_have_text([certainty_text(a) for a in everyone])
    keep_screenshot(page, "advocates")
    table.locator("tbody tr").first.locator("details summary").click()
    expect(table.locator("tbody tr").first.locator(".factor-bars dt")).to_have_text(
        ["Lean", "Engagement", "Influence (percentile)", "Customer"]
    )
    assert accessibility_problems(page) == []

    tabs = page.get_by_role("navigation", name="Advocacy classes")
    for advocacy_class, tab in CLASS_TABS.items():
        expected = app.graphql(ADVOCATES, "viewer", first=25, **{"class": advocacy_class})
        names = [label(a["person"]) for a in expected["advocates"]]
        assert all(a["class"] == advocacy_class for a in expected["advocates"])
        tabs.get_by_role("link", name=tab).click()
        expect(page).to_have_url(re.compile(f"class={advocacy_class.lower().replace('_', '-')}"))
        expect(tabs.get_by_role("link", name=tab)).to_have_attribute("aria-current", "page")
        if advocacy_class == "UNKNOWN":
            expect(page.locator(".class-definition")).to_have_text(
                re.compile("^Too little said about the brand to tell")
            )
        if names:
            expect(table.locator("tbody th")).to_have_text(names)
            expect(table.locator("tbody td .badge[class*='class-']")).to_have_text(
                [CLASS_NAMES[advocacy_class]] * len(names)
            )
            expect(table.get_by_test_id("certainty")).to_have_text(
                [certainty_text(a) for a in expected["advocates"]]
            )
        else:
            expect(page.get_by_text(f"No {tab} in the last ranking.")).to_be_visible()

    page.reload()  # the class is the URL's: a reload (or a shared link) keeps it
    expect(tabs.get_by_role("link", name="Detractors")).to_have_attribute("aria-current", "page")
    assert accessibility_problems(page) == []


def test_the_shortlist_shows_exactly_the_apis_members_reach_and_baseline(
    page: Page,
    app: App,
    sign_in: Callable[[Page, str, str], None],
    accessibility_problems: Callable[[Page], list[dict[str, Any]]],
) -> None:
    sign_in(page, "viewer", "/advocates?view=shortlist")
    expect(page.get_by_text("the shortlist is computed on request")).to_be_visible()
    form = page.get_by_role("form", name="Shortlist constraints")
    form.get_by_label("Ambassadors", exact=True).fill("6")
    form.get_by_label("At most per community").fill("1")
    form.get_by_role("button", name="Choose ambassadors").click()
    expect(page).to_have_url(re.compile(r"view=shortlist&size=6&perCommunity=1$"))
    results = shortlist_results(page)

    expected = app.graphql(SHORTLIST, "viewer", size=6, customersOnly=False, maxPerCommunity=1)
    chosen = expected["ambassadorShortlist"]
    baseline = chosen["baseline"]
    members = results.get_by_role("table", name=re.compile("in the order chosen"))
    chosen_names = [label(member["person"]) for member in chosen["members"]]
    expect(members.locator("tbody th a")).to_have_text(chosen_names)
    # Why each was picked: their advocacy and how sure it is, and the people they add.
    reasons = members.get_by_test_id("pick-reasons")
    expect(reasons.locator(".pick-stance")).to_have_text(
        [f"{CLASS_NAMES[pick['class']]} {certainty_text(pick)}" for pick in chosen["picks"]]
    )
    assert {pick["class"] for pick in chosen["picks"]} <= {
        "ADVOCATE",
        "POTENTIAL_ADVOCATE",
        "NEUTRAL",
    }
    for order, gain in enumerate(chosen["reachGains"]):
        expect(reasons.nth(order)).to_contain_text(gain_text(order, gain))
    expect(results.get_by_test_id("shortfall")).to_have_count(1 if chosen["shortfall"] else 0)
    expect(results.get_by_test_id("baseline-members").locator("a[href^='/people/']")).to_have_text(
        [label(person) for person in baseline["members"]]
    )
    expect(results.get_by_test_id("reach-shortlist")).to_have_text(
        reach_text(chosen["expectedReach"])
    )
    expect(results.get_by_test_id("reach-baseline")).to_have_text(
        reach_text(baseline["expectedReach"])
    )
    gain = int(chosen["expectedReach"] + 0.5) - int(baseline["expectedReach"] + 0.5)
    same = {m["person"]["id"] for m in chosen["members"]} == {p["id"] for p in baseline["members"]}
    if not same:
        expect(results.get_by_test_id("reach-difference")).to_contain_text(
            f"reaches {gain:,} {'person' if gain == 1 else 'people'} more"
            if gain > 0
            else "expected to reach as many people"
        )
    expect(results.get_by_test_id("covered-shortlist").locator("li")).to_have_count(
        len(chosen["communities"])
    )
    expect(results.get_by_test_id("covered-baseline").locator("li")).to_have_count(
        len(baseline["communities"])
    )
    assert page.get_by_role("button", name=re.compile("^Invite")).count() == 0  # a viewer
    assert accessibility_problems(page) == []

    form.get_by_label("Customers only").check()  # the constraints change, the URL with them
    form.get_by_role("button", name="Choose ambassadors").click()
    expect(page).to_have_url(re.compile(r"size=6&perCommunity=1&customers=1$"))
    only_customers = app.graphql(SHORTLIST, "viewer", size=6, customersOnly=True, maxPerCommunity=1)
    names = [label(m["person"]) for m in only_customers["ambassadorShortlist"]["members"]]
    computed = SHORTLIST_SECONDS * 1000  # the previous results show (dimmed) until then
    if names:
        expect(members.locator("tbody th a")).to_have_text(names, timeout=computed)
    else:
        expect(results).to_contain_text("Nobody fits these constraints.", timeout=computed)
    # Fewer than asked only when the constraints leave fewer, and then the page says why.
    shortfall = only_customers["ambassadorShortlist"]["shortfall"]
    assert (shortfall is not None) == (len(names) < 6)
    if shortfall:
        expect(results.get_by_test_id("shortfall")).to_have_text(shortfall_text(shortfall))
    # One per community cannot fill fifty from the demo's couple of dozen communities.
    form.get_by_label("Ambassadors", exact=True).fill("50")
    form.get_by_role("button", name="Choose ambassadors").click()
    expect(page).to_have_url(re.compile(r"size=50&perCommunity=1&customers=1$"))
    capped = app.graphql(SHORTLIST, "viewer", size=50, customersOnly=True, maxPerCommunity=1)
    reason = capped["ambassadorShortlist"]["shortfall"]
    assert reason and len(capped["ambassadorShortlist"]["members"]) < 50
    expect(results.get_by_test_id("shortfall")).to_have_text(
        shortfall_text(reason), timeout=computed
    )


def test_a_manager_invites_a_shortlisted_person_who_shows_on_the_board_as_invited(
    page: Page,
    app: App,
    sign_in: Callable[[Page, str, str], None],
    accessibility_problems: Callable[[Page], list[dict[str, Any]]],
    keep_screenshot: Callable[[Page, str], None],
) -> None:
    sign_in(page, "manager", "/advocates?view=shortlist&size=10")
    results = shortlist_results(page)
    keep_screenshot(page, "shortlist")
    assert accessibility_problems(page) == []  # with the invitation controls
    table = results.get_by_role("table", name=re.compile("in the order chosen"))
    invite = page.get_by_role("button", name="Invite")
    first_open = table.locator("tbody tr").filter(has=invite).first
    name = first_open.locator("th a").inner_text()
    invited = person_id(first_open)
    row = table.locator("tbody tr").filter(has=page.locator(f"th a[href='/people/{invited}']"))
    page.get_by_label("Note for the invitations").fill("Spring tasting, asked by the browser test")
    row.get_by_role("button", name=f"Invite {name}").click()
    expect(row.locator(".badge.status-invited")).to_have_text("Invited")
    expect(row.get_by_role("button")).to_have_count(0)
    expect(page.get_by_role("status").filter(has_text="1 invitation sent")).to_be_visible()

    programme = app.graphql(PROGRAMME, "viewer", id=invited)["person"]["programme"]
    assert programme["status"] == "INVITED"
    latest = programme["history"][-1]
    assert latest["note"] == "Spring tasting, asked by the browser test"
    assert "Test manager" in latest["actor"]

    page.get_by_role("link", name="Programme", exact=True).click()
    column = page.get_by_test_id("column-INVITED")
    expect(column.locator("article h3").first).to_have_text(name)  # most recently moved first
    card = column.locator("article").first
    expect(card).to_contain_text("Spring tasting, asked by the browser test")
    expect(card).to_contain_text("· by Test manager")


def test_a_manager_moves_a_person_on_the_board_with_the_keyboard_and_the_counts_change(
    page: Page,
    app: App,
    sign_in: Callable[[Page, str, str], None],
    accessibility_problems: Callable[[Page], list[dict[str, Any]]],
    keep_screenshot: Callable[[Page, str], None],
) -> None:
    before = counts(app)
    source = next(status for status in ("CANDIDATE", "INVITED") if before[status] > 0)
    target = "ACTIVE"
    sign_in(page, "manager", "/programme")
    for status, count in before.items():
        expect(page.get_by_test_id(f"column-{status}").get_by_test_id("column-count")).to_have_text(
            f"{count:,}"
        )
    keep_screenshot(page, "programme")
    assert accessibility_problems(page) == []

    card = page.get_by_test_id(f"column-{source}").locator("article").first
    name = card.locator("h3").inner_text()
    card.get_by_role("button", name="Move…").press("Enter")
    form = card.get_by_role("form", name=f"Move {name} to another status")
    expect(form.get_by_label("New status")).to_be_focused()
    form.get_by_label("New status").select_option(label="Active")
    form.get_by_label("Note", exact=True).fill("Agreed a first post in May")
    assert accessibility_problems(page) == []  # the open form too
    form.get_by_role("button", name="Move", exact=True).press("Enter")

    expect(page.get_by_role("status").filter(has_text=f"{name} moved to Active.")).to_be_focused()
    for status, change in ((source, -1), (target, 1)):
        expect(page.get_by_test_id(f"column-{status}").get_by_test_id("column-count")).to_have_text(
            f"{before[status] + change:,}"
        )
    moved = page.get_by_test_id(f"column-{target}").locator("article").first
    expect(moved.locator("h3")).to_have_text(name)
    expect(moved).to_contain_text("Agreed a first post in May")
    after = counts(app)
    assert after[source] == before[source] - 1 and after[target] == before[target] + 1


def test_a_viewer_sees_no_invitation_or_move_controls(
    page: Page,
    app: App,
    sign_in: Callable[[Page, str, str], None],
    accessibility_problems: Callable[[Page], list[dict[str, Any]]],
) -> None:
    sign_in(page, "viewer", "/programme")
    board = page.locator(".programme-board")
    expect(board.locator("article").first).to_be_visible()  # the demo's programme has people
    expect(board.get_by_role("button", name="Move…")).to_have_count(0)
    assert accessibility_problems(page) == []

    page.goto(f"{app.url}/advocates?view=shortlist&size=5")
    results = shortlist_results(page)
    expect(results.locator("tbody tr")).not_to_have_count(0)
    expect(page.get_by_role("button", name=re.compile("^Invite"))).to_have_count(0)
    expect(page.get_by_label("Note for the invitations")).to_have_count(0)


@pytest.mark.one_store
def test_the_brands_own_account_is_marked_in_search_and_on_its_page(
    page: Page,
    app: App,
    sign_in: Callable[[Page, str, str], None],
    accessibility_problems: Callable[[Page], list[dict[str, Any]]],
) -> None:
    marked = {
        found["account"]: found for found in app.graphql(BRAND_ACCOUNTS, "viewer")["brandAccounts"]
    }
    brand = marked["mastodon:aurora_caffe@mastodon.social"]  # the default brand lexicon's
    assert brand["affiliation"] == "OWNED" and brand["person"], "marked when the demo loads"
    owned = brand["person"]["id"]
    found = app.graphql(SEARCH, "viewer", search="aurora_caffe")["people"]["edges"]
    assert len(found) > 1, "the handle is a common one: the search lists people"

    sign_in(page, "viewer", "/advocates")
    page.get_by_role("searchbox", name="Search people").fill("aurora_caffe")
    page.get_by_role("button", name="Search", exact=True).click()
    results = page.locator("main .result-list li")
    expect(results).to_have_count(len(found))
    expect(results.locator(".badge[class*='affiliation-']")).to_have_count(
        sum(1 for edge in found if edge["node"]["affiliation"])
    )
    entry = results.filter(has=page.locator(f'a[href="/people/{owned}"]'))
    expect(entry.locator(".badge")).to_have_text("Brand account")
    assert accessibility_problems(page) == []

    entry.locator(f'a[href="/people/{owned}"]').click()
    expect(page.locator("#person-name")).to_have_text(brand["person"]["displayName"])
    expect(page.get_by_test_id("affiliation")).to_have_text(
        "Brand account Kept out of influencers, advocates and the ambassador shortlist."
    )
    # Kept out of the rankings: no advocacy class to show.
    expect(page.locator(".person-standing .badge[class*='class-']")).to_have_count(0)
    assert accessibility_problems(page) == []
