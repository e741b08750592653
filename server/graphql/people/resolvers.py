"""Queries of people, and the identity mutations (merge, split, erase)."""

from __future__ import annotations

from functools import partial

import strawberry
from starlette.concurrency import run_in_threadpool

from graph import identity, linking
from graph.model import account_uid, normalize_handle, normalize_platform
from server.graphql.core.calls import call_domain
from server.graphql.core.context import Info
from server.graphql.core.limits import UserError
from server.graphql.core.pagination import Connection, connection, decode_cursor, page_size
from server.graphql.core.permissions import ADMIN, MANAGER
from server.graphql.people.types import IdentityEvent, Person

MIN_SEARCH = 2


@strawberry.input(description="An account, by platform and handle.")
class AccountRef:
    platform: str = strawberry.field(description="Platform, e.g. `mastodon`.")
    handle: str = strawberry.field(description="Handle there (case and `@` do not matter).")


@strawberry.type(description="What erasing a person removed.")
class ErasePersonPayload:
    person_id: strawberry.ID = strawberry.field(description="The person erased.")
    accounts: int = strawberry.field(description="Accounts removed (and blocked from re-import).")
    posts: int = strawberry.field(description="Posts removed.")


@strawberry.type
class PeopleQuery:
    @strawberry.field(description="A person by id: the 360° view.")
    async def person(self, info: Info, id: strawberry.ID) -> Person | None:
        found = await info.context.people.people.load(str(id))
        return Person(id=strawberry.ID(found.id)) if found else None

    @strawberry.field(description="The person behind an account, by platform and handle.")
    async def person_by_account(self, info: Info, platform: str, handle: str) -> Person | None:
        try:
            platform, handle = normalize_platform(platform), normalize_handle(handle)
        except ValueError as error:
            raise UserError(str(error)) from None
        account = await run_in_threadpool(info.context.store.get_account, platform, handle)
        if account is None or account.person_id is None:
            return None
        return Person(id=strawberry.ID(account.person_id))

    @strawberry.field(
        description="People whose name, handle or display name contains `search` "
        "(case-insensitive, at least 2 characters), by id."
    )
    async def people(
        self, info: Info, search: str, first: int = 20, after: str | None = None
    ) -> Connection[Person]:
        size, offset = page_size(first), decode_cursor(after)
        if len(search.strip()) < MIN_SEARCH:
            raise UserError(f"search needs at least {MIN_SEARCH} characters")
        ids = await run_in_threadpool(info.context.store.search_people, search, size + 1, offset)
        return connection([Person(id=strawberry.ID(p)) for p in ids], size, offset)


@strawberry.type
class PeopleMutation:
    @strawberry.mutation(
        description="Record that two people are one human: `otherPersonId`'s accounts, "
        "customer links and history move to `personId`, with the evidence kept (also as an "
        "applied person-person identity link). Undo it with `splitPerson` on the same "
        "accounts, or `undoIdentityLink`. Needs the manager role.",
        permission_classes=MANAGER,
    )
    async def merge_people(
        self,
        info: Info,
        person_id: strawberry.ID,
        other_person_id: strawberry.ID,
        evidence: list[str],
    ) -> IdentityEvent:
        run = partial(
            linking.merge_by_hand,
            info.context.store,
            str(person_id),
            str(other_person_id),
            evidence,
            info.context.actor,
            info.context.now,
        )
        return IdentityEvent.from_model(await call_domain(run))

    @strawberry.mutation(
        description="Split accounts off a person into a person of their own, with the "
        "reason. When they are the accounts a merge brought in, the merge is undone and the "
        "merged person comes back as they were. Needs the manager role.",
        permission_classes=MANAGER,
    )
    async def split_person(
        self, info: Info, person_id: strawberry.ID, accounts: list[AccountRef], reason: str
    ) -> IdentityEvent:
        try:
            uids = [account_uid(a.platform, a.handle) for a in accounts]
        except ValueError as error:
            raise UserError(str(error)) from None
        run = partial(
            linking.split_by_hand,
            info.context.store,
            str(person_id),
            uids,
            reason,
            info.context.actor,
            info.context.now,
        )
        return IdentityEvent.from_model(await call_domain(run))

    @strawberry.mutation(
        description="Erase a person: their accounts, posts, scores, memberships, customer "
        "links and history, everywhere; a re-import of their accounts stores nothing. "
        "Cannot be undone. Needs the admin role.",
        permission_classes=ADMIN,
    )
    async def erase_person(self, info: Info, id: strawberry.ID) -> ErasePersonPayload:
        erased = await call_domain(partial(identity.erase_person, info.context.store, str(id)))
        return ErasePersonPayload(
            person_id=strawberry.ID(erased.person_id), accounts=erased.accounts, posts=erased.posts
        )
