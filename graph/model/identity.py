"""Identity links: a person is a CRM customer, or two people are one human.

A link is proposed with its evidence and a confidence, then applied (automatically above a
threshold, or by a reviewer), rejected, or undone. It never disappears: the list is the audit
trail of every identity decision.
"""

from __future__ import annotations

import enum
import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime


class LinkKind(enum.StrEnum):
    PERSON_CUSTOMER = "person_customer"
    PERSON_PERSON = "person_person"


class LinkStatus(enum.StrEnum):
    PROPOSED = "proposed"
    """Waiting in the review list."""
    APPLIED = "applied"
    """The person is linked to the customer, or the two people are merged."""
    REJECTED = "rejected"
    """Refused, or applied and then undone; resolving again does not propose it anew."""


class LinkOrder(enum.StrEnum):
    CONFIDENCE = "confidence"
    """Most confident first: the review list's order."""
    LATEST_DECISION = "latest_decision"
    """Most recently decided first (the audit trail's order); undecided links last."""


class EvidenceKind(enum.StrEnum):
    HANDLE = "handle"
    EMAIL = "email"
    NAME = "name"
    HANDLE_NAME = "handle_name"
    DISPLAY_NAME = "display_name"
    LINK = "link"
    CUSTOMER = "customer"
    REVIEWER = "reviewer"
    """A person's own judgement, given with a merge made by hand."""


@dataclass(frozen=True, slots=True)
class Evidence:
    kind: EvidenceKind
    detail: str
    weight: float
    """How much this signal alone makes the link likely, 0 to 1."""


NAME_KINDS = frozenset({EvidenceKind.NAME, EvidenceKind.HANDLE_NAME})
"""Signals that all come from a person's name: together they count as their strongest."""


def combined_confidence(evidence: Iterable[Evidence]) -> float:
    """Independent signals combined: ``1 - Π(1 - weight)``, to three decimals. Signals from
    the name (`NAME_KINDS`) are one signal, the strongest of them: a name shown and the same
    name in a handle are not two reasons.

    >>> name, link = Evidence(EvidenceKind.NAME, "", 0.6), Evidence(EvidenceKind.LINK, "", 0.6)
    >>> combined_confidence([name, link])
    0.84
    >>> combined_confidence([name, Evidence(EvidenceKind.HANDLE_NAME, "", 0.45)])
    0.6
    """
    items = list(evidence)
    names = [item.weight for item in items if item.kind in NAME_KINDS]
    weights = [item.weight for item in items if item.kind not in NAME_KINDS]
    weights += [max(names)] if names else []
    return round(1.0 - math.prod(1.0 - weight for weight in weights), 3)


@dataclass(frozen=True, slots=True)
class IdentityLink:
    """A candidate or decided link, with why it was proposed and who decided it."""

    id: str
    kind: LinkKind
    person_id: str
    target_id: str
    """The customer's external id, or the other person's id."""
    confidence: float
    evidence: tuple[Evidence, ...]
    status: LinkStatus
    proposed_at: datetime
    decided_at: datetime | None = None
    decided_by: str | None = None
    note: str | None = None
    merge_event_id: str | None = None
    """The merge that applied a person ↔ person link (a split of it undoes the link)."""
