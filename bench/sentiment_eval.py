"""Sentiment accuracy on the public labelled sets (see ``../shared/data/README.md``), and the
analyzer's throughput with language detection on.

Every figure reads the label the analyzer produces, the one the store gets (a ``neutral`` on a
polar tweet counts as a miss), through the real `Analyzer` path; the sign of the score is
printed beside it for reference. Each figure has an independent reference computed in the
same run:

- VADER tweets, macro-F1 positive vs negative; reference: the ``vaderSentiment`` package;
- TweetEval test, macro-recall over negative/neutral/positive; reference: ``vaderSentiment``;
- SENTIPOLC 2016 test, macro-F1 positive vs negative, 3-way macro-F1, and the official EVALITA
  2016 polarity F over all 2,000 tweets (the mean of the positive and the negative subtask,
  each the mean F of its classes 1 and 0; mixed tweets count in both); reference: a plain
  TF-IDF + logistic regression trained on FEEL-IT;
- FEEL-IT, macro-F1 by nested 5-fold cross-validation (the shipped Italian model learned from
  it): each fold scored by a model and a grid search that never saw it;
- undetermined: the share of TweetEval test tweets (English) reported ``und`` or as another
  language when no language is declared; reference: py3langid's own top guess over all its
  languages;
- throughput: texts per second of ``Analyzer.analyze`` with no language declared (so every text
  goes through language detection), median of three runs, as a ratio to ``vaderSentiment``
  timed on the same texts.

Nothing here is tuned on a test split: the polarity models, their neutral bands and the
language-detection threshold are chosen on TweetEval's validation split and on FEEL-IT by
cross-validation (``python -m ingestion.enrichment.training``); the VADER tweets evaluate
the English lexicon; SENTIPOLC is evaluation-only.

    python -m bench.sentiment_eval [--data ../shared/data/sentiment] [--json]
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from graph.model.nodes import Sentiment
from ingestion.enrichment import datasets
from ingestion.enrichment.analyzer import Analyzer
from ingestion.enrichment.language import UNDETERMINED
from ingestion.enrichment.sentiment import PolarityModel
from ingestion.enrichment.training import featurize

POLAR = (Sentiment.NEGATIVE, Sentiment.POSITIVE)
ALL = (Sentiment.NEGATIVE, Sentiment.NEUTRAL, Sentiment.POSITIVE)
VADER_BAND = 0.05  # VADER's own neutral band on its compound score


def macro(
    gold: Sequence[Any], predicted: Sequence[Any], classes: Iterable[Any]
) -> tuple[float, float]:
    """Macro-F1 and macro-recall over ``classes``.

    >>> macro("pnpn", "ppnn", "pn")
    (0.5, 0.5)
    """
    f1s, recalls = [], []
    for label in classes:
        tp = sum(g == p == label for g, p in zip(gold, predicted, strict=True))
        fp = sum(p == label != g for g, p in zip(gold, predicted, strict=True))
        fn = sum(g == label != p for g, p in zip(gold, predicted, strict=True))
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        f1s.append(2 * precision * recall / (precision + recall) if precision + recall else 0.0)
        recalls.append(recall)
    return sum(f1s) / len(f1s), sum(recalls) / len(recalls)


def sentipolc_official(gold: Sequence[tuple[bool, bool]], labels: Sequence[Sentiment]) -> float:
    """EVALITA 2016 polarity F: the mean over the positive and negative subtasks of the mean F
    of their classes 1 and 0.

    >>> P, N, U = Sentiment.POSITIVE, Sentiment.NEGATIVE, Sentiment.NEUTRAL
    >>> sentipolc_official([(True, False), (False, True), (False, False)], [P, N, U])
    1.0
    """
    subtasks = []
    for k, label in enumerate(POLAR[::-1]):
        flags = [pair[k] for pair in gold]
        subtasks.append(macro(flags, [lab is label for lab in labels], (True, False))[0])
    return sum(subtasks) / 2


def sign(score: float) -> Sentiment:
    return Sentiment.POSITIVE if score > 0 else Sentiment.NEGATIVE


def vader_labels(texts: Sequence[str]) -> list[Sentiment]:
    """The ``vaderSentiment`` package's labels, with its own ±0.05 neutral band."""
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    vader = SentimentIntensityAnalyzer()
    labels = []
    for text in texts:
        compound = vader.polarity_scores(text)["compound"]
        if compound >= VADER_BAND:
            labels.append(Sentiment.POSITIVE)
        elif compound <= -VADER_BAND:
            labels.append(Sentiment.NEGATIVE)
        else:
            labels.append(Sentiment.NEUTRAL)
    return labels


