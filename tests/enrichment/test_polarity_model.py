"""The shipped polarity models: what the JSON says is what scikit-learn learned."""

from __future__ import annotations

import json
import random

import pytest

from ingestion.enrichment.resources import DATA_DIR
from ingestion.enrichment.sentiment import PolarityModel

np = pytest.importorskip("numpy", reason="needs the train extra (installed by make test)")
sparse = pytest.importorskip("scipy.sparse")
text = pytest.importorskip("sklearn.feature_extraction.text")
linear = pytest.importorskip("sklearn.linear_model")
training = pytest.importorskip("ingestion.enrichment.training")

WORDS = [
    "buono",
    "ottimo",
    "pessimo",
    "lento",
    "caffè",
    "consegna",
    "non",
    "not_buono",
    "grazie",
    "schifo",
    "bello",
]


@pytest.mark.parametrize("classes", [("negative", "positive"), ("negative", "neutral", "positive")])
def test_exported_model_reproduces_scikit_learn_probabilities(classes) -> None:  # type: ignore[no-untyped-def]
    rng = random.Random(3)
    docs = [[rng.choice(WORDS) for _ in range(rng.randint(1, 6))] for _ in range(300)]
    dense = [[rng.uniform(-1, 1), rng.uniform(0, 1)] for _ in docs]
    labels = [rng.choice(classes) for _ in docs]
    scale = 3.0
    vectorizer = text.TfidfVectorizer(analyzer=lambda d: d, min_df=2, sublinear_tf=True)
    x = sparse.hstack([vectorizer.fit_transform(docs), sparse.csr_matrix(np.array(dense) * scale)])
    fitted = linear.LogisticRegression(C=1.0, max_iter=2000).fit(x.tocsr(), labels)
    model = PolarityModel(
        {"language": "xx", **training.export(vectorizer, fitted, scale, n_dense=2)}
    )
    expected = fitted.predict_proba(x.tocsr())
    for i, doc in enumerate(docs[:50]):
        assert model.probabilities(doc, dense[i]) == pytest.approx(list(expected[i]), abs=1e-4)


@pytest.mark.parametrize("lang", ["en", "it"])
def test_shipped_models_are_well_formed(lang: str) -> None:
    spec = json.loads((DATA_DIR / "models" / f"{lang}.json").read_text(encoding="utf-8"))
    model = PolarityModel(spec)
    width = len(model.classes) + 1
    assert model.language == lang
    assert len(model.vocabulary) > 1000
    assert all(len(entry) == width for entry in model.vocabulary.values())
    assert len(model.bias) == len(model.classes)
    assert spec["trained_on"] and spec["selection"]["cv_macro"] > 0.6
