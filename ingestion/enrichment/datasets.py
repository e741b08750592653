"""Readers for the public labelled sentiment sets Osmosi is trained and evaluated on.

The files are not part of Osmosi (licences differ, see ``data/LICENSES.md``); pass the
folder that holds them (``../shared/data/sentiment`` in the project's workspace). Each
reader yields (text, label) with labels from `graph.model.nodes.Sentiment`.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

from graph.model.nodes import Sentiment

_TWEETEVAL = {"0": Sentiment.NEGATIVE, "1": Sentiment.NEUTRAL, "2": Sentiment.POSITIVE}
# VADER's gold means are averages of ratings from -4 to +4; the paper's neutral band.
VADER_NEUTRAL = 0.05
Example = tuple[str, Sentiment]


def vader_tweets(folder: Path) -> Iterator[Example]:
    """``id<TAB>mean<TAB>text``; the few tweets rated within ±0.05 are left out."""
    with (folder / "en_vader_tweets_gold.tsv").open(encoding="utf-8") as file:
        for line in file:
            _, mean, text = line.rstrip("\n").split("\t", 2)
            value = float(mean)
            if abs(value) > VADER_NEUTRAL:
                yield text, Sentiment.POSITIVE if value > 0 else Sentiment.NEGATIVE


def tweeteval(folder: Path, split: str) -> Iterator[Example]:
    """``label<TAB>text`` with 0 negative, 1 neutral, 2 positive."""
    with (folder / f"en_tweeteval_{split}.tsv").open(encoding="utf-8") as file:
        for line in file:
            label, text = line.rstrip("\n").split("\t", 1)
            yield text, _TWEETEVAL[label]


def sentipolc_subtasks(folder: Path, split: str) -> Iterator[tuple[str, bool, bool]]:
    """``;``-separated: each tweet with its ``opos`` and ``oneg`` flags (both for mixed)."""
    with (folder / f"it_sentipolc16_{split}.csv").open(encoding="utf-8", newline="") as file:
        for row in csv.reader(file, delimiter=";"):
            if row[0] != "idtwitter":
                yield ";".join(row[8:]), row[2] == "1", row[3] == "1"


def sentipolc(folder: Path, split: str) -> Iterator[Example]:
    """Overall polarity from ``opos``/``oneg`` (mixed tweets left out)."""
    for text, positive, negative in sentipolc_subtasks(folder, split):
        if positive and negative:
            continue
        if positive:
            yield text, Sentiment.POSITIVE
        elif negative:
            yield text, Sentiment.NEGATIVE
        else:
            yield text, Sentiment.NEUTRAL


def feel_it(folder: Path) -> Iterator[Example]:
    """``text,labels``: joy is positive; anger, sadness and fear are negative."""
    with (folder / "it_feel_it.csv").open(encoding="utf-8", newline="") as file:
        for row in csv.DictReader(file):
            emotion = row["labels"].split(" ")[0]
            yield row["text"], Sentiment.POSITIVE if emotion == "joy" else Sentiment.NEGATIVE
