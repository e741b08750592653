"""Sentiment of hand-written Italian and English social posts: negation, intensity, emoji,
social spelling, contrast between aspects, sarcasm."""

from __future__ import annotations

import pytest

from graph.model.nodes import AspectTarget, Sentiment

POS, NEG, NEU = Sentiment.POSITIVE, Sentiment.NEGATIVE, Sentiment.NEUTRAL

POSTS = [
    # negation
    ("non è male", POS),
    ("Non è per niente buono", NEG),
    ("non mi piace", NEG),
    ("nn mi piace x niente", NEG),
    ("not bad", POS),
    ("not good at all", NEG),
    ("I don't like it", NEG),
    # plain opinions, intensity, social spelling
    ("Il caffè è ottimo, lo consiglio a tutti!", POS),
    ("Servizio pessimo, una vergogna", NEG),
    ("bellissimoooo", POS),
    ("The new blend is really smooth, love it", POS),
    ("Worst coffee I've ever had, totally burnt", NEG),
    ("soooo good!!!", POS),
    # emoji carry sentiment on their own
    ("😡😡", NEG),
    ("Adoro questo caffè 😍", POS),
    ("oggi ☕ 👍", POS),
    ("another Monday 😭", NEG),
    # neutral statements
    ("Il negozio apre alle nove", NEU),
    ("The store opens at nine", NEU),
]


@pytest.mark.parametrize(("text", "expected"), POSTS)
def test_post_sentiment(analyze, text: str, expected: Sentiment) -> None:  # type: ignore[no-untyped-def]
    result = analyze(text)
    assert result.sentiment is expected, (text, result.sentiment, result.score)
    if expected is POS:
        assert result.score > 0
    elif expected is NEG:
        assert result.score < 0


def test_intensifiers_strengthen_and_negators_soften(analyze) -> None:  # type: ignore[no-untyped-def]
    plain = analyze("the espresso is good", "en").score
    assert analyze("the espresso is very good", "en").score > plain
    assert analyze("the espresso is not good", "en").score < 0
    assert analyze("il caffè è molto buono", "it").score > analyze("il caffè è buono", "it").score


def aspects_of(result) -> dict[str, Sentiment]:  # type: ignore[no-untyped-def]
    return {a.key: a.sentiment for a in result.aspects}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "miscela ottima ma assistenza pessima",
            {"espresso-blend": POS, "customer-care": NEG},
        ),
        (
            "Capsule buonissime, però la consegna è stata un disastro",
            {"capsules": POS, "delivery": NEG},
        ),
        (
            "Great espresso blend but the customer service was terrible",
            {"espresso-blend": POS, "customer-care": NEG},
        ),
        (
            "The delivery was slow, but the decaf is delicious",
            {"delivery": NEG, "decaf": POS},
        ),
        ("Non è male il decaffeinato", {"decaf": POS}),
        ("Grazie #ServizioClienti, super veloci!", {"customer-care": POS}),
    ],
)
def test_aspect_sentiment_follows_each_target(analyze, text, expected) -> None:  # type: ignore[no-untyped-def]
    assert aspects_of(analyze(text)) == expected


def test_aspects_name_their_target_kind(analyze) -> None:  # type: ignore[no-untyped-def]
    kinds = {a.key: a.target for a in analyze("miscela ottima ma assistenza pessima").aspects}
    assert kinds == {
        "espresso-blend": AspectTarget.PRODUCT,
        "customer-care": AspectTarget.TOUCHPOINT,
    }


def test_names_of_touchpoints_are_not_opinions(analyze) -> None:  # type: ignore[no-untyped-def]
    # "support" is positive in VADER's lexicon; naming it says nothing about it.
    result = analyze("I called support this morning", "en")
    assert result.sentiment is NEU
    assert aspects_of(result) == {"customer-care": NEU}


@pytest.mark.parametrize(
    "text",
    [
        "Grazie tante per il ritardo, bravi eh",
        "Sì come no, servizio fantastico #sarcasmo",
        "Oh great, my order is late again. Just what I needed",
        "Love waiting 40 minutes for a coffee /s",
    ],
)
def test_sarcasm_markers_turn_praise_negative(analyze, text: str) -> None:  # type: ignore[no-untyped-def]
    result = analyze(text)
    assert result.sentiment is NEG, (text, result.score)


def test_all_caps_posts_are_not_all_emphasis(analyze) -> None:  # type: ignore[no-untyped-def]
    shouted = analyze("the coffee is GOOD", "en").score
    assert shouted > analyze("the coffee is good", "en").score
    assert analyze("THE COFFEE IS GOOD", "en").sentiment is POS
