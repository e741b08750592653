"""The analyzer, built once for the enrichment tests (as once per process in production)."""

from __future__ import annotations

import pytest

from ingestion.enrichment.analyzer import Analysis, Analyzer, analyzer_for


@pytest.fixture(scope="session")
def analyzer() -> Analyzer:
    return analyzer_for()


@pytest.fixture(scope="session")
def analyze(analyzer: Analyzer):  # type: ignore[no-untyped-def]
    def run(text: str, lang: str | None = None) -> Analysis:
        return analyzer.analyze([text], [lang])[0]

    return run
