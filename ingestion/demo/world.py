"""The demo world: who posts what, where and when over the last `DAYS` days, and what the
brand's team does with the conversations that need an answer.

A pure generator, deterministic for a seed: the same ids and texts on every call; only
the times move with ``now``, so that the demo is always current. Posts are originals
(Reddit submissions, Mastodon statuses, tweets), replies (threads), reposts and quotes of
the hubs' and the brand's posts, with mentions. On top of the everyday conversation:

* the subscribers' community turns against a price increase in the last `SHIFT_DAYS` days;
* a fan subreddit appears `NEW_CHANNEL_DAYS` days ago and grows every day;
* a courier strike makes delivery's sentiment fall sharply yesterday;
* a few hubs complain in the last hours, after the first ranking of a load.
"""

from __future__ import annotations

import math
import random
from datetime import datetime, timedelta

from ingestion.demo.communities import (
    COMMUNITIES,
    NEW_CHANNEL_DAYS,
    NEW_SUBREDDIT,
    SHIFT_DAYS,
)
from ingestion.demo.compose import BRAND_INTENTS, compose, compose_reply
from ingestion.demo.model import DemoPost, Outcome, World
from ingestion.demo.people import DemoAccount, Persona, Pool, make_cast
from ingestion.demo.phrases import (
    BRAND_ANSWERS,
    BRAND_POSTS,
    DISMISSALS,
    PRIVATE_ANSWERS,
    SPIKE,
)

DAYS = 120
ORIGINALS = 12_000
"""Original posts at full scale; replies and shares roughly double them."""
_HOURS = (1, 1, 1, 1, 1, 2, 4, 9, 10, 8, 6, 6, 7, 7, 5, 5, 5, 6, 7, 8, 8, 7, 4, 2)
_ROUTED = frozenset({"complaint", "question", "purchase", "idea", "price-hike", "same"})
"""Intents the impact table routes into the response queue: the brand answers some of
those posts publicly."""
_TEAM_PICKS = 6


