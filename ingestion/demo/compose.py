"""Composing the demo's texts: a post of a given intent, in a language, for a community,
from the phrase lists; and replies to it."""

from __future__ import annotations

import random

from ingestion.demo.aspects import ASPECTS
from ingestion.demo.communities import CITIES, Community
from ingestion.demo.phrases import (
    BUT,
    CLOSERS,
    IDEAS,
    OPENERS,
    PRICE_HIKE,
    PURCHASE,
    REPLIES,
)

BRAND_INTENTS = frozenset(
    {"praise", "opinion", "question", "complaint", "purchase", "idea", "mixed"}
)
"""Intents of posts about the brand (the rest is everyday talk)."""
_STANCES = {"praise": "pos", "complaint": "neg", "price-hike": "neg", "question": "ask"}


def _sentence(text: str) -> str:
    text = text.strip()
    if not text:
        return text
    text = text[0].upper() + text[1:]
    return text if text[-1] in ".!?" else f"{text}."


def _fill(rng: random.Random, text: str, language: str, brand: str) -> str:
    return text.replace("{city}", rng.choice(CITIES[language])).replace("{brand}", brand)


def _aspect(rng: random.Random, community: Community, language: str) -> dict[str, tuple[str, ...]]:
    # Mostly what the community cares about, sometimes anything.
    keys = community.aspects if rng.random() < 0.8 else tuple(ASPECTS[language])
    return ASPECTS[language][rng.choice(keys)]


def compose(
    rng: random.Random, intent: str, language: str, community: Community, brand: str, mood: float
) -> str:
    """A post's text (without hashtags): ``intent`` is one of the community's intents,
    ``brand`` how the brand is named in it (an @mention, or "Aurora"), ``mood`` (-1 to 1)
    how an opinion leans."""
    talk = community.talk.get(language) or community.talk[community.languages[0][0]]
    if intent == "talk":
        parts = [rng.choice(talk)]
        if rng.random() < 0.3:
            parts.append(rng.choice(talk))
        return _fill(rng, " ".join(dict.fromkeys(parts)), language, brand)
    if intent == "price-hike" and language == "it":
        return rng.choice(PRICE_HIKE)
    if intent in ("purchase", "idea"):
        lines = PURCHASE if intent == "purchase" else IDEAS
        return _fill(rng, _sentence(rng.choice(lines[language])), language, brand)
    pricing = intent == "price-hike"
    aspect = ASPECTS[language]["pricing"] if pricing else _aspect(rng, community, language)
    stance = _STANCES.get(intent)
    if intent == "mixed":
        other = _aspect(rng, community, language)
        body = f"{rng.choice(aspect['pos'])}, {BUT[language]} {rng.choice(other['neg'])}"
        stance = "neg"
    else:
        stance = stance or ("pos" if rng.random() < 0.5 + mood / 2 else "neg")  # an opinion
        body = rng.choice(aspect[stance])
    opener = rng.choice(OPENERS[language][stance])
    body = _sentence(body)
    if opener.endswith(":"):  # "Domanda: qualcuno sa…", lower case after a colon
        body = body[0].lower() + body[1:]
    parts = [opener, body]
    if stance != "ask" and rng.random() < 0.25:
        parts.insert(0, rng.choice(talk))  # some context first
    parts.append(rng.choice(CLOSERS[language][stance]))
    return _fill(rng, " ".join(part for part in parts if part), language, brand)


REPLY_KINDS = {
    "complaint": ("same", "same", "help", "agree"),
    "question": ("help", "help", "help", "agree"),
    "praise": ("agree", "agree", "cheer", "thanks", "disagree"),
    "reply": ("thanks", "agree", "disagree", "help"),
}
_CHATTY = ("agree", "cheer", "disagree", "agree", "cheer", "agree", "ask")
_SOUR = frozenset({"same", "disagree"})


def compose_reply(
    rng: random.Random, parent_intent: str, language: str, community: Community, mood: float
) -> tuple[str, str]:
    """A reply's text and its kind (``same`` replies are complaints of their own); people
    in a good mood (``mood`` above 0.2) neither disagree nor join complaints."""
    kinds = REPLY_KINDS.get(parent_intent, _CHATTY)
    if mood > 0.2:
        kinds = tuple(k for k in kinds if k not in _SOUR) or ("agree",)
    kind = rng.choice(kinds)
    text = rng.choice(REPLIES[language][kind])
    if kind in ("agree", "same", "disagree") and rng.random() < 0.35:
        aspect = _aspect(rng, community, language)
        clause = rng.choice(aspect["neg" if kind != "agree" else "pos"])
        text = f"{text} {_sentence(_fill(rng, clause, language, 'Aurora'))}"
    elif rng.random() < 0.15:
        talk = community.talk.get(language)
        if talk:
            text = f"{text} {_fill(rng, rng.choice(talk), language, 'Aurora')}"
    return text, kind
