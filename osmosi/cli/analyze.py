"""``osmosi analyze``: the enrichment of texts on standard input, one JSON object per line."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from itertools import islice
from pathlib import Path
from typing import Annotated, Any, TextIO

import typer

from osmosi.cli.options import load_settings

BATCH = 512


def _requests(stream: TextIO) -> Iterator[tuple[int, dict[str, Any]]]:
    """(line number, request) per non-blank line: JSON objects as they are, other lines as
    plain text; a line that is neither yields a request with an ``error``."""
    for number, line in enumerate(stream, 1):
        text = line.rstrip("\r\n")
        if not text.strip():
            continue
        if not text.lstrip().startswith("{"):
            yield number, {"text": text}
            continue
        try:
            request = json.loads(text)
        except json.JSONDecodeError as error:
            yield number, {"error": f"invalid JSON: {error.msg}"}
            continue
        if not isinstance(request.get("text"), str):
            yield number, {"error": "a JSON line needs a string field 'text'"}
        elif request.get("lang") is not None and not isinstance(request["lang"], str):
            yield number, {"error": "'lang' must be a string"}
        else:
            yield number, request


def analyze(
    lexicon: Annotated[
        Path | None,
        typer.Option(help="Brand lexicon TOML (OSMOSI_BRAND_LEXICON; default: the demo brand)."),
    ] = None,
) -> None:
    """Analyse texts from stdin, one JSON object out per line in.

    Reads one text per line, or JSON lines with "text" (and optional "lang", "id"). Prints
    one JSON object per input line, in order; lines that cannot be read get
    {"line": N, "error": ...} and the exit status is 1."""
    from ingestion.enrichment.analyzer import analyzer_for
    from ingestion.enrichment.brand import DEFAULT_LEXICON, LexiconError

    settings = load_settings()
    path = lexicon or settings.brand_lexicon or DEFAULT_LEXICON
    try:
        analyzer = analyzer_for(path)
    except LexiconError as error:
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(2) from error
    failed = 0
    requests = _requests(sys.stdin)
    while batch := list(islice(requests, BATCH)):
        good = [(n, r) for n, r in batch if "error" not in r]
        analyses = iter(
            analyzer.analyze([r["text"] for _, r in good], [r.get("lang") for _, r in good])
        )
        for number, request in batch:
            if "error" in request:
                failed += 1
                result = {"line": number, "error": request["error"]}
            else:
                result = next(analyses).to_json()
                if "id" in request:
                    result = {"id": request["id"], **result}
            sys.stdout.write(json.dumps(result, ensure_ascii=False) + "\n")
        sys.stdout.flush()
    if failed:
        typer.echo(f"{failed} line(s) could not be analysed", err=True)
        raise typer.Exit(1)
