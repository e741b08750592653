"""The influencer map, the landing page: it draws exactly what ``influencerMap`` answers,
its filters live in the URL, a person can be found, walked to and opened, the drawn graph
exports as GEXF and PNG, and a table shows the same people for keyboards and screen
readers. In headless Chromium, on both stores; expected values come from the API."""

from __future__ import annotations

import re
import struct
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.helpers.browser import App

MAP = """
query ($first: Int!, $communityId: ID, $platform: String) {
  influencerMap(first: $first, communityId: $communityId, platform: $platform) {
    truncated
    nodes { score communityId person { id displayName accounts { platform handle } } }
    edges { source target weight }
  }
}"""
COMMUNITIES = "{ communities(first: 50) { id size } }"
PEOPLE = """query ($search: String!) {
  people(search: $search, first: 20) { edges { node { id displayName accounts { handle } } } } }"""
GEXF = "{http://gexf.net/1.3}"
VIZ = "{http://gexf.net/1.3/viz}"
LAYOUT_SECONDS = 60_000  # ms; the layout settles in seconds, more on a loaded machine


def label(person: dict[str, Any]) -> str:
    """A person as the app names them: their name, else their first handle."""
    name = (person["displayName"] or "").strip()
    return name or f"@{person['accounts'][0]['handle']}"


def drawn_map(page: Page) -> Locator:
    """The map once drawn (and usable), with its layout at rest."""
    found = page.locator("[data-testid=influencer-map][data-drawn=true]")
    expect(found).to_have_attribute(
        "data-layout", re.compile("settled|stopped"), timeout=LAYOUT_SECONDS
    )
    return found


def influencer_map(app: App, first: int, **filters: str) -> dict[str, Any]:
    answer: dict[str, Any] = app.graphql(MAP, "viewer", first=first, **filters)["influencerMap"]
    return answer


def degrees(answer: dict[str, Any]) -> Counter[str]:
    ties: Counter[str] = Counter()
    for edge in answer["edges"]:
        ties.update((edge["source"], edge["target"]))
    return ties


def table_people(page: Page) -> list[str]:
    rows = page.locator(".map-table tbody tr")
    return [str(rows.nth(i).get_attribute("data-person")) for i in range(rows.count())]


def test_the_map_draws_exactly_what_the_api_answers(
    page: Page, app: App, sign_in: Callable[[Page, str, str], None]
) -> None:
    answer = influencer_map(app, 120)
    assert answer["nodes"], "the demo is ranked at load: the map has people"
    sign_in(page, "viewer", "/map?first=120")
    shown = drawn_map(page)
    expect(shown).to_have_attribute("data-nodes", str(len(answer["nodes"])))
    expect(shown).to_have_attribute("data-edges", str(len(answer["edges"])))
    expect(shown).to_have_attribute("data-truncated", str(answer["truncated"]).lower())
    expect(page.get_by_role("status").filter(has_text="Layout")).to_contain_text(
        f"{len(answer['nodes'])} people"
    )
    if answer["truncated"]:
        expect(page.get_by_text("weaker ties were left out")).to_be_visible()

    page.get_by_role("button", name="Table", exact=True).click()
    expect(page).to_have_url(re.compile(r"view=table"))
    expect(page.locator(".map-table tbody tr")).to_have_count(len(answer["nodes"]))
    # Most influential first, as the API ranks them, each with their ties on the map.
    assert table_people(page) == [node["person"]["id"] for node in answer["nodes"]]
    ties = degrees(answer)
    rows = page.locator(".map-table tbody tr")
    for i in range(rows.count()):
        person = str(rows.nth(i).get_attribute("data-person"))
        assert rows.nth(i).get_attribute("data-ties") == str(ties[person]), person
    first = answer["nodes"][0]["person"]
    expect(rows.first.get_by_role("link", name=label(first))).to_have_attribute(
        "href", f"/people/{first['id']}"
    )


def test_a_filter_changes_the_url_and_the_drawn_graph(
    page: Page, app: App, sign_in: Callable[[Page, str, str], None]
) -> None:
    communities = app.graphql(COMMUNITIES, "viewer")["communities"]
    community = communities[1] if len(communities) > 1 else communities[0]
    only = influencer_map(app, 100, communityId=community["id"])
    sign_in(page, "viewer", "/map?first=100")
    drawn_map(page)

    page.get_by_label("Community", exact=True).select_option(community["id"])
    expect(page).to_have_url(re.compile(rf"community={re.escape(community['id'])}"))
    shown = drawn_map(page)
    expect(shown).to_have_attribute("data-nodes", str(len(only["nodes"])))
    expect(shown).to_have_attribute("data-edges", str(len(only["edges"])))
    legend = page.locator(".map-legend")
    expect(legend.get_by_role("button", pressed=True)).to_have_count(1)

    # The link is the filtered map: opened afresh, it draws the same people.
    page.reload()
    page.get_by_role("button", name="Table", exact=True).click()
    expect(page.locator(".map-table tbody tr")).to_have_count(len(only["nodes"]))
    assert table_people(page) == [node["person"]["id"] for node in only["nodes"]]

    # Choosing the community again in the legend draws everyone again.
    legend.get_by_role("button", pressed=True).click()
    expect(page).not_to_have_url(re.compile("community="))
    everyone = influencer_map(app, 100)
    expect(page.locator(".map-table tbody tr")).to_have_count(len(everyone["nodes"]))

    platforms = sorted({a["platform"] for n in everyone["nodes"] for a in n["person"]["accounts"]})
    platform = platforms[-1]
    on_platform = influencer_map(app, 100, platform=platform)
    page.get_by_label("Platform").select_option(platform)
    expect(page).to_have_url(re.compile(rf"platform={platform}"))
    expect(page.locator("[data-testid=influencer-map]")).to_have_attribute(
        "data-nodes", str(len(on_platform["nodes"])), timeout=LAYOUT_SECONDS
    )
    expect(page.locator(".map-table tbody tr")).to_have_count(len(on_platform["nodes"]))


