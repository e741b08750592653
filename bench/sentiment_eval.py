"""Sentiment accuracy on the public labelled sets (see ``../shared/data/README.md``).

Figures, each on the test split and with the metric the issue names:
- VADER tweets: macro-F1, positive vs negative;
- TweetEval test: macro-recall over negative/neutral/positive;
- SENTIPOLC 2016 test: macro-F1 positive vs negative, and 3-way with neutral;
- FEEL-IT: macro-F1 positive vs negative. The shipped Italian model learned from FEEL-IT, so
  its figure is nested 5-fold cross-validation: each fold scored by a model (and a grid
  search) that never saw it. The shipped model's own score on FEEL-IT is printed as a
  reference only.
Binary figures read the label from the sign of the score (positive > 0). The lexicon
scorer alone, with no learned model, is printed beside each figure as the reference.

    python -m bench.sentiment_eval [--data ../shared/data/sentiment] [--json]
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Iterable, Sequence
from pathlib import Path

from graph.model import Sentiment
from ingestion.enrichment import datasets
from ingestion.enrichment.analyzer import Analyzer
from ingestion.enrichment.sentiment import PolarityModel, label_for
from ingestion.enrichment.training import featurize

POLAR = (Sentiment.NEGATIVE, Sentiment.POSITIVE)
ALL = (Sentiment.NEGATIVE, Sentiment.NEUTRAL, Sentiment.POSITIVE)


def macro(
    gold: Sequence[Sentiment], predicted: Sequence[Sentiment], classes: Iterable[Sentiment]
) -> tuple[float, float]:
    """Macro-F1 and macro-recall over ``classes``."""
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


def polar(score: float) -> Sentiment:
    return Sentiment.POSITIVE if score > 0 else Sentiment.NEGATIVE


class Evaluator:
    def __init__(self, analyzer: Analyzer) -> None:
        self.analyzer = analyzer

    def predict(self, texts: Sequence[str], lang: str) -> list[tuple[Sentiment, float, float]]:
        """Per text: the pipeline's label and score, and the lexicon scorer's compound."""
        analyses = self.analyzer.analyze(texts, [lang] * len(texts))
        _, dense = featurize(self.analyzer, lang, texts)  # dense[0] is the compound
        return [(a.sentiment, a.score, d[0]) for a, d in zip(analyses, dense, strict=True)]


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
        spec, _ = fit(
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/data/sentiment"))
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args()
    analyzer = Analyzer()
    evaluator = Evaluator(analyzer)
    figures: dict[str, dict[str, float | None]] = {}

    def run(
        name: str,
        lang: str,
        examples: Iterable[tuple[str, Sentiment]],
        three_way: bool,
        metric: str,
        target: float | None,
    ) -> None:
        texts, gold = zip(*examples, strict=True)
        started = time.perf_counter()
        predictions = evaluator.predict(texts, lang)
        if three_way:
            labels = [label for label, _, _ in predictions]
            lexical = [label_for(c) for _, _, c in predictions]
            classes: Sequence[Sentiment] = ALL
        else:
            keep = [i for i, g in enumerate(gold) if g in POLAR]
            gold = tuple(gold[i] for i in keep)
            labels = [polar(predictions[i][1]) for i in keep]
            lexical = [polar(predictions[i][2]) for i in keep]
            classes = POLAR
        index = 0 if metric == "macro-F1" else 1
        value = macro(gold, labels, classes)[index]
        reference = macro(gold, lexical, classes)[index]
        figures[name] = {
            "value": round(value, 4),
            "lexicon_only": round(reference, 4),
            "target": target,
            "rows": len(gold),
            "seconds": round(time.perf_counter() - started, 2),
        }
        if not args.json:
            if target is None:
                verdict = "no target"
            else:
                verdict = f"target {target:.2f}: {'meets' if value >= target else 'BELOW'}"
            print(
                f"{name:<34} {metric:<12} {value:.3f}  (lexicon only {reference:.3f}, "
                f"ratio {value / reference:.2f}; {verdict}; {len(gold)} rows)"
            )

    folder = args.data
    run("VADER tweets (en)", "en", datasets.vader_tweets(folder), False, "macro-F1", 0.90)
    run("TweetEval test (en)", "en", datasets.tweeteval(folder, "test"), True, "macro-recall", 0.60)
    run(
        "SENTIPOLC 2016 test, binary (it)",
        "it",
        datasets.sentipolc(folder, "test"),
        False,
        "macro-F1",
        0.70,
    )
    run(
        "SENTIPOLC 2016 test, 3-way (it)",
        "it",
        datasets.sentipolc(folder, "test"),
        True,
        "macro-F1",
        None,
    )
    run("FEEL-IT, shipped model (it)", "it", datasets.feel_it(folder), False, "macro-F1", None)
    nested = feel_it_nested_cv(analyzer, folder)
    figures["FEEL-IT nested 5-fold CV (it)"] = {"value": round(nested, 4), "target": 0.75}
    if args.json:
        print(json.dumps(figures, indent=2))
    else:
        status = "meets" if nested >= 0.75 else "BELOW"
        print(
            f"{'FEEL-IT, nested 5-fold CV (it)':<34} {'macro-F1':<12} {nested:.3f}  "
            f"(target 0.75: {status})"
        )


if __name__ == "__main__":
    main()
