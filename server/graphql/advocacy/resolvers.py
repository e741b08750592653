"""The advocacy programme: its board and the mutation that moves people on it."""

from __future__ import annotations

from functools import partial

import strawberry
from starlette.concurrency import run_in_threadpool

from graph.identity import service as identity
from graph.model.people import ProgrammeStatus
from server.graphql.advocacy.types import ProgrammeStep
from server.graphql.core.calls import call_domain
from server.graphql.core.context import Info
from server.graphql.core.pagination import Connection, connection, decode_cursor, page_size
from server.graphql.core.permissions import MANAGER
from server.graphql.people.types import Person


@strawberry.type
class AdvocacyQuery:
    @strawberry.field(
        description="The programme board's column for `status`: the people whose current "
        "status it is, most recently moved first, with how many there are in all."
    )
    async def programme_members(
        self, info: Info, status: ProgrammeStatus, first: int = 20, after: str | None = None
    ) -> Connection[Person]:
        size, offset = page_size(first), decode_cursor(after)
        changes, total = await run_in_threadpool(
            info.context.store.programme_members, status, size, offset
        )
        people = [Person(id=strawberry.ID(change.person_id)) for change in changes]
        return connection(people, size, offset, total)


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
