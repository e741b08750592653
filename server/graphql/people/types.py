"""GraphQL types of people: accounts, and the person's 360° view."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from datetime import datetime
from typing import TYPE_CHECKING, Annotated, TypeVar

import strawberry

from graph.insights.service import Bucket, person_trends
from graph.model import nodes as model
from graph.model import people as identity
from graph.model.people import IdentityEventKind
from graph.rankings.views import Entry
from server.graphql.advocacy.types import Programme
from server.graphql.core.context import Info
from server.graphql.core.enums import AdvocacyClass, Affiliation
from server.graphql.core.limits import page_limit
from server.graphql.core.loading import now_or_later
from server.graphql.core.pagination import Connection, connection, decode_cursor, page_size
from server.graphql.topics.types import Trend

if TYPE_CHECKING:
    from server.graphql.posts.types import Post
    from server.graphql.rankings.types import Community


V = TypeVar("V")
LazyPost = Annotated["Post", strawberry.lazy("server.graphql.posts.types")]
LazyCommunity = Annotated["Community", strawberry.lazy("server.graphql.rankings.types")]


@strawberry.type(description="One factor behind a score, and its value.")
class Factor:
    name: str = strawberry.field(description="What the factor measures.")
    value: float = strawberry.field(description="Its value for this person.")


def factors_of(values: Mapping[str, float]) -> list[Factor]:
    return [Factor(name=name, value=value) for name, value in sorted(values.items())]


@strawberry.type(description="An account of a person on a social platform.")
class Account:
    id: strawberry.ID = strawberry.field(description="`platform:handle`.")
    platform: str = strawberry.field(description="Platform, e.g. `mastodon`, `x`, `reddit`.")
    handle: str = strawberry.field(description="Handle there, case-folded, without `@`.")
    display_name: str | None = strawberry.field(description="Name shown there.")
    followers: int | None = strawberry.field(description="Followers there, if known.")
    url: str | None = strawberry.field(description="Profile link.")
    links: list[str] = strawberry.field(
        description="Links the profile shows (its owner's sites), where the platform gives them."
    )
    person_id: strawberry.Private[str | None]

    @strawberry.field(description="The person who owns the account.")
    def person(self) -> Person | None:
        return Person(id=strawberry.ID(self.person_id)) if self.person_id else None

    @classmethod
    def from_model(cls, account: model.Account) -> Account:
        return cls(
            id=strawberry.ID(account.uid),
            platform=account.platform,
            handle=account.handle,
            display_name=account.display_name,
            followers=account.followers,
            url=account.url,
            links=list(account.links),
            person_id=account.person_id,
        )


@strawberry.type(description="A score of the last ranking, with the factors behind it.")
class Score:
    name: str = strawberry.field(description="`influence` or `advocacy`.")
    value: float = strawberry.field(description="The score.")
    factors: list[Factor] = strawberry.field(description="What the score is made of.")


@strawberry.type(description="How strongly a person is tied to another, from their interactions.")
class Tie:
    person: Person = strawberry.field(description="The other person.")
    weight: float = strawberry.field(
        description="Replies, mentions, reposts and quotes both ways, weighted by kind and "
        "decayed with a 90-day half-life (as the rankings weigh them)."
    )
    outgoing: float = strawberry.field(description="The part of the weight from this person.")
    incoming: float = strawberry.field(description="The part toward this person.")
    interactions: int = strawberry.field(description="How many interactions, both ways.")


@strawberry.type(description="A person's sentiment over time and toward each touchpoint.")
class PersonSentiment:
    overall: Trend | None = strawberry.field(
        description='Their posts\' volume and sentiment over time (key `""`).'
    )
    touchpoints: list[Trend] = strawberry.field(
        description="Their opinions toward each brand touchpoint over time, most frequent first."
    )


@strawberry.type(description="A topic a person talks about.")
class TopicUse:
    key: str = strawberry.field(description="The topic's key (lower case, no accents).")
    display: str = strawberry.field(description="How the topic was written.")
    posts: int = strawberry.field(description="The person's posts that carry it.")


@strawberry.type(description="A CRM customer record.")
class Customer:
    external_id: str = strawberry.field(description="The CRM's id of the customer.")
    first_name: str | None = strawberry.field(description="First name.")
    last_name: str | None = strawberry.field(description="Last name.")
    email: str | None = strawberry.field(description="Email address.")
    city: str | None = strawberry.field(description="City.")
    lifetime_value: float | None = strawberry.field(
        description="Lifetime value, in the CRM's currency."
    )

    @classmethod
    def from_model(cls, customer: model.Customer) -> Customer:
        return cls(
            external_id=customer.external_id,
            first_name=customer.first_name,
            last_name=customer.last_name,
            email=customer.email,
            city=customer.city,
            lifetime_value=customer.lifetime_value,
        )


@strawberry.type(description="Evidence that a person is a CRM customer.")
class CustomerLink:
    confidence: float = strawberry.field(description="From 0 to 1.")
    evidence: list[str] = strawberry.field(description="What the link rests on.")
    customer_id: strawberry.Private[str]

    @strawberry.field(description="The customer record.")
    async def customer(self, info: Info) -> Customer | None:
        found = await info.context.posts.customers.load(self.customer_id)
        return Customer.from_model(found) if found else None


@strawberry.type(description="A recorded merge or split of people, with its reasons.")
class IdentityEvent:
    id: strawberry.ID = strawberry.field(description="The event's id.")
    kind: IdentityEventKind = strawberry.field(description="Merge or split.")
    person: Person = strawberry.field(description="Who was merged into, or split from.")
    other_person: Person = strawberry.field(
        description="Who was merged away (and comes back if the merge is undone), or the "
        "person split off."
    )
    accounts: list[str] = strawberry.field(description="Ids of the accounts that moved.")
    evidence: list[str] = strawberry.field(description="Why.")
    actor: str = strawberry.field(description="Who decided (the API key's id and name).")
    at: datetime = strawberry.field(description="When (UTC).")
    undoes: strawberry.ID | None = strawberry.field(description="The merge a split undid.")
    undone_by: strawberry.ID | None = strawberry.field(description="The split that undid a merge.")

    @classmethod
    def from_model(cls, event: identity.IdentityEvent) -> IdentityEvent:
        return cls(
            id=strawberry.ID(event.id),
            kind=event.kind,
            person=Person(id=strawberry.ID(event.person_id)),
            other_person=Person(id=strawberry.ID(event.other_id)),
            accounts=list(event.account_uids),
            evidence=list(event.evidence),
            actor=event.actor,
            at=event.at,
            undoes=strawberry.ID(event.undoes) if event.undoes else None,
            undone_by=strawberry.ID(event.undone_by) if event.undone_by else None,
        )


@strawberry.type(
    description="A person: one human behind one or more accounts, with the 360° view: "
    "accounts, posts, topics, sentiment, communities, scores, customer links, ties, "
    "advocacy class and programme status."
)
class Person:
    id: strawberry.ID = strawberry.field(description="Osmosi's id of the person.")

    async def _person(self, info: Info) -> model.Person | None:
        return await info.context.people.people.load(str(self.id))

    def _from_person(
        self, info: Info, pick: Callable[[model.Person | None], V]
    ) -> V | Awaitable[V]:
        return now_or_later(info.context.people.people.load(str(self.id)), pick)

    @strawberry.field(description="Name, if known.", graphql_type=str | None)
    def display_name(self, info: Info) -> str | Awaitable[str | None] | None:
        return self._from_person(info, lambda p: p.display_name if p else None)

    @strawberry.field(
        description="Community found by the last ranking, if any.",
        graphql_type=strawberry.ID | None,
    )
    def community_id(self, info: Info) -> strawberry.ID | Awaitable[strawberry.ID | None] | None:
        return self._from_person(
            info, lambda p: strawberry.ID(p.community_id) if p and p.community_id else None
        )

    @strawberry.field(description="The community found by the last ranking, with its profile.")
    async def community(self, info: Info) -> LazyCommunity | None:
        from server.graphql.rankings.types import Community

        person = await self._person(info)
        if person is None or person.community_id is None:
            return None
        found = await info.context.people.communities.load(person.community_id)
        return Community.from_model(found) if found else None

    @strawberry.field(
        description="The person's accounts, by platform and handle.", graphql_type=list[Account]
    )
    def accounts(self, info: Info) -> list[Account] | Awaitable[list[Account]]:
        return now_or_later(
            info.context.people.accounts.load(str(self.id)),
            lambda accounts: [Account.from_model(a) for a in accounts],
        )

    @strawberry.field(description="Scores of the last ranking, with their factors.")
    async def scores(self, info: Info) -> list[Score]:
        person = await self._person(info)
        if person is None:
            return []
        return [
            Score(name=name, value=value, factors=factors_of(person.factors.get(name, {})))
            for name, value in sorted(person.scores.items())
        ]

    @strawberry.field(description="Advocacy class of the last ranking, if any.")
    async def advocacy_class(self, info: Info) -> AdvocacyClass | None:
        person = await self._person(info)
        label = person.labels.get("advocacy") if person else None
        return AdvocacyClass(label) if label else None

    @strawberry.field(
        description="`OWNED` for the brand's own accounts, `STAFF` for its employees: kept out "
        "of influencers, advocates and the shortlist. Null for everyone else."
    )
    async def affiliation(self, info: Info) -> Affiliation | None:
        return await info.context.people.affiliations.load(str(self.id))

    @strawberry.field(description="The person's posts over all their accounts, newest first.")
    async def posts(
        self, info: Info, first: int = 20, after: str | None = None
    ) -> Connection[LazyPost]:
        from server.graphql.posts.types import Post

        size, offset = page_size(first), decode_cursor(after)
        page = await info.context.people.posts.load((str(self.id), (size, offset)))
        return connection([Post.from_stored(p) for p in page.posts], size, offset, page.total)

    @strawberry.field(description="Topics the person posts about, most posts first.")
    async def topics(self, info: Info, first: int = 10) -> list[TopicUse]:
        size = page_size(first, page_limit("Person", "topics"))
        found = await info.context.people.topics.load((str(self.id), size))
        return [TopicUse(key=t.key, display=t.display, posts=t.posts) for t in found]

    @strawberry.field(description="Sentiment of the person's posts over time, and per touchpoint.")
    async def sentiment(self, info: Info, bucket: Bucket = Bucket.WEEK) -> PersonSentiment:
        by_key = dict(person_trends(await info.context.people.opinions.load(str(self.id)), bucket))
        overall = by_key.pop("", None)
        return PersonSentiment(
            overall=Trend.from_model(overall) if overall else None,
            touchpoints=[Trend.from_model(trend) for trend in by_key.values()],
        )

    @strawberry.field(description="CRM customers the person is linked to, with the evidence.")
    async def customers(self, info: Info) -> list[CustomerLink]:
        links = await info.context.people.customer_links.load(str(self.id))
        return [
            CustomerLink(
                confidence=link.confidence,
                evidence=list(link.evidence),
                customer_id=link.customer_id,
            )
            for link in links
        ]

    @strawberry.field(description="The people this person interacts with most, strongest first.")
    async def interacts_with(self, info: Info, first: int = 10) -> list[Tie]:
        size = page_size(first)
        ties = await info.context.people.ties.load(str(self.id))
        return [
            Tie(
                person=Person(id=strawberry.ID(tie.other)),
                weight=tie.weight,
                outgoing=tie.outgoing,
                incoming=tie.weight - tie.outgoing,
                interactions=tie.interactions,
            )
            for tie in ties[:size]
        ]

    @strawberry.field(description="Status in the advocacy programme; null if never set.")
    async def programme(self, info: Info) -> Programme | None:
        return Programme.from_history(await info.context.people.programme.load(str(self.id)))

    @strawberry.field(description="Merges and splits that involved this person, oldest first.")
    async def identity_history(self, info: Info) -> list[IdentityEvent]:
        events = await info.context.people.identity.load(str(self.id))
        return [IdentityEvent.from_model(event) for event in events]


def person_of(info: Info, entry: Entry) -> Person:
    """The person of a ranked entry, handed to the request's loader if the view read it."""
    if entry.person is not None:
        info.context.people.people.prime(entry.person_id, entry.person)
    return Person(id=strawberry.ID(entry.person_id))
