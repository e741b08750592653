"""The enrichment entry point: texts or posts in, language, sentiment, aspects, topics and
intent out.

One `Analyzer` per process (and per Celery worker): it builds each language's spaCy
pipeline the first time that language is seen and keeps it, and it runs ``nlp.pipe`` over
each language's share of a batch.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from spacy.language import Language

from graph.model.nodes import Aspect, Intent, Post, Sentiment, Topic, TopicKind
from ingestion.enrichment.brand import DEFAULT_LEXICON, BrandLexicon, load_lexicon
from ingestion.enrichment.components import build_pipeline, reading
from ingestion.enrichment.language import UNDETERMINED, resolve_language
from ingestion.enrichment.resources import rules_key
from ingestion.enrichment.text import split_camel_case
from ingestion.parsers.text import hashtags_in

BATCH_SIZE = 256


@dataclass(frozen=True, slots=True)
class Analysis:
    """Everything the enrichment says about one text."""

    language: str
    sentiment: Sentiment
    score: float
    aspects: tuple[Aspect, ...]
    hashtags: tuple[Topic, ...]
    keyphrases: tuple[Topic, ...]
    intent: Intent
    mentions_brand: bool

    def to_json(self) -> dict[str, Any]:
        """The shape ``osmosi analyze`` prints."""
        return {
            "language": self.language,
            "sentiment": {"label": self.sentiment.value, "score": self.score},
            "aspects": {
                f"{a.target.value}:{a.key}": {"label": a.sentiment.value, "score": a.score}
                for a in self.aspects
            },
            "topics": [t.display for t in (*self.hashtags, *self.keyphrases)],
            "intent": self.intent.value,
            "brand": self.mentions_brand,
        }


def hashtag_topics(text: str) -> tuple[Topic, ...]:
    """Hashtags as topics: keyed without case or accents, displayed with camel case split.

    >>> [(t.key, t.display) for t in hashtag_topics("Grazie #ServizioClienti #caffè")]
    [('servizioclienti', 'Servizio Clienti'), ('caffe', 'caffè')]
    """
    topics: dict[str, Topic] = {}
    for tag in hashtags_in(text):
        topic = Topic.from_text(tag)
        topics.setdefault(topic.key, dataclasses.replace(topic, display=split_camel_case(tag)))
    return tuple(topics.values())


class Analyzer:
    """Enrichment with one brand lexicon."""

    def __init__(self, lexicon_path: Path = DEFAULT_LEXICON) -> None:
        self.lexicon_path = lexicon_path
        self.lexicon: BrandLexicon = load_lexicon(lexicon_path)  # fail at start, not mid-ingest
        self._pipelines: dict[str, Language] = {}

    def pipeline(self, lang: str) -> Language:
        """The pipeline for ``lang``, built on first use."""
        key = rules_key(lang)
        if key not in self._pipelines:
            self._pipelines[key] = build_pipeline(key, self.lexicon_path)
        return self._pipelines[key]

    def analyze(
        self, texts: Sequence[str], languages: Sequence[str | None] | None = None
    ) -> list[Analysis]:
        """Analyse texts; ``languages`` gives each text's declared language, if known."""
        declared = languages if languages is not None else [None] * len(texts)
        if len(declared) != len(texts):
            raise ValueError("one declared language per text")
        resolved = [resolve_language(t, d) for t, d in zip(texts, declared, strict=True)]
        groups: dict[str, list[int]] = {}
        for index, (_, lang) in enumerate(resolved):
            groups.setdefault(rules_key(lang), []).append(index)
        results: list[Analysis | None] = [None] * len(texts)
        for key, indices in groups.items():
            docs = self.pipeline(key).pipe((texts[i] for i in indices), batch_size=BATCH_SIZE)
            for index, doc in zip(indices, docs, strict=True):
                found = reading(doc)
                results[index] = Analysis(
                    language=resolved[index][0],
                    sentiment=found.polarity.label,
                    score=found.polarity.score,
                    aspects=tuple(found.aspects),
                    hashtags=hashtag_topics(texts[index]),
                    keyphrases=tuple(
                        Topic.from_text(p, TopicKind.KEYPHRASE) for p in found.keyphrases
                    ),
                    intent=found.intent,
                    mentions_brand=any(m.is_brand for m in found.mentions),
                )
        return [r for r in results if r is not None]

    def enrich(self, posts: list[Post]) -> list[Post]:
        """The ingest pipeline's enrichment hook: posts with their analysis attached."""
        analyses = self.analyze([p.text for p in posts], [p.language for p in posts])
        enriched = []
        for post, analysis in zip(posts, analyses, strict=True):
            # Hashtags read from the text display best (camel case split); tags only the
            # platform listed are kept; a keyphrase never replaces a hashtag.
            topics: dict[str, Topic] = {}
            for topic in (*analysis.hashtags, *post.topics, *analysis.keyphrases):
                topics.setdefault(topic.key, topic)
            enriched.append(
                dataclasses.replace(
                    post,
                    language=None if analysis.language == UNDETERMINED else analysis.language,
                    topics=tuple(topics.values()),
                    aspects=analysis.aspects,
                    sentiment=analysis.sentiment,
                    sentiment_score=analysis.score,
                    intent=analysis.intent,
                )
            )
        return enriched


@functools.cache
def analyzer_for(lexicon_path: Path = DEFAULT_LEXICON) -> Analyzer:
    """The process's analyzer for a lexicon file (pipelines are built once per process)."""
    return Analyzer(lexicon_path)
