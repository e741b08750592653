"""A flow in Italian, as the first users (Italian brands) work: a browser set to Italian
gets the app in Italian from the sign-in on, a manager searches a person and moves them in
the advocacy programme, and dates and numbers read the Italian way. In headless Chromium, on
both stores."""

from __future__ import annotations

import re
from typing import Any
from uuid import uuid4

import pytest
from playwright.sync_api import Page, expect

from tests.helpers.browser import App

TOP = "{ influencers(first: 3) { person { id displayName accounts { handle } } } }"
HISTORY = """query($id: ID!) { person(id: $id) { programme { history { status note actor } } } }"""


@pytest.fixture
def browser_locale() -> str:
    return "it-IT"


def test_a_manager_works_in_italian(page: Page, app: App) -> None:
    person: dict[str, Any] = app.graphql(TOP, "viewer")["influencers"][1]["person"]
    page.goto(f"{app.url}/map")
    expect(page.get_by_role("combobox", name="Lingua")).to_have_value("it")
    page.get_by_label("Chiave API").fill(app.keys["manager"])
    page.get_by_role("button", name="Accedi").click()
    expect(page.get_by_test_id("signed-in")).to_contain_text("Accesso come Test manager")
    assert page.evaluate("() => document.documentElement.lang") == "it"
    navigation = page.get_by_role("navigation", name="Viste")
    for label in ("Mappa degli influencer", "Coda delle risposte", "Revisione identità"):
        expect(navigation.get_by_role("link", name=label)).to_be_visible()

    handle = person["accounts"][0]["handle"]
    page.get_by_role("searchbox", name="Cerca persone").fill(handle)
    page.get_by_role("button", name="Cerca", exact=True).click()
    expect(page).to_have_url(re.compile(rf"/people/{re.escape(person['id'])}$"))

    note = f"Incontrata a Milano {uuid4().hex[:6]}"
    page.get_by_role("button", name="Cambia stato").click()
    page.get_by_label("Nuovo stato").select_option(label="Attivo")
    page.get_by_label("Nota").fill(note)
    page.get_by_role("button", name="Imposta lo stato").click()
    expect(page.get_by_role("status").filter(has_text="Stato impostato a Attivo.")).to_be_visible()
    latest = page.locator(".programme-history tbody tr").first
    expect(latest).to_contain_text(note)
    # "1 dic 2026", not "Dec 1, 2026": the date is written the Italian way.
    expect(latest).to_contain_text(re.compile(r"\d{1,2} [a-z]{3} \d{4}"))
    step = app.graphql(HISTORY, "viewer", id=person["id"])["person"]["programme"]["history"][-1]
    assert (step["status"], step["note"]) == ("ACTIVE", note)
    assert step["actor"].endswith("(Test manager)")

    page.get_by_role("combobox", name="Lingua").select_option("en")
    expect(page.get_by_role("button", name="Change status")).to_be_visible()
