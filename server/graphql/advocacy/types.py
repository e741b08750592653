"""GraphQL types of the advocacy programme."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

import strawberry

from graph.model.people import ProgrammeStatus, StatusChange
from server.graphql.core import enums as _enums  # noqa: F401  (registers AdvocateStatus)


@strawberry.type(description="One step of a person's programme history.")
class ProgrammeStep:
    status: ProgrammeStatus = strawberry.field(description="The status set.")
    note: str | None = strawberry.field(description="Why, or what was agreed.")
    actor: str = strawberry.field(description="Who set it (the API key's id and name).")
    at: datetime = strawberry.field(description="When (UTC).")

    @classmethod
    def from_model(cls, change: StatusChange) -> ProgrammeStep:
        return cls(status=change.status, note=change.note, actor=change.actor, at=change.at)


@strawberry.type(description="A person's place in the advocacy programme.")
class Programme:
    status: ProgrammeStatus = strawberry.field(description="The current status.")
    note: str | None = strawberry.field(description="The note of the latest change.")
    updated_at: datetime = strawberry.field(description="When the status last changed.")
    history: list[ProgrammeStep] = strawberry.field(description="Every change, oldest first.")

    @classmethod
    def from_history(cls, history: Sequence[StatusChange]) -> Programme | None:
        if not history:
            return None
        latest = history[-1]
        return cls(
            status=latest.status,
            note=latest.note,
            updated_at=latest.at,
            history=[ProgrammeStep.from_model(change) for change in history],
        )
