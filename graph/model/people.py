"""What Osmosi records about people beyond the conversation: their place in the advocacy
programme, the identity decisions that merged or split them, and their erasure.
"""

from __future__ import annotations

import enum
import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime


class ProgrammeStatus(enum.StrEnum):
    """Where a person stands in the advocacy programme."""

    CANDIDATE = "candidate"
    INVITED = "invited"
    ACTIVE = "active"
    PAUSED = "paused"
    DECLINED = "declined"


@dataclass(frozen=True, slots=True)
class StatusChange:
    """One step of a person's programme history, who made it and why."""

    person_id: str
    status: ProgrammeStatus
    note: str | None
    actor: str
    at: datetime


class IdentityEventKind(enum.StrEnum):
    MERGE = "merge"
    SPLIT = "split"


@dataclass(frozen=True, slots=True)
class PersonSnapshot:
    """What a person owned when they were merged away, so that a split restores it."""

    display_name: str | None = None
    customer_links: tuple[tuple[str, float, tuple[str, ...]], ...] = ()
    """(customer id, confidence, evidence) of each link the person had."""
    programme: tuple[StatusChange, ...] = ()
    brought_customers: tuple[str, ...] = ()
    """Customers the merge linked to the surviving person through this one (links it did
    not have already): a split takes exactly those away from it again."""
    scores: tuple[tuple[str, float], ...] = ()
    """The rankings' scores the person had, by name."""
    factors: tuple[tuple[str, tuple[tuple[str, float], ...]], ...] = ()
    """The factors behind each score, by score name."""
    labels: tuple[tuple[str, str], ...] = ()
    """Their classes (advocacy's, say), by name."""
    community_id: str | None = None


@dataclass(frozen=True, slots=True)
class IdentityEvent:
    """A recorded identity decision: never a merge or a split without its reason.

    A merge moves ``account_uids`` from ``other_id`` into ``person_id`` and removes
    ``other_id`` (its snapshot is kept); a split moves ``account_uids`` of ``person_id``
    to ``other_id``. ``undoes`` names the merge a split reverses.
    """

    id: str
    kind: IdentityEventKind
    person_id: str
    other_id: str
    account_uids: tuple[str, ...]
    evidence: tuple[str, ...]
    actor: str
    at: datetime
    snapshot: PersonSnapshot = field(default_factory=PersonSnapshot)
    undoes: str | None = None
    undone_by: str | None = None


@dataclass(frozen=True, slots=True)
class Erasure:
    """What erasing a person removed."""

    person_id: str
    accounts: int
    posts: int
    redacted: int = 0
    """Others' posts whose text named the person or copied theirs, now redacted."""


ERASED = "[erased]"
"""What stands where an erased person's words or handle were."""


@dataclass(frozen=True, slots=True)
class Redaction:
    """How an erased person is cut out of others' texts: a text holding one of ``needles``
    (lower case, for the store to find candidates cheaply) has every match of ``pattern``
    replaced by `ERASED`."""

    needles: tuple[str, ...]
    pattern: re.Pattern[str]

    def apply(self, text: str) -> str:
        """
        >>> Redaction(("@ada",), re.compile("@ada", re.I)).apply("hi @Ada!")
        'hi [erased]!'
        """
        return self.pattern.sub(ERASED, text)


def redaction_of(handles: Sequence[str], names: Sequence[str | None]) -> Redaction:
    """What cuts a person out of others' texts: each handle as written in a mention
    (``@handle``, ``@name@server`` and its ``@name``, ``u/name``) and each full name (two
    words or more: a first name alone would hit other people), whole words, any case.

    >>> redaction_of(["giulia@mastodon.social"], ["Giulia Rossi", "Giulia"]).apply(
    ...     "RT @Giulia@mastodon.social: hi @giulia, giulia rossi! @giuliana Giulia"
    ... )
    'RT [erased]: hi [erased], [erased]! @giuliana Giulia'
    """
    forms = {
        form
        for handle in handles
        for local in {handle, handle.split("@", 1)[0]}
        if local
        for form in (f"@{local}", f"u/{local}")
    }
    forms |= {" ".join(name.split()) for name in names if name and len(name.split()) > 1}
    ordered = sorted(forms, key=lambda form: (-len(form), form))
    alternatives = "|".join(re.escape(form).replace(r"\ ", r"\s+") for form in ordered)
    pattern = re.compile(rf"(?<![\w@/])(?:{alternatives})(?![\w@])", re.IGNORECASE)
    needles = tuple(sorted({form.split()[0].lower() for form in ordered}))
    return Redaction(needles, pattern)


def suppression_key(account_uid: str) -> str:
    """How an erased account is remembered: a digest, so the suppression list itself holds
    no handle.

    >>> suppression_key("mastodon:ada") == suppression_key("mastodon:ada")
    True
    >>> len(suppression_key("mastodon:ada"))
    64
    """
    return hashlib.sha256(f"osmosi-erased\0{account_uid}".encode()).hexdigest()


def post_suppression_key(post_uid: str) -> str:
    """How an erased post is remembered (a digest, apart from accounts' keys): a repost or
    reply of it arriving later is stored without what it kept of it."""
    return hashlib.sha256(f"osmosi-erased-post\0{post_uid}".encode()).hexdigest()
