"""GraphQL types of people and their accounts."""

from __future__ import annotations

import strawberry

from graph import model
from server.graphql.core.context import Info


@strawberry.type(description="An account of a person on a social platform.")
class Account:
    platform: str = strawberry.field(description="Platform, e.g. `mastodon`, `x`, `reddit`.")
    handle: str = strawberry.field(description="Handle there, case-folded, without `@`.")
    display_name: str | None = strawberry.field(description="Name shown there.")
    followers: int | None = strawberry.field(description="Followers there, if known.")
    url: str | None = strawberry.field(description="Profile link.")

    @classmethod
    def from_model(cls, account: model.Account) -> Account:
        return cls(
            platform=account.platform,
            handle=account.handle,
            display_name=account.display_name,
            followers=account.followers,
            url=account.url,
        )


@strawberry.type(description="A person: one human behind one or more accounts.")
class Person:
    id: strawberry.ID = strawberry.field(description="Osmosi's id of the person.")

    @strawberry.field(description="Name, if known.")
    async def display_name(self, info: Info) -> str | None:
        person = await info.context.loaders.people.load(str(self.id))
        return person.display_name if person else None

    @strawberry.field(description="Community found by the last ranking, if any.")
    async def community_id(self, info: Info) -> strawberry.ID | None:
        person = await info.context.loaders.people.load(str(self.id))
        return strawberry.ID(person.community_id) if person and person.community_id else None

    @strawberry.field(description="The person's accounts, by platform and handle.")
    async def accounts(self, info: Info) -> list[Account]:
        accounts = await info.context.loaders.accounts.load(str(self.id))
        return [Account.from_model(a) for a in accounts]
