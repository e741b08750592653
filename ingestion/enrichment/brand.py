"""The brand lexicon: the brand, its products and its touchpoints, with aliases per language.

A TOML file (``OSMOSI_BRAND_LEXICON``; the demo brand's ``data/brand.toml`` by default)::

    [brand]
    name = "Caffè Aurora"
    aliases = ["aurora", "@aurora_caffe"]
    # The brand's own accounts and its employees', as platform:handle; kept out of the
    # rankings (see `graph.model.nodes.Affiliation`).
    accounts = ["mastodon:aurora_caffe@mastodon.social"]
    staff = ["mastodon:giulia@aurora.example"]

    [[touchpoints]]
    key = "customer-care"
    name = "Customer care"
    aliases.it = ["assistenza clienti", "servizio clienti"]
    aliases.en = ["customer care", "customer support", "help desk"]

    [[products]]
    key = "decaf"
    name = "Decaffeinato"
    aliases.any = ["decaf", "decaffeinato"]

Every alias is matched in every language (people mix them), folded like the text it is
matched against: case and accents do not matter.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from graph.model.keys import account_uid
from graph.model.nodes import Affiliation, AspectTarget, Product, Touchpoint

DEFAULT_LEXICON = Path(__file__).parent / "data" / "brand.toml"
_KEY = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")


class LexiconError(ValueError):
    """The brand lexicon file is missing or malformed; the message says where."""


@dataclass(frozen=True, slots=True)
class Target:
    """Something posts can talk about: the brand, a touchpoint or a product."""

    kind: AspectTarget
    key: str
    name: str
    aliases: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class BrandLexicon:
    name: str
    aliases: tuple[str, ...]
    targets: tuple[Target, ...]
    affiliations: Mapping[str, Affiliation] = field(default_factory=dict)
    """Account uid -> the brand's own account or an employee's."""

    @property
    def touchpoints(self) -> list[Touchpoint]:
        kind = AspectTarget.TOUCHPOINT
        return [Touchpoint(t.key, t.name) for t in self.targets if t.kind is kind]

    @property
    def products(self) -> list[Product]:
        return [Product(t.key, t.name) for t in self.targets if t.kind is AspectTarget.PRODUCT]


def _aliases(where: str, value: object) -> tuple[str, ...]:
    lists = list(value.values()) if isinstance(value, Mapping) else [value]
    aliases: list[str] = []
    for entry in lists:
        if not isinstance(entry, list) or not all(isinstance(a, str) and a.strip() for a in entry):
            raise LexiconError(f"{where}: aliases must be lists of non-empty strings")
        aliases.extend(a.strip() for a in entry)
    return tuple(dict.fromkeys(aliases))


def _targets(raw: Mapping[str, object], table: str, kind: AspectTarget) -> list[Target]:
    entries = raw.get(table, [])
    if not isinstance(entries, list):
        raise LexiconError(f"[[{table}]] must be an array of tables")
    targets = []
    for number, entry in enumerate(entries, 1):
        where = f"[[{table}]] #{number}"
        if not isinstance(entry, Mapping):
            raise LexiconError(f"{where}: must be a table")
        key, name = entry.get("key"), entry.get("name")
        if not isinstance(key, str) or not _KEY.match(key):
            raise LexiconError(f"{where}: key must be lower-case letters, digits and dashes")
        if not isinstance(name, str) or not name.strip():
            raise LexiconError(f"{where}: name is required")
        aliases = _aliases(where, entry.get("aliases", []))
        targets.append(Target(kind, key, name.strip(), (name.strip(), *aliases)))
    return targets


def parse_lexicon(raw: Mapping[str, object]) -> BrandLexicon:
    """Validate a parsed TOML document.

    >>> lexicon = parse_lexicon({"brand": {"name": "Acme"},
    ...     "touchpoints": [{"key": "care", "name": "Care", "aliases": {"it": ["assistenza"]}}]})
    >>> [(t.key, t.aliases) for t in lexicon.targets]
    [('care', ('Care', 'assistenza'))]
    """
    brand = raw.get("brand")
    if not isinstance(brand, Mapping) or not isinstance(brand.get("name"), str):
        raise LexiconError("[brand] with a name is required")
    targets = [
        *_targets(raw, "touchpoints", AspectTarget.TOUCHPOINT),
        *_targets(raw, "products", AspectTarget.PRODUCT),
    ]
    seen: set[tuple[AspectTarget, str]] = set()
    for target in targets:
        if (target.kind, target.key) in seen:
            raise LexiconError(f"duplicate {target.kind.value} key {target.key!r}")
        seen.add((target.kind, target.key))
    name = str(brand["name"]).strip()
    aliases = (name, *_aliases("[brand]", brand.get("aliases", [])))
    affiliations = {
        uid: affiliation
        for affiliation, table in ((Affiliation.STAFF, "staff"), (Affiliation.OWNED, "accounts"))
        for uid in _account_uids(table, brand.get(table, []))
    }
    return BrandLexicon(name, aliases, tuple(targets), affiliations)


def _account_uids(table: str, value: object) -> list[str]:
    """``platform:handle`` entries as account uids.

    >>> _account_uids("accounts", ["Mastodon:@Aurora@mastodon.social"])
    ['mastodon:aurora@mastodon.social']
    """
    if not isinstance(value, list) or not all(isinstance(entry, str) for entry in value):
        raise LexiconError(f"[brand] {table} must be a list of platform:handle strings")
    uids = []
    for entry in value:
        platform, _, handle = entry.partition(":")
        try:
            uids.append(account_uid(platform, handle))
        except ValueError as error:
            raise LexiconError(f"[brand] {table}: {entry!r} is not platform:handle") from error
    return uids


def load_lexicon(path: Path = DEFAULT_LEXICON) -> BrandLexicon:
    try:
        with path.open("rb") as file:
            return parse_lexicon(tomllib.load(file))
    except OSError as error:
        raise LexiconError(f"cannot read brand lexicon {path}: {error.strerror}") from error
    except tomllib.TOMLDecodeError as error:
        raise LexiconError(f"brand lexicon {path} is not valid TOML: {error}") from error
