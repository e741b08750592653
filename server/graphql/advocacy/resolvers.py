"""The advocacy programme's mutation."""

from __future__ import annotations

from functools import partial

import strawberry

from graph import identity
from graph.people import ProgrammeStatus
from server.graphql.advocacy.types import ProgrammeStep
from server.graphql.core.calls import call_domain
from server.graphql.core.context import Info
from server.graphql.core.permissions import MANAGER


@strawberry.type
class AdvocacyMutation:
    @strawberry.mutation(
        description="Move a person to a status of the advocacy programme (candidate, "
        "invited, active, paused, declined), with a note; the history keeps every step. "
        "Needs the manager role.",
        permission_classes=MANAGER,
    )
    async def set_advocate_status(
        self,
        info: Info,
        person_id: strawberry.ID,
        status: ProgrammeStatus,
        note: str | None = None,
    ) -> ProgrammeStep:
        run = partial(
            identity.set_programme_status,
            info.context.store,
            str(person_id),
            status,
            note,
            info.context.actor,
            info.context.now,
        )
        return ProgrammeStep.from_model(await call_domain(run))
