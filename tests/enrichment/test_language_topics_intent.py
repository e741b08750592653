"""Language, topics and intent."""

from __future__ import annotations

import pytest

from graph.model.nodes import Intent, TopicKind
from ingestion.enrichment.analyzer import hashtag_topics
from ingestion.enrichment.language import UNDETERMINED, detect, resolve_language


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Qualcuno sa se la capsula compatibile funziona con la mia macchina?", "it"),
        ("Does anyone know when the oat milk latte comes back?", "en"),
        ("Cafeaua de la ei este foarte bună, recomand tuturor!", "ro"),
        ("El café llegó tarde y frío, no lo recomiendo", "es"),
        ("Le café est arrivé froid, je suis vraiment déçu", "fr"),
        ("Der Kaffee war kalt und die Lieferung kam viel zu spät", "de"),
    ],
)
def test_supported_languages_are_recognised(text: str, lang: str) -> None:
    assert detect(text)[0] == lang


@pytest.mark.parametrize("text", ["", "   ", "👍👍", "ok", "#caffè @aurora https://x.co/1", "123"])
def test_too_little_text_is_undetermined_never_an_error(analyze, text: str) -> None:  # type: ignore[no-untyped-def]
    assert detect(text)[0] == UNDETERMINED
    result = analyze(text)
    assert result.language == UNDETERMINED
    assert result.intent in Intent


def test_declared_language_stands_unless_detection_is_sure() -> None:
    assert resolve_language("ok grazie", "it")[0] == "it"
    assert resolve_language("Delivery was late again and support never answered", "it") == (
        "en",
        "en",
    )
    assert resolve_language("Servizio ottimo", "pt-BR")[0] in {"it", "pt"}


def test_hashtags_are_normalised_with_camel_case_kept_for_display() -> None:
    topics = hashtag_topics("#ServizioClienti #caffè #Caffe #CAFFÈ #NASAMission")
    assert [(t.key, t.display) for t in topics] == [
        ("servizioclienti", "Servizio Clienti"),
        ("caffe", "caffè"),
        ("nasamission", "NASA Mission"),
    ]


def test_keyphrases_come_from_the_text_not_from_hashtags_or_lexicon(analyze) -> None:  # type: ignore[no-untyped-def]
    result = analyze("Ho provato il nuovo programma fedeltà di Caffè Aurora #colazione", "it")
    phrases = [t.display for t in result.keyphrases]
    assert "programma fedeltà" in phrases
    assert all("colazione" not in p and "Aurora" not in p for p in phrases)
    assert all(t.kind is TopicKind.KEYPHRASE for t in result.keyphrases)
    assert [t.key for t in result.hashtags] == ["colazione"]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("I tried contacting support three times this week", "en"),
        ("Ho provato a chiamare e scritto, aspettando ancora", "it"),
    ],
)
def test_actions_are_not_topics(analyze, text: str, language: str) -> None:  # type: ignore[no-untyped-def]
    # "tried contacting" was the demo's fourth topic: a verb run says what someone did, not
    # what they talk about.
    assert analyze(text, language).keyphrases == ()


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("Qualcuno sa se la capsula compatibile funziona con la mia macchina?", Intent.QUESTION),
        ("When does the oat milk latte come back?", Intent.QUESTION),
        ("Aspetto un rimborso da due settimane, assistenza inesistente", Intent.COMPLAINT),
        ("Why is my order still not here?? Terrible service", Intent.COMPLAINT),
        ("Dove posso comprare le capsule compatibili?", Intent.PURCHASE),
        ("Where can I buy the decaf in Milan?", Intent.PURCHASE),
        ("Sarebbe bello avere una versione senza lattosio", Intent.IDEA),
        ("Feature request: please add a refill programme for the tins", Intent.IDEA),
        ("Grazie mille al personale del negozio, gentilissimi!", Intent.PRAISE),
        ("Love the new espresso blend from Caffè Aurora", Intent.PRAISE),
        ("Oggi piove a Milano", Intent.OTHER),
        ("Grazie tante per il ritardo, bravi eh", Intent.COMPLAINT),
    ],
)
def test_intent(analyze, text: str, intent: Intent) -> None:  # type: ignore[no-untyped-def]
    assert analyze(text).intent is intent
