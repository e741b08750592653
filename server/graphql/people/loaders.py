"""Per-request DataLoaders of people and what the person view shows of them: each batch of
lookups in one resolver pass is one store call, whatever the number of people."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from strawberry.dataloader import DataLoader

from graph.model.insights import DailyVolume, PostPage, TopicCount
from graph.model.nodes import Account, Affiliation, Community, CustomerLink, Person
from graph.model.people import IdentityEvent, StatusChange
from graph.model.rankings import person_affiliations
from graph.network.service import Tie, ties_by_person
from graph.ranking.interactions import DEFAULT_HALF_LIFE
from graph.store.contract import GraphStore
from server.graphql.core.loading import by_key, by_page


@dataclass
class PeopleLoaders:
    store: GraphStore
    now: datetime
    people: DataLoader[str, Person | None] = field(init=False)
    accounts: DataLoader[str, list[Account]] = field(init=False)
    members: DataLoader[tuple[str, tuple[int, int]], list[str]] = field(init=False)
    """(community id, (first, offset)) -> a page of its members."""
    posts: DataLoader[tuple[str, tuple[int, int]], PostPage] = field(init=False)
    """(person id, (first, offset)) -> a page of their posts."""
    topics: DataLoader[tuple[str, int], list[TopicCount]] = field(init=False)
    opinions: DataLoader[str, list[DailyVolume]] = field(init=False)
    ties: DataLoader[str, list[Tie]] = field(init=False)
    communities: DataLoader[str, Community | None] = field(init=False)
    customer_links: DataLoader[str, list[CustomerLink]] = field(init=False)
    programme: DataLoader[str, list[StatusChange]] = field(init=False)
    identity: DataLoader[str, list[IdentityEvent]] = field(init=False)
    affiliations: DataLoader[str, Affiliation | None] = field(init=False)

    def __post_init__(self) -> None:
        store = self.store
        self.people = DataLoader(by_key(store.get_people, lambda: None))
        self.accounts = DataLoader(by_key(store.accounts_of, list))
        self.members = DataLoader(by_page(self._members, list))
        self.posts = DataLoader(by_page(self._posts, lambda: PostPage((), 0)))
        self.topics = DataLoader(by_page(store.topics_of, list))
        self.opinions = DataLoader(by_key(store.opinions_of, list))
        self.ties = DataLoader(by_key(self._ties, list))
        self.communities = DataLoader(by_key(store.get_communities, lambda: None))
        self.customer_links = DataLoader(by_key(store.customer_links_of, list))
        self.programme = DataLoader(by_key(store.programme_history, list))
        self.identity = DataLoader(by_key(store.identity_events, list))
        self.affiliations = DataLoader(by_key(self._affiliations, lambda: None))

    def _members(self, ids: list[str], page: tuple[int, int]) -> dict[str, list[str]]:
        return self.store.community_members(ids, *page)

    def _posts(self, ids: list[str], page: tuple[int, int]) -> dict[str, PostPage]:
        return self.store.posts_of(ids, *page)

    def _affiliations(self, ids: list[str]) -> dict[str, Affiliation]:
        # The brand's marked accounts are few: one read of all of them serves any batch.
        marked = person_affiliations(self.store.affiliated_accounts())
        return {person: marked[person] for person in ids if person in marked}

    def _ties(self, ids: list[str]) -> dict[str, list[Tie]]:
        return ties_by_person(self.store.ties(ids, self.now, DEFAULT_HALF_LIFE), ids)
