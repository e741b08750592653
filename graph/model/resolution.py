"""Identity resolution: which people are CRM customers, and which people are one human.

Pure functions over accounts and customers. Each candidate link carries the evidence that
produced it; the evidence's weights combine as independent signals (``1 - Π(1 - w)``), so a
weak signal alone stays weak and agreeing signals add up:

=================  ======  ====================================================================
evidence           weight  when
=================  ======  ====================================================================
``handle``         0.97    the CRM record lists the account's handle on its platform
``email``          0.95    the handle is the customer's email address
``email``          0.85    the handle is the email's local part (without ``.``, ``_``, ``-``),
                           at least 6 characters
``name``           0.60    the account's display name is the customer's name (case and accents
                           aside); 0.50 when they are at least 88 % similar (token sort ratio)
``handle_name``    0.45    the handle contains the customer's last name (4+ characters)
``link``           0.60    the account's profile, or a link it shows, is on the email's own
                           domain
``display_name``   0.55    two people on different platforms show the same full name
``handle``         0.55    two people on different platforms use the same handle (5+ chars)
``link``           0.70    two people on different platforms link to the same page in their
                           profiles
``customer``       0.80    two people are linked to the same customer
=================  ======  ====================================================================

A name alone (0.60) stays below the default threshold for applying a customer link (0.75):
a fuzzy name links only with supporting evidence. Candidates under `MIN_PROPOSAL` are not
proposed, nor are those resting on a name that many share (`MAX_NAME_ONLY`).
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import combinations
from urllib.parse import urlsplit

from rapidfuzz import fuzz

from graph.model.identity import NAME_KINDS, Evidence, EvidenceKind, LinkKind, combined_confidence
from graph.model.keys import casefold_unaccented
from graph.model.nodes import Account, Customer

FUZZY_NAME = 88.0
MIN_EMAIL_LOCAL = 6
MIN_SURNAME = 4
MIN_SHARED_HANDLE = 5
MAX_BLOCK = 25
"""Names or handles shared by more people than this say nothing about identity."""
MIN_PROPOSAL = 0.5
"""Weaker candidates (a last name in a handle, alone) are not worth a reviewer's time."""
MAX_NAME_ONLY = 3
"""A customer (or person) whose name meets more people (or customers) than this on names
alone is ambiguous: those candidates are not proposed."""

FREE_MAIL = frozenset(
    {"gmail.com", "googlemail.com", "yahoo.com", "yahoo.it", "outlook.com", "hotmail.com",
     "hotmail.it", "live.com", "libero.it", "virgilio.it", "icloud.com", "me.com", "proton.me",
     "protonmail.com", "gmx.com", "gmx.net", "yandex.com", "aol.com", "tiscali.it", "alice.it"}
)  # fmt: skip

_SEPARATORS = re.compile(r"[._\-\s]+")
_NOT_NAME = re.compile(r"[^\w\s'-]+")


@dataclass(frozen=True, slots=True)
class Candidate:
    """A proposed link: ``person_id`` to a customer's external id or to another person."""

    kind: LinkKind
    person_id: str
    target_id: str
    evidence: tuple[Evidence, ...]

    @property
    def confidence(self) -> float:
        return combined_confidence(self.evidence)

    @property
    def id(self) -> str:
        """The same pair always gets the same id, so resolving again proposes nothing new."""
        key = f"{self.kind}\0{self.person_id}\0{self.target_id}"
        return hashlib.sha256(key.encode()).hexdigest()[:24]


def squashed(text: str) -> str:
    """A handle or email local part compared without case, accents or separators.

    >>> squashed("Giulia.Rossi_82")
    'giuliarossi82'
    """
    return _SEPARATORS.sub("", casefold_unaccented(text))


def name_key(text: str | None) -> str:
    """A display or customer name without case, accents, emoji or punctuation.

    >>> name_key("  Giulia RÒSSI 🌻 ")
    'giulia rossi'
    """
    return " ".join(_NOT_NAME.sub(" ", casefold_unaccented(text or "")).split())


def _local_handle(account: Account) -> str:
    """The handle without a server part (``ada@mastodon.social`` is ``ada``)."""
    return account.handle.split("@", 1)[0] if "@" in account.handle[1:] else account.handle


def _email_parts(email: str | None) -> tuple[str, str] | None:
    if not email or email.count("@") != 1:
        return None
    local, domain = email.strip().casefold().split("@")
    return (local, domain) if local and domain else None