def found(page: Page) -> Locator:
    """The people the map's search lists."""
    return page.get_by_role("listbox", name="People found").get_by_role("option")


def distinct_person(nodes: list[dict[str, Any]]) -> dict[str, Any]:
    """A drawn person past the first few whose name no one before them contains, so that
    searching their name finds them first."""
    for index, node in enumerate(nodes[3:], 3):
        wanted = label(node["person"]).lower()
        earlier = [label(n["person"]).lower() for n in nodes[:index]]
        handles = [a["handle"].lower() for n in nodes[:index] for a in n["person"]["accounts"]]
        if len(wanted) >= 3 and not any(wanted in text for text in earlier + handles):
            return dict(node["person"])
    raise AssertionError("no person with a name of their own on the map")


def test_searching_a_person_flies_to_them_and_they_open(
    page: Page, app: App, sign_in: Callable[[Page, str, str], None]
) -> None:
    answer = influencer_map(app, 200)
    person = distinct_person(answer["nodes"])
    sign_in(page, "viewer", "/map")
    shown = drawn_map(page)

    search = page.get_by_role("combobox", name="Find a person")
    search.fill(label(person))
    expect(found(page).first).to_contain_text(label(person))
    expect(found(page).first).to_contain_text("on the map")
    search.press("Enter")
    expect(shown).to_have_attribute("data-chosen", person["id"])
    card = page.get_by_test_id("chosen-person")
    expect(card.get_by_role("heading", level=2)).to_have_text(label(person))

    # The camera flew to them: they are at the map's centre, where the pointer finds them.
    canvas = page.locator(".map-canvas")
    box = canvas.bounding_box()
    assert box is not None
    centre = (box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.wait_for_timeout(800)  # the flight
    page.mouse.move(*centre)
    expect(shown).to_have_attribute("data-hovered", person["id"])
    page.mouse.click(*centre)
    expect(page).to_have_url(f"{app.url}/people/{person['id']}")

    page.go_back()
    drawn_map(page)
    search = page.get_by_role("combobox", name="Find a person")
    search.fill(label(person))
    search.press("Enter")
    opened = page.get_by_test_id("chosen-person").get_by_role("link", name="Open person")
    opened.focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{app.url}/people/{person['id']}")


def test_searching_someone_not_drawn_opens_their_page(
    page: Page, app: App, sign_in: Callable[[Page, str, str], None]
) -> None:
    drawn = {node["person"]["id"] for node in influencer_map(app, 20)["nodes"]}
    results = [e["node"] for e in app.graphql(PEOPLE, "viewer", search="an")["people"]["edges"]]
    # Someone off the map whom their name alone finds.
    elsewhere = next(
        person
        for person in results
        if person["id"] not in drawn
        and (person["displayName"] or "").strip()
        and len(app.graphql(PEOPLE, "viewer", search=label(person))["people"]["edges"]) == 1
    )
    sign_in(page, "viewer", "/map?first=20")
    drawn_map(page)
    search = page.get_by_role("combobox", name="Find a person")
    search.fill(label(elsewhere))
    option = found(page)
    expect(option).to_have_count(1)
    expect(option).to_contain_text(label(elsewhere))
    expect(option).to_contain_text("not on the map")
    search.press("ArrowDown")
    expect(option).to_have_attribute("aria-selected", "true")
    search.press("Enter")
    expect(page).to_have_url(f"{app.url}/people/{elsewhere['id']}")


def viz(element: ET.Element, tag: str) -> ET.Element:
    found = element.find(f"{VIZ}{tag}")
    assert found is not None, f"no viz:{tag}"
    return found


def read_png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "a PNG file"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def test_exports_hold_the_drawn_graph(
    page: Page, app: App, sign_in: Callable[[Page, str, str], None], tmp_path: Path
) -> None:
    answer = influencer_map(app, 80)
    sign_in(page, "viewer", "/map?first=80")
    drawn_map(page)

    with page.expect_download() as gexf:
        page.get_by_role("button", name="Export GEXF").click()
    assert gexf.value.suggested_filename.endswith(".gexf")
    saved = tmp_path / "map.gexf"
    gexf.value.save_as(saved)
    root = ET.parse(saved).getroot()
    declared = {
        a.get("id"): a.get("title")
        for a in root.iterfind(f".//{GEXF}attributes[@class='node']/{GEXF}attribute")
    }
    nodes = root.findall(f".//{GEXF}node")
    assert [n.get("id") for n in nodes] == [node["person"]["id"] for node in answer["nodes"]]
    for element, node in zip(nodes, answer["nodes"], strict=True):
        values = {declared[v.get("for")]: v.get("value") for v in element.iter(f"{GEXF}attvalue")}
        assert element.get("label") == label(node["person"])
        assert float(str(values["score"])) == node["score"]
        assert values.get("community") == node["communityId"]
        assert float(viz(element, "size").get("value", "0")) > 0
        assert re.fullmatch(r"#[0-9a-f]{6}", viz(element, "color").get("hex", ""))
        assert {"x", "y"} <= set(viz(element, "position").keys())
    edges = root.findall(f".//{GEXF}edge")
    assert sorted(
        (e.get("source"), e.get("target"), float(e.get("weight", 0))) for e in edges
    ) == sorted((e["source"], e["target"], e["weight"]) for e in answer["edges"])

    with page.expect_download() as png:
        page.get_by_role("button", name="Export PNG").click()
    assert png.value.suggested_filename.endswith(".png")
    image = tmp_path / "map.png"
    png.value.save_as(image)
    width, height = read_png_size(image.read_bytes())
    assert width > 300 and height > 300


@pytest.mark.one_store
def test_the_map_and_its_table_work_with_the_keyboard(
    page: Page, app: App, sign_in: Callable[[Page, str, str], None]
) -> None:
    answer = influencer_map(app, 60)
    people = [node["person"] for node in answer["nodes"]]
    sign_in(page, "viewer", "/map?first=60")
    shown = drawn_map(page)

    # On the map, the arrow keys walk people by influence and Enter opens one.
    page.locator(".map-canvas").focus()
    page.keyboard.press("ArrowRight")
    expect(shown).to_have_attribute("data-chosen", people[0]["id"])
    page.keyboard.press("ArrowRight")
    expect(shown).to_have_attribute("data-chosen", people[1]["id"])
    expect(page.get_by_test_id("chosen-person").get_by_role("heading", level=2)).to_have_text(
        label(people[1])
    )
    page.keyboard.press("Escape")
    expect(shown).not_to_have_attribute("data-chosen", re.compile("."))
    page.keyboard.press("ArrowLeft")
    expect(shown).to_have_attribute("data-chosen", people[-1]["id"])
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{app.url}/people/{people[-1]['id']}")

    # The table: reached, sorted and followed with keys only.
    page.go_back()
    drawn_map(page)
    page.get_by_role("button", name="Table", exact=True).focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("button", name="Table", exact=True)).to_have_attribute(
        "aria-pressed", "true"
    )
    by_name = page.get_by_role("button", name="Person", exact=True)
    by_name.focus()
    page.keyboard.press("Enter")
    expect(page.locator("th[aria-sort=ascending]")).to_have_text(re.compile("^Person"))
    ascending = table_people(page)
    assert sorted(ascending) == sorted(p["id"] for p in people)
    page.keyboard.press("Enter")
    expect(page.locator("th[aria-sort=descending]")).to_have_text(re.compile("^Person"))
    assert table_people(page)[0] == ascending[-1]
    for _ in range(4):  # past the other three column headers, to the first person
        page.keyboard.press("Tab")
    first = page.locator(".map-table tbody tr").first.get_by_role("link").first
    expect(first).to_be_focused()
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{app.url}/people/{ascending[-1]}")


@pytest.mark.one_store
def test_the_map_has_no_serious_accessibility_problems(
    page: Page,
    app: App,
    sign_in: Callable[[Page, str, str], None],
    accessibility_problems: Callable[[Page], list[dict[str, Any]]],
    keep_screenshot: Callable[[Page, str], None],
) -> None:
    answer = influencer_map(app, 200)
    person = distinct_person(answer["nodes"])
    sign_in(page, "viewer", "/map")
    drawn_map(page)
    assert accessibility_problems(page) == []
    keep_screenshot(page, "map")

    search = page.get_by_role("combobox", name="Find a person")
    search.fill(label(person))
    expect(found(page).first).to_be_visible()
    assert accessibility_problems(page) == []
    search.press("Enter")
    expect(page.get_by_test_id("chosen-person")).to_be_visible()
    page.wait_for_timeout(800)  # the flight
    assert accessibility_problems(page) == []

    page.get_by_role("button", name="Table", exact=True).click()
    page.locator(".map-table details").first.locator("summary").click()
    assert accessibility_problems(page) == []
