"""The brand lexicon file: validation with clear errors, matching in every language."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingestion.enrichment.analyzer import Analyzer
from ingestion.enrichment.brand import LexiconError, load_lexicon

LEXICON = """
[brand]
name = "Acme Bikes"
aliases = ["acme"]

[[touchpoints]]
key = "repairs"
name = "Repair service"
aliases.it = ["officina", "riparazione"]
aliases.en = ["repair shop", "repairs"]

[[products]]
key = "e-bike"
name = "E-bike"
aliases.any = ["e-bike", "bici elettrica"]
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "brand.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_custom_lexicon_drives_matching(tmp_path: Path) -> None:
    analyzer = Analyzer(write(tmp_path, LEXICON))
    result = analyzer.analyze(["La BICI ELETTRICA è fantastica ma l'Officina è lentissima"])[0]
    assert {a.key: a.sentiment.value for a in result.aspects} == {
        "e-bike": "positive",
        "repairs": "negative",
    }
    assert analyzer.analyze(["Acme rocks"])[0].mentions_brand
    assert [t.key for t in analyzer.lexicon.touchpoints] == ["repairs"]
    assert [p.name for p in analyzer.lexicon.products] == ["E-bike"]


@pytest.mark.parametrize(
    "text",
    [
        "ASSISTENZA CLIENTI lentissima",
        "il servizio clienti non risponde",
        "#ServizioClienti",
        "#servizioclienti",
        "the help desk never answers",
        "Serviciul clienți nu răspunde",
        "atención al cliente",
        "Kundenservice",
    ],
)
def test_aliases_match_regardless_of_case_accents_language_and_hashtags(analyze, text) -> None:  # type: ignore[no-untyped-def]
    assert [a.key for a in analyze(text).aspects] == ["customer-care"]


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ("[brand\n", "not valid TOML"),
        ("[[touchpoints]]\nkey = 'x'\nname = 'X'\n", "[brand] with a name is required"),
        ("[brand]\nname='A'\n[[touchpoints]]\nkey='Bad Key'\nname='X'\n", "key must be"),
        ("[brand]\nname='A'\n[[products]]\nkey='x'\n", "name is required"),
        (
            "[brand]\nname='A'\n[[products]]\nkey='x'\nname='X'\naliases.it=[1]\n",
            "aliases must be lists of non-empty strings",
        ),
        (
            "[brand]\nname='A'\n[[products]]\nkey='x'\nname='X'\n[[products]]\nkey='x'\nname='Y'\n",
            "duplicate product key 'x'",
        ),
    ],
)
def test_malformed_lexicons_are_refused_with_the_reason(tmp_path: Path, text, error) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(LexiconError, match=error.replace("[", r"\[").replace("]", r"\]")):
        load_lexicon(write(tmp_path, text))


def test_a_missing_lexicon_is_refused(tmp_path: Path) -> None:
    with pytest.raises(LexiconError, match="cannot read brand lexicon"):
        load_lexicon(tmp_path / "nope.toml")
