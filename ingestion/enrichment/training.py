"""Train the polarity models shipped in ``data/models`` (needs the ``train`` extra).

    python -m ingestion.enrichment.training --data ../shared/data/sentiment

English learns from the TweetEval validation split (three classes), Italian from FEEL-IT
(positive/negative): both licences allow it. SENTIPOLC is evaluation-only and never used
here; the TweetEval test split and the VADER tweets are kept for evaluation too.
Regularisation is chosen by 5-fold cross-validation on the training set alone.

The labels commit as the validation data says they should. English's three-class model
takes the most probable class (balanced class weights; no shift of the neutral class scored
better on TweetEval val out of fold). Italian's two-class model has no neutral examples to
learn from: a post in which the lexicon finds no sentiment word stays neutral (on real
neutral Italian prose the model would call most such sentences negative), and its neutral
band on the score P(positive) - P(negative) is set from its own out-of-fold scores on
FEEL-IT so that, with those, the same share of polar tweets is neutral as the English model
leaves of TweetEval val's polar tweets out of fold.
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
) -> tuple[dict[str, Any], float, Any]:
    """Pick C and the dense-feature scale by cross-validation, then fit on everything.

    Also returns the chosen setting's out-of-fold probabilities (rows in ``labels`` order,
    columns in the sorted class order): what the neutral band is calibrated on.
    """
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
        return model.predict_proba(x.tocsr())

    folds = list(StratifiedKFold(5, shuffle=True, random_state=SEED).split(dense_array, y))
    classes = np.unique(y)
    scores, out_of_fold = {}, {}
    for c, scale in GRID:
        fold_scores = []
        probabilities = np.zeros((len(y), len(classes)))
        for train_rows, test_rows in folds:
            vectorizer, model = train(train_rows, c, scale)
            probabilities[test_rows] = predict(vectorizer, model, test_rows, scale)
            predicted = classes[probabilities[test_rows].argmax(axis=1)]
            fold_scores.append(metric(y[test_rows], predicted, average="macro"))
        scores[(c, scale)] = float(np.mean(fold_scores))
        out_of_fold[(c, scale)] = probabilities
    c, scale = max(scores, key=scores.__getitem__)
    vectorizer, model = train(range(len(labels)), c, scale)
    spec = export(vectorizer, model, scale, dense_array.shape[1])
    spec["selection"] = {"C": c, "dense_scale": scale, "cv_macro": round(scores[(c, scale)], 4)}
    return spec, scores[(c, scale)], out_of_fold[(c, scale)]


def neutral_share(out_of_fold: Any, labels: Sequence[str]) -> float:
    """Share of the polar examples a three-class model calls neutral, out of fold.

    >>> import numpy as np
    >>> neutral_share(np.array([[0.2, 0.5, 0.3], [0.1, 0.2, 0.7]]), ["positive", "positive"])
    0.5
    """
    classes = ("negative", "neutral", "positive")  # scikit-learn's sorted order
    predicted: list[str] = [classes[int(row.argmax())] for row in out_of_fold]
    polar = [p for p, gold in zip(predicted, labels, strict=True) if gold != "neutral"]
    return sum(p == "neutral" for p in polar) / len(polar)


def neutral_band(out_of_fold: Any, evidence: Sequence[bool], share: float) -> float:
    """The neutral band of a two-class model, from its out-of-fold probabilities on polar
    examples: posts without a sentiment word are neutral first (``evidence`` false), then the
    band widens over the others' |P(positive) - P(negative)| until ``share`` of all are in.

    >>> import numpy as np
    >>> probabilities = np.array([[0.5, 0.5], [0.4, 0.6], [0.1, 0.9], [0.9, 0.1]])
    >>> neutral_band(probabilities, [False, True, True, True], 0.5)
    0.2
    >>> neutral_band(probabilities, [False, False, True, True], 0.25)
    0.0
    """
    import numpy as np

    margins = np.abs(out_of_fold[:, 1] - out_of_fold[:, 0])[np.array(evidence)]
    wanted = share * len(out_of_fold) - (len(out_of_fold) - len(margins))
    if wanted <= 0 or not len(margins):
        return 0.0
    return round(float(np.quantile(margins, min(1.0, wanted / len(margins)), method="lower")), 4)


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
    parser.add_argument(
        "--only", choices=["en", "it"], help="train one language (Italian reads English's share)"
    )
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
    english = args.out / "en.json"
    share = json.loads(english.read_text())["neutral_share_of_polar"] if english.exists() else 0.0
    for lang, examples, metric, source in plans:
        if args.only not in (None, lang):
            continue
        texts, labels = zip(*examples, strict=True)
        grams, dense = featurize(analyzer, lang, texts)
        values = [label.value for label in labels]
        spec, cv, out_of_fold = fit(grams, dense, values, metric)
        if "neutral" in spec["classes"]:
            share = neutral_share(out_of_fold, values)
            calibration = {"neutral_share_of_polar": round(share, 4)}
        else:  # English comes first: its share sets the band
            calibration = {
                "neutral_band": neutral_band(out_of_fold, [d[3] + d[4] > 0 for d in dense], share),
                "neutral_share_of_polar": round(share, 4),
            }
        spec = {
            "language": lang,
            "trained_on": source,
            "examples": len(texts),
            **spec,
            **calibration,
        }
        path = args.out / f"{lang}.json"
        path.write_text(json.dumps(spec, ensure_ascii=False, separators=(",", ":")) + "\n")
        print(f"{lang}: {len(texts)} examples, cross-validated macro {cv:.3f} → {path}")


if __name__ == "__main__":
    main()
