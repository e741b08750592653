"""Queries of people, and the identity mutations (merge, split, erase)."""

from __future__ import annotations

from functools import partial
from typing import cast

import strawberry
from starlette.concurrency import run_in_threadpool
from strawberry.scalars import JSON

from graph.identity import export, linking
from graph.identity import service as identity
from graph.model.keys import account_uid, normalize_handle, normalize_platform
from graph.model.rankings import AffiliatedAccount
from server.graphql.core.calls import call_domain
from server.graphql.core.context import Info
from server.graphql.core.enums import Affiliation
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
    redacted: int = strawberry.field(
        description="Others' posts that named the person or copied their words, now redacted "
        "(`[erased]` stands where those were)."
    )


MAX_MARKED = 100


@strawberry.type(description="An account marked as the brand's own or an employee's.")
class BrandAccount:
    account: str = strawberry.field(description="`platform:handle`.")
    affiliation: Affiliation = strawberry.field(description="Owned or staff.")
    person_id: strawberry.Private[str | None]

    @strawberry.field(description="The person holding it, once the account has been seen.")
    def person(self) -> Person | None:
        return Person(id=strawberry.ID(self.person_id)) if self.person_id else None

    @classmethod
    def from_model(cls, marked: AffiliatedAccount) -> BrandAccount:
        return cls(
            account=marked.account_uid, affiliation=marked.affiliation, person_id=marked.person_id
        )


@strawberry.type
class PeopleQuery:
    @strawberry.field(
        description="The brand's own accounts and its employees' (from the brand lexicon and "
        "`setAffiliation`), by account."
    )
    async def brand_accounts(self, info: Info) -> list[BrandAccount]:
        marked = await run_in_threadpool(info.context.store.affiliated_accounts)
        return [BrandAccount.from_model(account) for account in marked]

    @strawberry.field(
        description="Everything held about a person, as one JSON document (the data "
        "subject's right of access): accounts, posts with their analysis, interactions, "
        "scores and classes, programme history, customer links and records, identity "
        "events and links, conversations and alerts. Needs the admin role.",
        permission_classes=ADMIN,
    )
    async def export_person(self, info: Info, id: strawberry.ID) -> JSON:
        run = partial(export.export_person, info.context.store, str(id), info.context.now)
        return cast(JSON, await call_domain(run))

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
        description="Mark accounts as the brand's own (`OWNED`) or an employee's (`STAFF`), "
        "or unmark them (no `affiliation`). Marked people are kept out of influencers, "
        "advocates and the shortlist from the next ranking on; an employee's reports still "
        "count. Accounts may be marked before they are seen. Needs the admin role.",
        permission_classes=ADMIN,
    )
    async def set_affiliation(
        self, info: Info, accounts: list[AccountRef], affiliation: Affiliation | None = None
    ) -> list[BrandAccount]:
        if not 1 <= len(accounts) <= MAX_MARKED:
            raise UserError(f"give between 1 and {MAX_MARKED} accounts")
        try:
            uids = [account_uid(a.platform, a.handle) for a in accounts]
        except ValueError as error:
            raise UserError(str(error)) from None
        store = info.context.store
        await run_in_threadpool(store.set_affiliations, dict.fromkeys(uids, affiliation))
        marked = await run_in_threadpool(store.affiliated_accounts)
        return [BrandAccount.from_model(account) for account in marked]

    @strawberry.mutation(
        description="Erase a person: their accounts, posts, scores, memberships, customer "
        "links and records, alerts and history, everywhere; in others' posts, reposts of "
        "theirs, their handle and their full name read `[erased]`. A re-import of their "
        "accounts stores nothing. Cannot be undone. Needs the admin role.",
        permission_classes=ADMIN,
    )
    async def erase_person(self, info: Info, id: strawberry.ID) -> ErasePersonPayload:
        erased = await call_domain(partial(identity.erase_person, info.context.store, str(id)))
        if info.context.results is not None:
            # Cached ranking views may show the person: no answer may outlive the erasure.
            info.context.results.clear()
        return ErasePersonPayload(
            person_id=strawberry.ID(erased.person_id),
            accounts=erased.accounts,
            posts=erased.posts,
            redacted=erased.redacted,
        )
