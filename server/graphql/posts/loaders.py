"""Per-request DataLoaders of posts and the accounts that wrote them."""

from __future__ import annotations

from dataclasses import dataclass, field

from strawberry.dataloader import DataLoader

from graph.model.nodes import Account, Customer, StoredPost
from graph.store.contract import GraphStore
from server.graphql.core.loading import by_key


@dataclass
class PostLoaders:
    store: GraphStore
    posts: DataLoader[str, StoredPost | None] = field(init=False)
    """Post uid -> the post."""
    accounts: DataLoader[str, Account | None] = field(init=False)
    """Account uid -> the account."""
    customers: DataLoader[str, Customer | None] = field(init=False)
    """Customer id -> the CRM record."""

    def __post_init__(self) -> None:
        self.posts = DataLoader(by_key(self.store.get_posts, lambda: None))
        self.accounts = DataLoader(by_key(self.store.get_accounts, lambda: None))
        self.customers = DataLoader(by_key(self.store.get_customers, lambda: None))