def _url_domain(url: str | None) -> str | None:
    if not url:
        return None
    host = urlsplit(url if "//" in url else f"//{url}").hostname or ""
    return host.removeprefix("www.") or None


def _customer_evidence(customer: Customer, account: Account) -> list[Evidence]:
    found: list[Evidence] = []
    where = f"{account.platform} account {account.handle}"
    if account.uid in customer.handles:
        found.append(Evidence(EvidenceKind.HANDLE, f"the CRM record lists {where}", 0.97))
    email = _email_parts(customer.email)
    if email is not None:
        local, domain = email
        if account.handle.casefold() == f"{local}@{domain}":
            found.append(Evidence(EvidenceKind.EMAIL, f"{where} is the customer's email", 0.95))
        elif len(squashed(local)) >= MIN_EMAIL_LOCAL and squashed(local) == squashed(
            _local_handle(account)
        ):
            found.append(
                Evidence(EvidenceKind.EMAIL, f"{where} is the customer's email name", 0.85)
            )
        profiles = {_url_domain(link) for link in (account.url, *account.links)}
        if domain not in FREE_MAIL and domain in profiles:
            found.append(Evidence(EvidenceKind.LINK, f"{where} links to {domain}", 0.6))
    full = name_key(f"{customer.first_name or ''} {customer.last_name or ''}")
    shown = name_key(account.display_name)
    if full and shown and " " in full:
        similarity = fuzz.token_sort_ratio(full, shown)
        if similarity == 100:
            found.append(Evidence(EvidenceKind.NAME, f"{where} shows the customer's name", 0.6))
        elif similarity >= FUZZY_NAME:
            detail = f"{where} shows a name {similarity:.0f}% like the customer's"
            found.append(Evidence(EvidenceKind.NAME, detail, 0.5))
    surname = squashed(customer.last_name or "")
    if len(surname) >= MIN_SURNAME and surname in squashed(_local_handle(account)):
        found.append(
            Evidence(EvidenceKind.HANDLE_NAME, f"{where} contains the customer's last name", 0.45)
        )
    return found


def _blocks(customers: Iterable[Customer]) -> dict[str, list[Customer]]:
    """Customers by every key an account could meet them on (handle, email name, surname)."""
    blocks: dict[str, list[Customer]] = defaultdict(list)
    for customer in customers:
        keys = {f"uid:{uid}" for uid in customer.handles}
        email = _email_parts(customer.email)
        if email is not None:
            keys.add(f"handle:{squashed(email[0])}")
            keys.add(f"uid-handle:{email[0]}@{email[1]}")
        keys.update(f"token:{token}" for token in name_key(customer.last_name).split())
        for key in keys:
            blocks[key].append(customer)
    return blocks


def _account_keys(account: Account) -> set[str]:
    keys = {f"uid:{account.uid}", f"handle:{squashed(_local_handle(account))}"}
    keys.add(f"uid-handle:{account.handle.casefold()}")
    keys.update(f"token:{token}" for token in name_key(account.display_name).split())
    handle = squashed(_local_handle(account))
    # A handle such as "giuliarossi" meets customers named Rossi through their surname.
    keys.update(f"token:{handle[i:]}" for i in range(1, len(handle) - MIN_SURNAME + 1))
    return keys


def customer_candidates(
    customers: Sequence[Customer], accounts: Sequence[Account]
) -> list[Candidate]:
    """Person ↔ customer candidates, one per pair, with all their evidence.

    >>> ada = Account("mastodon", "ada", "Ada Lovelace", person_id="p1")
    >>> crm = Customer("C1", "Ada", "Lovelace", handles=("mastodon:ada",))
    >>> [(c.person_id, c.target_id, c.confidence) for c in customer_candidates([crm], [ada])]
    [('p1', 'C1', 0.988)]
    """
    blocks = _blocks(customers)
    evidence: dict[tuple[str, str], dict[str, Evidence]] = defaultdict(dict)
    for account in accounts:
        if account.person_id is None:
            continue
        met = {
            customer.external_id: customer
            for key in _account_keys(account)
            for customer in blocks.get(key, ())
        }
        for customer in met.values():
            for found in _customer_evidence(customer, account):
                kept = evidence[(account.person_id, customer.external_id)]
                # One signal of a kind per pair: a second account saying the same thing
                # is not independent evidence.
                if found.kind not in kept or kept[found.kind].weight < found.weight:
                    kept[found.kind] = found
    candidates = [
        Candidate(LinkKind.PERSON_CUSTOMER, person, customer, tuple(kept.values()))
        for (person, customer), kept in sorted(evidence.items())
    ]
    return _unambiguous([c for c in candidates if c.confidence >= MIN_PROPOSAL])