def tfidf_baseline(folder: Path) -> Callable[[Sequence[str]], list[Sentiment]]:
    """A plain TF-IDF (word 1-2 grams) + logistic regression fitted on FEEL-IT."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline

    texts, labels = zip(*datasets.feel_it(folder), strict=True)
    model = make_pipeline(
        TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=2),
        LogisticRegression(max_iter=2000, class_weight="balanced"),
    ).fit(list(texts), [label.value for label in labels])
    return lambda rows: [Sentiment(v) for v in model.predict(list(rows))]


def feel_it_nested_cv(analyzer: Analyzer, folder: Path) -> float:
    """Macro-F1 on FEEL-IT with each fold predicted by a model trained on the others."""
    import numpy as np
    from sklearn.metrics import f1_score
    from sklearn.model_selection import StratifiedKFold

    from ingestion.enrichment.training import SEED, fit

    texts, labels = zip(*datasets.feel_it(folder), strict=True)
    grams, dense = featurize(analyzer, "it", texts)
    y = np.array([label.value for label in labels])
    predicted = np.empty_like(y)
    for train_rows, test_rows in StratifiedKFold(5, shuffle=True, random_state=SEED + 1).split(
        dense, y
    ):
        spec, _, _ = fit(
            [grams[i] for i in train_rows],
            [dense[i] for i in train_rows],
            list(y[train_rows]),
            f1_score,
        )
        model = PolarityModel({"language": "it", **spec})
        for i in test_rows:
            probs = model.probabilities(grams[i], dense[i])
            predicted[i] = Sentiment.POSITIVE.value if probs[1] >= probs[0] else "negative"
    return float(f1_score(y, predicted, average="macro"))


def throughput(analyzer: Analyzer, texts: Sequence[str], runs: int = 3) -> tuple[float, float]:
    """Median texts/s of the analyzer (language detected, not declared) and of VADER."""
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    vader = SentimentIntensityAnalyzer()
    # Every language's pipeline is built once per process, as in a worker, before timing.
    analyzer.analyze(texts[:: max(1, len(texts) // 500)])
    ours, theirs = [], []
    for _ in range(runs):
        started = time.perf_counter()
        analyzer.analyze(texts)
        ours.append(len(texts) / (time.perf_counter() - started))
        started = time.perf_counter()
        for text in texts:
            vader.polarity_scores(text)
        theirs.append(len(texts) / (time.perf_counter() - started))
    return statistics.median(ours), statistics.median(theirs)


class Report:
    def __init__(self, as_json: bool) -> None:
        self.as_json = as_json
        self.figures: dict[str, dict[str, Any]] = {}

    def add(self, name: str, metric: str, value: float, target: float | None, **extra: Any) -> None:
        self.figures[name] = {
            "metric": metric,
            "value": round(value, 4),
            "target": target,
            **{k: round(v, 4) if isinstance(v, float) else v for k, v in extra.items()},
        }
        if self.as_json:
            return
        verdict = (
            "" if target is None else f"target {target}: {'meets' if value >= target else 'BELOW'}"
        )
        others = ", ".join(
            f"{k} {v:.3f}" if isinstance(v, float) else f"{k} {v}" for k, v in extra.items()
        )
        print(f"{name:<36} {metric:<13} {value:.3f}  ({others}) {verdict}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/data/sentiment"))
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--no-cv", action="store_true", help="skip the FEEL-IT nested CV")
    args = parser.parse_args()
    folder = args.data
    analyzer = Analyzer()
    report = Report(args.json)

    def analyze(texts: Sequence[str], lang: str) -> tuple[list[Sentiment], list[Sentiment]]:
        analyses = analyzer.analyze(texts, [lang] * len(texts))
        return [a.sentiment for a in analyses], [sign(a.score) for a in analyses]

    texts, gold = zip(*datasets.vader_tweets(folder), strict=True)
    labels, signs = analyze(texts, "en")
    report.add(
        "VADER tweets (en)",
        "macro-F1",
        macro(gold, labels, POLAR)[0],
        0.93,
        sign=macro(gold, signs, POLAR)[0],
        vaderSentiment=macro(gold, vader_labels(texts), POLAR)[0],
        neutral=sum(lab is Sentiment.NEUTRAL for lab in labels) / len(labels),
        rows=len(texts),
    )

    texts, gold = zip(*datasets.tweeteval(folder, "test"), strict=True)
    labels, _ = analyze(texts, "en")
    report.add(
        "TweetEval test (en)",
        "macro-recall",
        macro(gold, labels, ALL)[1],
        0.65,
        vaderSentiment=macro(gold, vader_labels(texts), ALL)[1],
        rows=len(texts),
    )

    baseline = tfidf_baseline(folder)
    rows = list(datasets.sentipolc_subtasks(folder, "test"))
    texts = tuple(text for text, _, _ in rows)
    flags = [(positive, negative) for _, positive, negative in rows]
    labels, signs = analyze(texts, "it")
    reference = baseline(texts)
    polar = [i for i, (p, n) in enumerate(flags) if p != n]
    polar_gold = [POLAR[flags[i][0]] for i in polar]
    report.add(
        "SENTIPOLC 2016 test, binary (it)",
        "macro-F1",
        macro(polar_gold, [labels[i] for i in polar], POLAR)[0],
        0.70,
        sign=macro(polar_gold, [signs[i] for i in polar], POLAR)[0],
        tfidf_lr=macro(polar_gold, [reference[i] for i in polar], POLAR)[0],
        neutral=sum(labels[i] is Sentiment.NEUTRAL for i in polar) / len(polar),
        rows=len(polar),
    )
    report.add(
        "SENTIPOLC 2016 test, official (it)",
        "polarity F",
        sentipolc_official(flags, labels),
        0.664,
        tfidf_lr=sentipolc_official(flags, reference),
        rows=len(flags),
    )
    three = [i for i, (p, n) in enumerate(flags) if not (p and n)]
    three_gold = [ALL[1 + flags[i][0] - flags[i][1]] for i in three]
    report.add(
        "SENTIPOLC 2016 test, 3-way (it)",
        "macro-F1",
        macro(three_gold, [labels[i] for i in three], ALL)[0],
        None,
        tfidf_lr=macro(three_gold, [reference[i] for i in three], ALL)[0],
        rows=len(three),
    )

    if not args.no_cv:
        report.add(
            "FEEL-IT, nested 5-fold CV (it)", "macro-F1", feel_it_nested_cv(analyzer, folder), 0.75
        )

    from py3langid import classify

    texts = tuple(t for t, _ in datasets.tweeteval(folder, "test"))
    languages = [a.language for a in analyzer.analyze(texts)]
    report.add(
        "TweetEval test, no language given",
        "und share",
        sum(lang == UNDETERMINED for lang in languages) / len(texts),
        None,
        other_language=sum(lang not in ("en", UNDETERMINED) for lang in languages) / len(texts),
        py3langid_not_en=sum(classify(t)[0] != "en" for t in texts) / len(texts),
        rows=len(texts),
    )

    mix = [t for t, _ in datasets.tweeteval(folder, "val")] + [
        t for t, _ in datasets.feel_it(folder)
    ]
    ours, vader = throughput(analyzer, mix)
    report.add(
        "throughput, language detected",
        "texts/s",
        ours,
        2000.0,
        vaderSentiment=vader,
        ratio_to_vader=ours / vader,
        rows=len(mix),
    )
    if args.json:
        print(json.dumps(report.figures, indent=2))


if __name__ == "__main__":
    main()