class _Builder:
    def __init__(self, seed: int, scale: float, now: datetime) -> None:
        self.rng = random.Random(seed)
        self.scale, self.now = scale, now
        self.cast = make_cast(self.rng, scale)
        self.owner = {a.handle: p for p in self.cast.people for a in p.accounts}
        self.brand = frozenset(self.cast.brand.values())
        self.posts: list[DemoPost] = []
        self.outcomes: dict[str, Outcome] = {}
        members: dict[tuple[int | None, str], list[tuple[DemoAccount, Persona]]] = {}
        for person in self.cast.people:
            for account in person.accounts:
                for key in ((person.community, account.platform), (None, account.platform)):
                    members.setdefault(key, []).append((account, person))
        self.pools = {key: Pool.of(found) for key, found in members.items()}
        self.everyone = Pool.of([(p.accounts[0], p) for p in self.cast.people])

    # -- time --------------------------------------------------------------------------------

    def day_time(self, days_ago: int) -> datetime:
        """A moment of the day ``days_ago`` days before today (UTC), at a busy hour more
        likely; today's fall in the part of the day gone by."""
        midnight = self.now.replace(hour=0, minute=0, second=0, microsecond=0)
        hour = self.rng.choices(range(24), _HOURS)[0]
        at = midnight - timedelta(days=days_ago, hours=-hour, seconds=-self.rng.randrange(3600))
        if at <= self.now:
            return at
        return midnight + (at - midnight) * ((self.now - midnight) / timedelta(days=1))

    def days_ago(self) -> int:
        """A day of the last `DAYS`, recent ones likelier (the brand's audience grows)."""
        while True:
            day = self.rng.randrange(DAYS)
            if self.rng.random() < (1.6 - 0.6 * day / DAYS) / 1.6:
                return day

    def after(self, at: datetime, hours: float) -> datetime:
        """A moment ``hours`` on average after ``at``, never in the future."""
        later = at + timedelta(minutes=2 + self.rng.expovariate(1 / (hours * 60)))
        return later if later <= self.now else at + (self.now - at) / 2

    # -- posts ---------------------------------------------------------------------------

    def keep(self, post: DemoPost) -> DemoPost:
        self.posts.append(post)
        return post

    def original(
        self,
        account: DemoAccount,
        person: Persona,
        at: datetime,
        intent: str,
        venue: str | None = None,
        text: str | None = None,
    ) -> DemoPost:
        """An original post by ``person``; ``text`` when given is in their language."""
        rng = self.rng
        community = COMMUNITIES[person.community]
        language = person.language if rng.random() < 0.9 or text else community.languages[0][0]
        brand = self.cast.brand[account.platform]
        about_brand = intent in BRAND_INTENTS or intent == "price-hike"
        named = f"@{brand.username}" if account.platform != "reddit" else "Aurora"
        text = text or compose(rng, intent, language, community, named, person.tone)
        mentions: list[DemoAccount] = []
        if about_brand and account.platform != "reddit" and rng.random() < 0.3:
            text = f"{named} {text}"
        if named in text and account.platform != "reddit":
            mentions.append(brand)
        if rng.random() < 0.1:
            friend, _ = self.pools[(person.community, account.platform)].draw(rng)
            if friend != account:
                marker = "u/" if account.platform == "reddit" else "@"
                text = f"{text} cc {marker}{friend.username}"
                mentions.append(friend)
        tags = community.hashtags.get(language, ())
        chosen = tuple(rng.sample(tags, rng.randint(1, min(2, len(tags))))) if tags else ()
        if account.platform == "reddit" or rng.random() < 0.4:
            chosen = ()
        title = None
        if account.platform == "reddit":
            title, _, body = text.partition(". ")
            title, text = (title, body) if body else (text, "")
        return self.keep(
            DemoPost(
                len(self.posts),
                account=account,
                at=at,
                language=language,
                text=text,
                intent=intent,
                venue=venue or self._venue(account, person),
                title=title,
                mentions=tuple(mentions),
                hashtags=chosen,
                likes=int(rng.paretovariate(1.5) * (40 if person.hub else 3)),
            )
        )

    def _venue(self, account: DemoAccount, person: Persona) -> str:
        if account.platform == "reddit":
            return COMMUNITIES[person.community].subreddit
        return account.host

    def reply(self, parent: DemoPost, account: DemoAccount, person: Persona) -> DemoPost:
        rng = self.rng
        language = parent.language if rng.random() < 0.85 else person.language
        kind = "reply" if parent.parent is not None else parent.intent
        community = COMMUNITIES[person.community]
        text, said = compose_reply(rng, kind, language, community, person.tone)
        mentions: tuple[DemoAccount, ...] = ()
        if parent.platform != "reddit":
            text, mentions = f"@{parent.account.username} {text}", (parent.account,)
        return self.keep(
            DemoPost(
                len(self.posts),
                account=account,
                at=self.after(parent.at, 3),
                language=language,
                text=text,
                intent="same" if said == "same" else "reply",
                venue=parent.venue,
                parent=parent,
                mentions=mentions,
                likes=int(rng.paretovariate(2) * 2),
            )
        )

    def share(self, original: DemoPost, account: DemoAccount, person: Persona) -> DemoPost:
        """A repost, or on X sometimes a quote with a comment of the sharer's."""
        quote = account.platform == "x" and self.rng.random() < 0.3
        language, text = original.language, ""
        if quote:
            language = person.language
            community = COMMUNITIES[person.community]
            text, _ = compose_reply(self.rng, "praise", language, community, person.tone)
        return self.keep(
            DemoPost(
                len(self.posts),
                account=account,
                at=self.after(original.at, 6),
                language=language,
                text=text,
                intent="share",
                venue=self._venue(account, person),
                shared=original,
                share_kind="quote" if quote else "repost",
            )
        )

    def draw_near(self, post: DemoPost, author: Persona | None) -> tuple[DemoAccount, Persona]:
        """Someone on the post's platform, most often of its author's community."""
        near = author is not None and self.rng.random() < 0.92
        key = (author.community if author is not None and near else None, post.platform)
        pool = self.pools.get(key) or self.pools[(None, post.platform)]
        return pool.draw(self.rng)

    # -- the story -----------------------------------------------------------------------

    def intent(self, person: Persona, days_ago: int) -> str:
        """What a post by ``person`` wants: their community's mix, bent by their mood (and
        by the price increase, for the subscribers)."""
        community = COMMUNITIES[person.community]
        tone = person.tone
        if community.shifted_tone is not None and days_ago < SHIFT_DAYS:
            tone += community.shifted_tone - community.tone
            if self.rng.random() < 0.2:
                return "price-hike"
        weights = dict(community.intents)
        if tone < -0.2:  # the unhappy complain, and seldom praise
            weights["complaint"] *= 4
            weights["praise"] *= 0.15
        elif tone > 0.4:
            weights["praise"] *= 1.5
            weights["complaint"] *= 0.5
        return self.rng.choices(list(weights), list(weights.values()))[0]

    def everyday(self) -> list[DemoPost]:
        made = []
        for _ in range(round(ORIGINALS * self.scale)):
            _, person = self.everyone.draw(self.rng)
            account = self.rng.choice(person.accounts)
            day = self.days_ago()
            made.append(
                self.original(account, person, self.day_time(day), self.intent(person, day))
            )
        return made

    def brand_posts(self) -> list[DemoPost]:
        """About one a day, none in the last day: the brand is influential, and its own
        posts loaded after the ranking would be routed as an influential person's praise."""
        rng, made = self.rng, []
        every = max(1, round(1 / min(1.0, 3 * self.scale)))
        for day in range(DAYS - 1, 1, -every):
            brand = self.cast.brand["mastodon" if day % 2 else "x"]
            language = "it" if brand.platform == "mastodon" or rng.random() < 0.5 else "en"
            language = "ro" if rng.random() < 0.1 else language
            made.append(
                self.keep(
                    DemoPost(
                        len(self.posts),
                        account=brand,
                        at=self.day_time(day),
                        language=language,
                        text=rng.choice(BRAND_POSTS[language]),
                        intent="brand",
                        venue=brand.host,
                        hashtags=("CaffèAurora",),
                        likes=rng.randint(40, 400),
                    )
                )
            )
        return made

    def strike(self) -> list[DemoPost]:
        """Yesterday's courier strike: delivery complaints from everywhere."""
        made = []
        for _ in range(max(8, round(60 * self.scale))):
            account, person = self.everyone.draw(self.rng)
            text = self.rng.choice(SPIKE[person.language])
            made.append(self.original(account, person, self.day_time(1), "complaint", text=text))
        return made

    def fan_subreddit(self) -> list[DemoPost]:
        """A new subreddit of Italian fans, a few posts a day and more every day."""
        fans = [(a, p) for a, p in self.pools[(None, "reddit")].accounts if p.language == "it"]
        factor, made = max(self.scale, 0.4), []
        for day in range(NEW_CHANNEL_DAYS, -1, -1):
            for _ in range(max(1, round((1 + (NEW_CHANNEL_DAYS - day) / 2) * factor))):
                account, person = self.rng.choice(fans)
                intent = self.rng.choice(("praise", "question", "opinion", "complaint", "talk"))
                at = self.day_time(day)
                made.append(self.original(account, person, at, intent, venue=NEW_SUBREDDIT))
        return made

    def late_complaints(self) -> list[DemoPost]:
        """Hubs complaining in the last hours: loaded after the first ranking."""
        hubs = [p for p in self.cast.people if p.hub and p.number != 0]
        chosen = self.rng.sample(hubs, min(len(hubs), 4 if self.scale >= 0.5 else 2))
        return [
            self.original(
                p.accounts[0],
                p,
                self.now - timedelta(hours=self.rng.uniform(0.5, 5.5)),
                "complaint",
            )
            for p in chosen
        ]

    def conversations(self, originals: list[DemoPost]) -> None:
        """Replies (and threads) under each original; reposts and quotes of the hubs' and
        the brand's posts."""
        rng = self.rng
        for post in originals:  # in the order made: the same draws whatever the day
            author = self.owner.get(post.account.handle)
            loud = author is None or author.hub  # the brand draws attention like a hub
            for _ in range(_count(rng, 3.0 if loud else 0.42)):
                account, person = self.draw_near(post, author)
                if account == post.account:
                    continue
                reply = self.reply(post, account, person)
                if rng.random() < 0.22:
                    back = author if author is not None and rng.random() < 0.6 else None
                    if back is not None:
                        self.reply(reply, post.account, back)
                    elif (other := self.draw_near(reply, person))[0] != account:
                        self.reply(reply, *other)
            if post.platform == "reddit":
                continue
            for _ in range(_count(rng, 2.0 if loud else 0.04)):
                account, person = self.draw_near(post, author)
                if account != post.account:
                    self.share(post, account, person)

    def outcomes_for(self, posts: list[DemoPost]) -> None:
        """What the team does with each post, should it open a conversation: most are
        answered (some publicly, by the brand's reply), some dismissed, some assigned,
        some left open. The brand's own posts are not the team's work."""
        rng = self.rng
        for post in posts:
            if post.account in self.brand:
                continue
            chance, pick = rng.random(), rng.randrange(_TEAM_PICKS)
            if chance < 0.68:
                after = timedelta(hours=rng.lognormvariate(math.log(3.5), 0.85))
                answer = rng.choice(PRIVATE_ANSWERS)
                public = rng.random() < 0.3 and post.intent in _ROUTED
                if public and post.platform != "reddit":
                    # One due later went out already: whatever the hour a load runs at,
                    # the same answers are in the stream.
                    after = min(after, (self.now - post.at) / 2)
                    answer = self.brand_answer(post, post.at + after).url
                self.outcomes[post.uid] = Outcome("answer", pick, after, answer)
            elif chance < 0.75:
                self.outcomes[post.uid] = Outcome("dismiss", pick, reason=rng.choice(DISMISSALS))
            elif chance < 0.86:
                self.outcomes[post.uid] = Outcome("assign", pick)

    def brand_answer(self, post: DemoPost, at: datetime) -> DemoPost:
        brand = self.cast.brand[post.platform]
        language = post.language if post.language in BRAND_ANSWERS else "en"
        text = self.rng.choice(BRAND_ANSWERS[language])
        mentions: tuple[DemoAccount, ...] = ()
        if post.platform != "reddit":
            text, mentions = f"@{post.account.username} {text}", (post.account,)
        return self.keep(
            DemoPost(
                len(self.posts),
                account=brand,
                at=at,
                language=language,
                text=text,
                intent="answer",
                venue=post.venue,
                parent=post,
                mentions=mentions,
            )
        )


def _count(rng: random.Random, mean: float) -> int:
    """A geometric count with the given mean."""
    count, keep = 0, mean / (1 + mean)
    while rng.random() < keep:
        count += 1
    return count


def generate_world(now: datetime, seed: int = 7, scale: float = 1.0) -> World:
    """The demo world as of ``now``: about ``3000 * scale`` people and ``22,000 * scale``
    posts over the last `DAYS` days.

    >>> from datetime import UTC
    >>> small = generate_world(datetime(2026, 12, 1, tzinfo=UTC), scale=0.03)
    >>> again = generate_world(datetime(2027, 3, 1, tzinfo=UTC), scale=0.03)
    >>> [(p.uid, p.text) for p in small.posts] == [(p.uid, p.text) for p in again.posts]
    True
    """
    build = _Builder(seed, scale, now)
    originals = build.everyday() + build.brand_posts()
    originals += build.strike() + build.fan_subreddit() + build.late_complaints()
    build.conversations(originals)
    build.outcomes_for(list(build.posts))
    posts = tuple(sorted(build.posts, key=lambda post: (post.at, post.number)))
    return World(now, build.cast, posts, build.outcomes)
