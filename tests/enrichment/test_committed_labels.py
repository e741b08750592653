"""Labels that commit: price and quality complaints are negative and routed as complaints,
clearly polar Italian posts get a polar label, short English posts get a language, and the
two-class model's neutral band is what its file says."""

from __future__ import annotations

import pytest

from graph.model.nodes import Intent, Sentiment
from ingestion.enrichment.language import resolve_language
from ingestion.enrichment.sentiment import LexiconScore, PolarityModel, polarity_model

COMPLAINTS = [
    ("Prezzo troppo alto, 'non ci siamo'", None),
    ("Troppo caro per quello che offre", None),
    ("Il nuovo caffè costa troppo", None),
    ("La miscela non è più quella di una volta", "it"),
    ("Way too expensive for what you get", "en"),
    ("The capsules are overpriced", "en"),
    ("Poor quality, the grinder stopped working after a week", "en"),
    ("The blend has gone downhill", "en"),
    ("Il decaffeinato sa di cartone", "it"),
    ("The oat latte is too sweet", "en"),
    # a negative word on a product is a quality complaint, as on a touchpoint a service one
    ("La miscela è deludente", "it"),
]


@pytest.mark.parametrize(("text", "lang"), COMPLAINTS)
def test_price_and_quality_complaints_are_negative_complaints(analyze, text, lang) -> None:  # type: ignore[no-untyped-def]
    result = analyze(text, lang)
    assert (result.sentiment, result.intent) == (Sentiment.NEGATIVE, Intent.COMPLAINT), text
    assert result.score < 0


@pytest.mark.parametrize(
    ("text", "lang"),
    [("Non è troppo caro, anzi", "it"), ("Not too expensive, and tasty", "en")],
)
def test_a_negated_price_phrase_is_no_complaint(analyze, text, lang) -> None:  # type: ignore[no-untyped-def]
    assert analyze(text, lang).intent is not Intent.COMPLAINT


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Provo una gratitudine immensa per questa squadra", Sentiment.POSITIVE),
        ("Onorato di far parte di questo progetto", Sentiment.POSITIVE),
        ("Che disperazione questa fila", Sentiment.NEGATIVE),
        ("Una porcata dopo l'altra", Sentiment.NEGATIVE),
    ],
)
def test_clearly_polar_italian_posts_commit(analyze, text: str, expected: Sentiment) -> None:  # type: ignore[no-untyped-def]
    assert analyze(text, "it").sentiment is expected


def test_neutral_italian_prose_stays_neutral(analyze) -> None:  # type: ignore[no-untyped-def]
    # A two-class model never saw neutral text: without a sentiment word it gives no verdict.
    for text in ("Il negozio apre alle nove", "La riunione è stata spostata a giovedì"):
        assert analyze(text, "it").sentiment is Sentiment.NEUTRAL, text


SHORT_ENGLISH = [
    "Tim Duncan and Gregg Popovich. Two legends.",
    "Worthy read",
    "Two legends, one night",
    "Stop time tonight",
    "Best latte in town",
    "Zac Efron new movie trailer",
    "Bannon bringing Reagan back",
    "Pelosi challenger brings new perspective",
    "Christmas with Nataniel",
    "Let robots be robots",
    "Tim Cook on Apple Park",
    "Messi and Neymar again",
    "Trump Tower tonight",
    "Black Friday deals",
    "Game of Thrones finale",
    "New on Netflix",
]


def test_short_english_posts_get_a_language() -> None:
    missed = [text for text in SHORT_ENGLISH if resolve_language(text)[0] != "en"]
    assert len(missed) <= 1, missed


def test_two_class_model_is_neutral_inside_its_band_only() -> None:
    spec = {
        "language": "xx",
        "classes": ["negative", "positive"],
        "dense_scale": 1.0,
        "bias": [0.0, 0.0],
        "dense": [[0.0, 0.0]] * 7,
        "vocabulary": {"buono": [1.0, 0.0, 0.5], "ottimo": [1.0, 0.0, 3.0]},
        "neutral_band": 0.3,
    }
    model = PolarityModel(spec)
    evidence = LexiconScore(positive=2.0, positive_hits=1)
    mild, strong = model.predict(["buono"], evidence), model.predict(["ottimo"], evidence)
    assert 0 < mild.score < 0.3 and mild.label is Sentiment.NEUTRAL
    assert strong.score > 0.3 and strong.label is Sentiment.POSITIVE
    assert model.predict(["ottimo"], LexiconScore()).label is Sentiment.NEUTRAL


def test_shipped_italian_band_is_calibrated() -> None:
    model = polarity_model("it")
    assert model is not None and 0.0 < model.neutral_band < 1.0