def _unambiguous(candidates: list[Candidate]) -> list[Candidate]:
    """Without names that many share: a candidate resting on names alone is dropped when
    its customer or its person has more than `MAX_NAME_ONLY` such candidates."""
    name_only = [c for c in candidates if {e.kind for e in c.evidence} <= NAME_KINDS]
    per_customer = Counter(c.target_id for c in name_only)
    per_person = Counter(c.person_id for c in name_only)
    ambiguous = {
        c.id
        for c in name_only
        if per_customer[c.target_id] > MAX_NAME_ONLY or per_person[c.person_id] > MAX_NAME_ONLY
    }
    return [c for c in candidates if c.id not in ambiguous]


def link_key(url: str) -> str | None:
    """A profile link compared without scheme, ``www.``, case or a trailing slash.

    >>> link_key("https://WWW.Giulia.example/shop/")
    'giulia.example/shop'
    """
    parts = urlsplit(url if "//" in url else f"//{url}")
    host = (parts.hostname or "").removeprefix("www.")
    return f"{host}{parts.path.rstrip('/')}" if host else None


def person_candidates(
    accounts: Sequence[Account], customers_of: Mapping[str, Sequence[str]]
) -> list[Candidate]:
    """Person ↔ person candidates: accounts of different people on different platforms that
    look like one human's. ``customers_of`` maps a person to their linked customers.

    >>> a = Account("mastodon", "giuliarossi@mastodon.social", "Giulia Rossi", person_id="p1")
    >>> b = Account("x", "giulia_rossi", "Giulia Rossi 🌻", person_id="p2")
    >>> [(c.person_id, c.target_id, c.confidence) for c in person_candidates([a, b], {})]
    [('p1', 'p2', 0.798)]
    """
    blocks: dict[tuple[EvidenceKind, str], list[Account]] = defaultdict(list)
    for account in accounts:
        if account.person_id is None:
            continue
        shown = name_key(account.display_name)
        if " " in shown:
            blocks[(EvidenceKind.DISPLAY_NAME, shown)].append(account)
        handle = squashed(_local_handle(account))
        if len(handle) >= MIN_SHARED_HANDLE:
            blocks[(EvidenceKind.HANDLE, handle)].append(account)
        for key in {link_key(link) for link in account.links} - {None}:
            blocks[(EvidenceKind.LINK, str(key))].append(account)
    weights = {EvidenceKind.DISPLAY_NAME: 0.55, EvidenceKind.HANDLE: 0.55, EvidenceKind.LINK: 0.7}
    shared = {
        EvidenceKind.DISPLAY_NAME: "the same full name",
        EvidenceKind.HANDLE: "one handle",
        EvidenceKind.LINK: "a link to the same page",
    }
    evidence: dict[tuple[str, str], dict[str, Evidence]] = defaultdict(dict)
    for (kind, _), members in blocks.items():
        if len(members) > MAX_BLOCK:
            continue
        for one, other in combinations(members, 2):
            if one.person_id == other.person_id or one.platform == other.platform:
                continue
            low, high = sorted((str(one.person_id), str(other.person_id)))
            detail = f"{one.platform} and {other.platform} accounts show {shared[kind]}"
            evidence[(low, high)].setdefault(kind, Evidence(kind, detail, weights[kind]))
    by_customer: dict[str, list[str]] = defaultdict(list)
    for person, customers in customers_of.items():
        for customer in customers:
            by_customer[customer].append(person)
    for customer, people in by_customer.items():
        for first, second in combinations(sorted(people), 2):
            evidence[(first, second)].setdefault(
                EvidenceKind.CUSTOMER,
                Evidence(EvidenceKind.CUSTOMER, f"both are linked to customer {customer}", 0.8),
            )
    return [
        Candidate(LinkKind.PERSON_PERSON, one, other, tuple(kept.values()))
        for (one, other), kept in sorted(evidence.items())
    ]
