"""Post texts, names, handles and links are hostile input: ingested with markup, script,
``javascript:`` links and right-to-left overrides, they show as written in every view that
shows them, and nothing in them runs. In headless Chromium (with the app's CSP), on both
stores."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any
from uuid import uuid4

import httpx
import pytest
from playwright.sync_api import Page, expect

from tests.helpers.browser import App

PWNED = "window.__pwned = 1"
NAMES = (
    f'<img src=x onerror="{PWNED}">Giada',
    f"<script>{PWNED}</script>Tommaso",
    "Rita \u202eSTAB\u202c Nori",  # a right-to-left override inside a name
)
TEXTS = (
    f'<img src=x onerror="{PWNED}"> il servizio clienti è pessimo, voglio un rimborso',
    f'<a href="javascript:{PWNED}">clicca qui</a> <script>{PWNED}</script> #xsstest',
    "ordine \u202eoiggassem\u202c mai arrivato, assistenza assente #xsstest",
)
TOPIC = "xsstest"
PERSON = """query($handle: String!) {
  personByAccount(platform: "mastodon", handle: $handle) { id } }"""
INFLUENTIAL = """{ influencers(first: 1) { person { accounts { platform handle } } } }"""
ASSIGN = """mutation($id: ID!) { assignConversation(id: $id, owner: "Test manager") { id } }"""


def status(status_id: str, account: dict[str, Any], text: str, minutes: int) -> dict[str, Any]:
    """A Mastodon status by ``account``, its ``text`` sent as Mastodon sends text: as HTML,
    escaped, so that the markup is what the person wrote."""
    return {
        "id": status_id,
        "created_at": (datetime.now(UTC) - timedelta(minutes=minutes)).isoformat(),
        "language": "it",
        "url": f"javascript:{PWNED}",
        "content": f"<p>{text.replace('<', '&lt;').replace('>', '&gt;')}</p>",
        "account": account,
        "mentions": [],
        "tags": [{"name": TOPIC}],
    }


def statuses(run: str) -> list[dict[str, Any]]:
    """Three people with hostile names, who post hostile texts and answer one another."""
    found = []
    for number, (name, text) in enumerate(zip(NAMES, TEXTS, strict=True)):
        user = f"hostile{number}{run}"
        account = {
            "id": user,
            "username": user,
            "acct": f"{user}@mastodon.example",
            "display_name": name,
            "url": f"javascript:{PWNED}",  # a profile link that must never be followed
        }
        other = f"hostile{(number + 1) % 3}{run}"
        record = status(f"{run}{number}", account, text, 10 - number)
        record["in_reply_to_id"] = f"{run}{number - 1}" if number else None
        record["mentions"] = [{"acct": f"{other}@mastodon.example", "username": other}]
        found.append(record)
    return found


def ingest(app: App, records: list[dict[str, Any]]) -> None:
    headers = {"Authorization": f"Bearer {app.keys['manager']}"}
    body = "\n".join(json.dumps(record) for record in records)
    accepted = httpx.post(f"{app.url}/ingest/mastodon", content=body, headers=headers)
    assert accepted.status_code == 202, accepted.text
    for _ in range(600):
        job = httpx.get(app.url + accepted.json()["status_url"], headers=headers).json()
        if job["status"] in ("done", "failed"):
            assert job["status"] == "done" and job["stored"] == len(records), job
            return
        time.sleep(0.1)
    raise AssertionError("the ingest did not finish")


@dataclass
class Hostile:
    run: str
    people: dict[str, str]
    """Handle -> person id."""


@pytest.fixture
def hostile(app: App) -> Hostile:
    """The hostile people and posts, ingested anew for each test; and a hostile complaint by
    the most influential person, which raises an alert."""
    run = uuid4().hex[:8]
    records = statuses(run)
    (ranked,) = app.graphql(INFLUENTIAL, "viewer")["influencers"]
    (handle,) = [a["handle"] for a in ranked["person"]["accounts"] if a["platform"] == "mastodon"]
    user = handle.split("@")[0]
    influential = {"id": f"i{run}", "username": user, "acct": handle}
    complaint = status(f"{run}alert", influential, TEXTS[0], 1)
    complaint["tags"] = []  # off the topic, so that its map shows the three alone
    records.append(complaint)
    ingest(app, records)
    people = {}
    for record in records[:3]:
        acct = record["account"]["acct"]
        people[acct] = app.graphql(PERSON, "viewer", handle=acct)["personByAccount"]["id"]
    return Hostile(run, people)


def nothing_ran(page: Page) -> None:
    assert page.evaluate("() => window.__pwned") is None, "data ran as script"
    assert page.locator("img[src='x']").count() == 0, "data became markup"
    assert page.locator("a[href^='javascript']").count() == 0, "data became a link"


def shows_as_written(page: Page, *texts: str) -> None:
    body = page.locator("main").inner_text(timeout=30_000)
    for text in texts:
        assert text in body, f"{text!r} is not shown as written"


def test_hostile_names_and_texts_show_as_written_and_nothing_runs(
    page: Page,
    app: App,
    hostile: Hostile,
    sign_in: Callable[[Page, str, str], None],
) -> None:
    page.on("dialog", lambda dialog: pytest.fail(f"data opened a dialog: {dialog.message}"))
    handles = list(hostile.people)
    first, second, third = (hostile.people[handle] for handle in handles)
    sign_in(page, "manager", f"/people/{first}")

    # Person 360: their name, handle, posts (with what they answer), who they talk with.
    expect(page.locator("h1")).to_have_text(NAMES[0])
    page.wait_for_load_state("networkidle")
    shows_as_written(page, NAMES[0], f"@{handles[0]}", TEXTS[0])
    nothing_ran(page)
    page.goto(f"{app.url}/people/{third}")
    expect(page.locator("h1")).to_have_text(NAMES[2])
    page.wait_for_load_state("networkidle")
    shows_as_written(page, NAMES[2], TEXTS[2])
    nothing_ran(page)

    # Search results: several match, so the list shows them all.
    page.goto(f"{app.url}/people?search=hostile")
    expect(page.locator(".result-list li").first).to_be_visible()
    shows_as_written(page, NAMES[0], NAMES[1])
    nothing_ran(page)

    # The map of their topic, as a table.
    page.goto(f"{app.url}/map?topic={TOPIC}&view=table")
    expect(page.locator(".map-table tbody tr")).to_have_count(3)
    shows_as_written(page, *NAMES)
    nothing_ran(page)

    # The response queue: their complaint, assigned to the signed-in manager.
    app.graphql(ASSIGN, "manager", id=f"mastodon:{hostile.run}0")
    page.goto(f"{app.url}/queue?owner=mine")
    page.locator(f"[data-conversation='mastodon:{hostile.run}0'] a").first.click()
    shows_as_written(page, TEXTS[0], NAMES[0])
    nothing_ran(page)

    # Alerts: the influential person's complaint, with its text.
    page.goto(f"{app.url}/alerts")
    expect(page.locator(".alert-post").filter(has_text="rimborso").first).to_be_visible()
    shows_as_written(page, TEXTS[0])
    nothing_ran(page)

    # The person who answered them.
    page.goto(f"{app.url}/people/{second}")
    page.wait_for_load_state("networkidle")
    shows_as_written(page, NAMES[1], TEXTS[1])
    nothing_ran(page)
