"""Each format's fixture, written from the platform's documented fields, parses as expected."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from graph.model.nodes import ChannelKind, ShareKind
from tests.helpers.ingest import fixture_parser, parsed


def test_mastodon_statuses() -> None:
    posts = parsed("mastodon")
    first = posts["110000000000000001"]["post"]
    assert first.text == "La nuova miscela di @aurora è ottima ☕🙂 & la consegna veloce! #Caffè"
    assert first.author.uid == "mastodon:giulia@mastodon.social"
    assert first.author.followers == 120
    assert first.author.display_name == "Giulia ☕"
    assert first.author.links == ("https://giulia.example/",)  # profile fields' links only
    assert [m.uid for m in first.mentions] == ["mastodon:aurora@mastodon.social"]
    assert [t.key for t in first.topics] == ["caffe"]
    assert first.language == "it"
    assert first.metrics == {"replies": 1, "shares": 1, "likes": 7}
    assert first.created_at == datetime(2026, 10, 1, 9, 0, tzinfo=UTC)
    assert first.channel is not None and first.channel.venue == "mastodon.social"

    reply = posts["110000000000000002"]["post"]
    assert reply.reply_to == "110000000000000001"
    assert reply.author.uid == "mastodon:tom@fosstodon.org"
    assert reply.text == (
        "@giulia agreed <3 but MATCH (n) DETACH DELETE n; <script>alert(1)</script>"
    )

    reblog = posts["110000000000000003"]["post"]
    assert reblog.shares == "110000000000000001"
    assert reblog.share_kind is ShareKind.REPOST
    assert reblog.author.uid == "mastodon:ana@mastodon.social"


def test_x_v2_pages() -> None:
    posts = parsed("x-v2")
    question = posts["1800000000000000001"]["post"]
    assert question.author.uid == "x:emma_w"
    assert question.author.followers == 300
    # The website and the bio's links, expanded; anything but a web link is left out.
    assert question.author.links == ("https://emma.example/", "https://shop.example/emma")
    assert [m.uid for m in question.mentions] == ["x:auroracaffe"]
    assert [t.key for t in question.topics] == ["coffee", "cafe"]
    assert question.metrics == {"likes": 10, "shares": 2, "replies": 1, "quotes": 1, "views": 900}
    assert question.url == "https://x.com/emma_w/status/1800000000000000001"
    answer = posts["1800000000000000002"]["post"]
    assert answer.reply_to == "1800000000000000001"
    assert answer.text == "@emma_w yes they do! 🇷🇴"
    quote = posts["1800000000000000003"]["post"]
    assert (quote.shares, quote.share_kind) == ("1800000000000000001", ShareKind.QUOTE)
    retweet = posts["1800000000000000004"]["post"]
    assert (retweet.shares, retweet.share_kind) == ("1800000000000000001", ShareKind.REPOST)


def test_reddit_submissions_and_comments() -> None:
    posts = parsed("reddit")
    submission = posts["t3_abc123"]["post"]
    assert submission.text.startswith("Aurora capsules: worth it?\n\nThinking of switching.")
    assert [m.uid for m in submission.mentions] == ["reddit:barista_pro"]
    assert [t.key for t in submission.topics] == ["espresso"]
    assert submission.channel is not None
    assert submission.channel.venue == "r/espresso"
    assert submission.metrics == {"likes": 42, "replies": 2}
    comment = posts["t1_c1"]["post"]
    assert comment.text == "Non è male, ma il prezzo è alto & la crema sottile."
    assert comment.reply_to == "t3_abc123"
    hostile = posts["t1_c6"]["post"]
    assert hostile.text == (
        'Nice"}) MATCH (n) DETACH DELETE n // <img src=x onerror=alert(1)> <b> '
        ";DROP TABLE post;-- 🤖"
    )
    nested = posts["t1_c2"]["post"]
    assert nested.reply_to == "t1_c1"
    assert nested.created_at == datetime.fromtimestamp(1790001200.5, tz=UTC)


def test_youtube_comment_threads() -> None:
    posts = parsed("youtube")
    top = posts["UgxThread1"]["post"]
    assert top.text == "Che buono! <3 #Aurora"
    assert top.author.uid == "youtube:ucmarco"
    assert top.author.display_name == "@marco_rossi"
    assert top.channel is not None and top.channel.venue == "channel/UCaurora"
    reply = posts["UgxThread1.reply1"]["post"]
    assert reply.reply_to == "UgxThread1"
    assert [m.uid for m in reply.mentions] == ["youtube:marco_rossi"]


def test_rss_and_atom_entries() -> None:
    rss = parsed("rss")["https://blog.caffe.example/?p=1"]["post"]
    assert rss.author.handle == "Chiara L."
    assert rss.text == (
        "Recensione: miscela Aurora\n\nOttima crema & aroma, ma l'assistenza clienti è lenta. "
        "#caffè"
    )
    assert rss.language == "it"
    assert rss.channel is not None and rss.channel.venue == "blog.caffe.example"
    assert rss.channel.kind is ChannelKind.VERTICAL
    assert {t.key for t in rss.topics} == {"recensioni", "caffe"}
    atom = parsed("rss", "atom.xml")["urn:uuid:entry-42"]["post"]
    assert atom.author.handle == "Forum Espresso"
    assert atom.text == "Aurora vs the rest\n\nDelivery took 3 weeks 😡 @aurora_support please help"
    assert [m.handle for m in atom.mentions] == ["aurora_support"]


def test_csv_with_column_mapping() -> None:
    posts = parsed("csv")
    first = posts["ig-1"]["post"]
    assert first.platform == "instagram"
    assert first.text == "Servizio clienti top 👍 #Aurora, grazie @aurora_caffe"
    assert [m.uid for m in first.mentions] == ["instagram:aurora_caffe"]
    assert first.metrics == {"likes": 12}
    hostile = posts["ig-6"]["post"]
    assert hostile.text == '<script>alert(1)</script> "}) MATCH (n) DETACH DELETE n // 🇮🇹'
    second = posts["ig-2"]["post"]
    assert second.text == 'Prezzo troppo alto, "non ci siamo"'
    assert second.created_at == datetime(2026, 10, 5, 8, 0, tzinfo=UTC)


def test_csv_mapping_errors_are_clear() -> None:
    from ingestion.parsers import parse_mapping

    assert parse_mapping(["text=Message,author=User", "id=PostId"]) == {
        "text": "Message",
        "author": "User",
        "id": "PostId",
    }
    with pytest.raises(ValueError, match="unknown field 'txt'"):
        parse_mapping(["txt=Message"])
    with pytest.raises(ValueError, match="not field=Column"):
        parse_mapping(["text"])


def test_canonical_jsonl() -> None:
    posts = parsed("jsonl")
    question = posts["f-1"]["post"]
    assert question.channel is not None and question.channel.kind is ChannelKind.VERTICAL
    answer = posts["f-2"]["post"]
    assert answer.reply_to == "f-1"
    assert [m.uid for m in answer.mentions] == ["forum:stefano"]


def test_csv_rows_without_the_mapped_columns_are_rejected_whole() -> None:
    import io

    from ingestion.canonical.record import RecordError
    from ingestion.parsers import RawRecord

    parser = fixture_parser("csv")
    items = list(parser.read(io.BytesIO(b"a,b\n1,2\n")))
    assert len(items) == 1
    assert isinstance(items[0], RawRecord)
    assert items[0].payload == {"row": {"a": "1", "b": "2"}}
    with pytest.raises(RecordError, match="missing columns: PostId, Message, User, Date"):
        parser.parse(items[0])


def test_committed_canonical_schema_matches_the_model() -> None:
    from pathlib import Path

    from ingestion.canonical.record import canonical_json_schema

    committed = Path(__file__).resolve().parents[2] / "ingestion" / "canonical.schema.json"
    assert committed.read_text(encoding="utf-8") == canonical_json_schema(), (
        "run `osmosi schema --record > ingestion/canonical.schema.json`"
    )


def test_canonical_fixture_validates_against_the_json_schema() -> None:
    import json

    from tests.helpers.ingest import FIXTURES

    schema = json.loads(
        (FIXTURES.parents[2] / "ingestion" / "canonical.schema.json").read_text(encoding="utf-8")
    )
    assert set(schema["required"]) == {"platform", "id", "author", "text", "created_at"}
    lines = (FIXTURES / "canonical.jsonl").read_text(encoding="utf-8").splitlines()
    assert set(json.loads(lines[0])) <= set(schema["properties"])
