"""Train the polarity models shipped in ``data/models`` (needs the ``train`` extra).

    python -m ingestion.enrichment.training --data ../shared/data/sentiment

English learns from the TweetEval validation split (three classes), Italian from FEEL-IT
(positive/negative): both licences allow it. SENTIPOLC is evaluation-only and never used
here; the TweetEval test split and the VADER tweets are kept for evaluation too.
Regularisation is chosen by 5-fold cross-validation on the training set alone.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from ingestion.enrichment import datasets
from ingestion.enrichment.analyzer import Analyzer
from ingestion.enrichment.components import opinion_words
from ingestion.enrichment.resources import DATA_DIR, language_rules, sentiment_lexicon
from ingestion.enrichment.sentiment import (
    dense_features,
    model_tokens,
    ngram_features,
    score_words,
)

SEED = 0
GRID = [(c, scale) for c in (0.3, 1.0, 3.0) for scale in (3.0, 5.0)]


def featurize(
    analyzer: Analyzer, lang: str, texts: Sequence[str]
) -> tuple[list[list[str]], list[list[float]]]:
    """N-gram features and dense scorer features, exactly as the pipeline computes them."""
    nlp = analyzer.pipeline(lang)
    rules, lexicon = language_rules()[lang], sentiment_lexicon(lang)
    grams, dense = [], []
    only = ["osmosi_normaliser", "osmosi_brand_matcher"]
    with nlp.select_pipes(enable=only):
        for doc in nlp.pipe(texts, batch_size=256):
            words = opinion_words(doc)
            grams.append(ngram_features(model_tokens(words, rules)))
            dense.append(dense_features(score_words(words, rules, lexicon)))
    return grams, dense


def fit(
    grams: list[list[str]],
    dense: list[list[float]],
    labels: list[str],
    metric: Callable[..., float],
) -> tuple[dict[str, Any], float]:
    """Pick C and the dense-feature scale by cross-validation, then fit on everything."""
    import numpy as np
    from scipy.sparse import csr_matrix, hstack
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import StratifiedKFold

    y = np.array(labels)
    dense_array = np.array(dense)

    def train(rows: Sequence[int], c: float, scale: float) -> tuple[Any, Any]:
        vectorizer = TfidfVectorizer(analyzer=lambda g: g, min_df=2, sublinear_tf=True)
        x = hstack(
            [
                vectorizer.fit_transform([grams[i] for i in rows]),
                csr_matrix(dense_array[rows] * scale),
            ]
        )
        model = LogisticRegression(C=c, max_iter=5000, class_weight="balanced")
        return vectorizer, model.fit(x.tocsr(), y[rows])

    def predict(vectorizer: Any, model: Any, rows: Sequence[int], scale: float) -> Any:
        x = hstack(
            [vectorizer.transform([grams[i] for i in rows]), csr_matrix(dense_array[rows] * scale)]
        )
        return model.predict(x.tocsr())

    folds = list(StratifiedKFold(5, shuffle=True, random_state=SEED).split(dense_array, y))
    scores = {}
    for c, scale in GRID:
        fold_scores = []
        for train_rows, test_rows in folds:
            vectorizer, model = train(train_rows, c, scale)
            predicted = predict(vectorizer, model, test_rows, scale)
            fold_scores.append(metric(y[test_rows], predicted, average="macro"))
        scores[(c, scale)] = float(np.mean(fold_scores))
    c, scale = max(scores, key=scores.__getitem__)
    vectorizer, model = train(range(len(labels)), c, scale)
    spec = export(vectorizer, model, scale, dense_array.shape[1])
    spec["selection"] = {"C": c, "dense_scale": scale, "cv_macro": round(scores[(c, scale)], 4)}
    return spec, scores[(c, scale)]


def export(vectorizer: Any, model: Any, scale: float, n_dense: int) -> dict[str, Any]:
    """A fitted ``TfidfVectorizer`` + ``LogisticRegression`` as `PolarityModel` JSON."""
    import numpy as np

    classes = [str(k) for k in model.classes_]
    coef, bias = model.coef_, model.intercept_
    if len(classes) == 2:  # binary: one weight vector, for the second class
        coef = np.vstack([np.zeros_like(coef[0]), coef[0]])
        bias = np.array([0.0, bias[0]])
    n_vocab = len(vectorizer.vocabulary_)
    return {
        "classes": classes,
        "dense_scale": scale,
        "bias": [round(float(b), 6) for b in bias],
        "dense": [[round(float(v), 6) for v in coef[:, n_vocab + j]] for j in range(n_dense)],
        "vocabulary": {
            feature: [
                round(float(vectorizer.idf_[i]), 6),
                *(round(float(v), 6) for v in coef[:, i]),
            ]
            for feature, i in sorted(vectorizer.vocabulary_.items())
        },
    }


def main(argv: Sequence[str] | None = None) -> None:
    from sklearn.metrics import f1_score, recall_score

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True, help="folder of the labelled sets")
    parser.add_argument("--out", type=Path, default=DATA_DIR / "models")
    args = parser.parse_args(argv)
    analyzer = Analyzer()
    plans = [
        (
            "en",
            datasets.tweeteval(args.data, "val"),
            recall_score,
            "TweetEval sentiment, validation split (SemEval-2017 4A; Barbieri et al. 2020)",
        ),
        (
            "it",
            datasets.feel_it(args.data),
            f1_score,
            "FEEL-IT (Bianchi, Nozza & Hovy 2021), MIT licence",
        ),
    ]
    args.out.mkdir(parents=True, exist_ok=True)
    for lang, examples, metric, source in plans:
        texts, labels = zip(*examples, strict=True)
        grams, dense = featurize(analyzer, lang, texts)
        spec, cv = fit(grams, dense, [label.value for label in labels], metric)
        spec = {
            "language": lang,
            "trained_on": source,
            "examples": len(texts),
            **spec,
        }
        path = args.out / f"{lang}.json"
        path.write_text(json.dumps(spec, ensure_ascii=False, separators=(",", ":")) + "\n")
        print(f"{lang}: {len(texts)} examples, cross-validated macro {cv:.3f} → {path}")


if __name__ == "__main__":
    main()
