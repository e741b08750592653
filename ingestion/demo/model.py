"""What the demo world is made of: its posts (before they are rendered in their platforms'
formats), the team's work on the conversations they open, and the world itself."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from ingestion.demo.people import Cast, DemoAccount

RECENT = timedelta(hours=6)
"""Posts this recent are loaded after the first ranking."""


@dataclass(frozen=True, slots=True)
class DemoPost:
    """A post as the demo makes it, before it is rendered in its platform's format."""

    number: int
    account: DemoAccount
    at: datetime
    language: str
    text: str
    intent: str
    """What the text was composed to say (its analysis decides what it is taken for)."""
    venue: str
    """The Mastodon instance, the subreddit or ``x.com``."""
    title: str | None = None
    """A Reddit submission's title (``text`` is then its body)."""
    parent: DemoPost | None = None
    shared: DemoPost | None = None
    share_kind: str | None = None
    mentions: tuple[DemoAccount, ...] = ()
    hashtags: tuple[str, ...] = ()
    likes: int = 0

    @property
    def platform(self) -> str:
        return self.account.platform

    @property
    def external_id(self) -> str:
        """The platform's id (a Reddit thing's without its ``t1_``/``t3_`` prefix)."""
        if self.platform == "mastodon":
            return str(113_200_000_000_000_000 + 97 * self.number)
        if self.platform == "x":
            return str(1_862_000_000_000_000_000 + 4099 * self.number)
        return _base36(2_000_000_000 + self.number)

    @property
    def fullname(self) -> str:
        """The id Osmosi keys the post by on its platform."""
        if self.platform != "reddit":
            return self.external_id
        return f"{'t1' if self.parent else 't3'}_{self.external_id}"

    @property
    def uid(self) -> str:
        return f"{self.platform}:{self.fullname}"

    @property
    def root(self) -> DemoPost:
        return self if self.parent is None else self.parent.root

    @property
    def url(self) -> str:
        account = self.account
        if self.platform == "mastodon":
            return f"https://{account.host}/@{account.username}/{self.external_id}"
        if self.platform == "x":
            return f"https://x.com/{account.username}/status/{self.external_id}"
        root = self.root.external_id
        tail = f"_/{self.external_id}/" if self.parent else "post/"
        return f"https://www.reddit.com/r/{self.venue}/comments/{root}/{tail}"


def _base36(number: int) -> str:
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    out = ""
    while number:
        number, rest = divmod(number, 36)
        out = digits[rest] + out
    return out


@dataclass(frozen=True, slots=True)
class Outcome:
    """What the team does with the conversation a post opens."""

    action: str
    """``answer``, ``dismiss`` or ``assign``."""
    pick: int
    """Which member of the owning function's team takes it."""
    after: timedelta = timedelta(0)
    """When the answer went out, after the post."""
    answer: str | None = None
    """The answer's link (the brand's public reply) or text."""
    reason: str | None = None


@dataclass(frozen=True, slots=True)
class World:
    now: datetime
    cast: Cast
    posts: tuple[DemoPost, ...]
    """In time order: a reply or share always after what it answers or shares."""
    outcomes: dict[str, Outcome]
    """By the uid of the post whose conversation they close or assign."""

    def phase(self, recent: bool) -> list[DemoPost]:
        """The posts made before the last `RECENT` hours, or in them."""
        cut = self.now - RECENT
        return [post for post in self.posts if (post.at >= cut) == recent]
