"""The demo's cast: people with their accounts, the brand's own accounts, and the CRM's
customers.

Some people have an account on a second platform, shown in ways that identity resolution
weighs differently: the same handle, name and website (merged on its own), the same handle
and name or the same handle alone (proposed for review), or two handles the CRM lists for
one customer (merged through the customer). Some people are customers, and the CRM names
them by a handle (applied), by an e-mail whose name is their handle (applied) or only by
their name (proposed); other customers never post at all.
"""

from __future__ import annotations

import random
from bisect import bisect
from dataclasses import dataclass, field
from itertools import accumulate

from graph.model.keys import casefold_unaccented
from ingestion.demo.communities import CITIES, COMMUNITIES


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


FIRST = {
    "it": _words(
        "Giulia Marco Luca Sofia Francesca Alessandro Chiara Matteo Martina Davide Elena "
        "Paolo Sara Andrea Valentina Simone Federica Stefano Ilaria Giorgio Alessia "
        "Lorenzo Beatrice Riccardo Marta Nicola Camilla Gabriele Laura Fabio Silvia "
        "Tommaso Elisa Antonio Serena Emanuele Roberta Michele Noemi Pietro Niccolò "
        "Lucrezia Mattia Aurora Greta Filippo Edoardo Giacomo Arianna Vittoria Irene "
        "Caterina Ludovica Samuele"
    ),
    "en": _words(
        "Emma James Oliver Amelia Noah Olivia Jack Isla Harry Ava George Mia Charlie "
        "Grace Thomas Lily Oscar Chloe William Ella Henry Sophie Leo Ruby Daniel Hannah "
        "Samuel Lucy Ethan Zoe Siobhan Aoife Alfie Freddie Archie Poppy Evie Florence "
        "Isabella Jacob Joshua Max Alice Rose Millie Harper Arthur Theo Ivy Sienna Jude "
        "Ronan Niamh Ciara Eoin"
    ),
    "ro": _words(
        "Andrei Ioana Mihai Elena Alexandru Maria Ștefan Ana Cristian Andreea Bogdan Radu "
        "Mihaela Vlad Cristina Adrian Alina Florin Raluca Dragoș Irina Sorin Oana Răzvan "
        "Diana Ionuț Bianca Tudor Larisa Cătălina"
    ),
}
"""Given names by language (Romanian and Italian ones with their diacritics)."""
LAST = {
    "it": _words(
        "Rossi Russo Ferrari Esposito Bianchi Romano Colombo Ricci Marino Greco Bruno "
        "Gallo Conti Mancini Costa Giordano Rizzo Lombardi Moretti Barbieri Fontana "
        "Santoro Mariani Rinaldi Caruso Ferrara Galli Martini Leone Longo Gentile "
        "Martinelli Vitale Serra Coppola Marchetti Cantù Parisi Villa Sala Testa Fabbri "
        "Pellegrini Bellini Sartori Donati Benedetti Farina Cattaneo Morelli Ferri Pagano "
        "Gatti Rossetti Grasso Messina Bernardi Sorrentino Monti"
    ),
    "en": _words(
        "Smith Jones Taylor Brown Williams Wilson Johnson Davies Robinson Wright Thompson "
        "Evans Walker White Roberts Green Hall Wood Jackson Clarke Patel Hughes Edwards "
        "Turner Cooper Hill Ward Morris Moore King O'Brien Murphy Bennett Carter Collins "
        "Cook Foster Gray Harris Kelly Lee Lewis Martin Mason Mitchell Parker Phillips "
        "Price Russell Scott Shaw Simpson Stewart Watson Young Bailey Bell"
    ),
    "ro": _words(
        "Popescu Ionescu Popa Dumitru Stan Stoica Gheorghe Matei Ciobanu Rusu Munteanu "
        "Constantin Marin Dobre Nistor Florea Lungu Mocanu Păun Ștefănescu Țăranu Bălan "
        "Oprea Voicu Sârbu Enache Manea Neagu Preda Vlăduț"
    ),
}
"""Family names by language."""
MAIL = ("gmail.com", "libero.it", "outlook.com", "yahoo.it", "icloud.com")
PEOPLE = 3000
"""People at full scale."""
TWINS = 0.08
"""Share of people with accounts on two platforms."""
CUSTOMERS = 0.2
"""Share of people who are CRM customers."""
OFFLINE_CUSTOMERS = 0.1
"""Customers who never post, per person."""
TWIN_STYLES = ("strong", "strong", "weak", "weak", "handle", "customer")
"""How a second account shows it is the same person: handle, name and website (merged),
handle and name (proposed), handle alone (proposed), listed by the CRM with the first."""
NAMED_TWINS = frozenset({"strong", "weak", "customer"})
"""Twins whose accounts both show a name (so neither is on Reddit)."""
CRM_STYLES = ("listed", "email", "name", "unknown")
"""How the CRM knows a customer who posts: by a handle, by an e-mail whose name is the
handle, by their name only, not at all."""
HUB_ACTIVITY = 12.0


@dataclass(frozen=True, slots=True)
class DemoAccount:
    """An account as its platform shows it."""

    platform: str
    handle: str
    """The platform's name for it: ``user@instance`` on Mastodon, the username elsewhere."""
    user_id: str
    display_name: str | None
    followers: int
    links: tuple[str, ...] = ()

    @property
    def username(self) -> str:
        return self.handle.split("@", 1)[0]

    @property
    def host(self) -> str:
        """The Mastodon instance (``x.com`` and ``reddit.com`` for the others)."""
        if self.platform == "mastodon":
            return self.handle.split("@", 1)[1]
        return "x.com" if self.platform == "x" else "reddit.com"


@dataclass(frozen=True, slots=True)
class Persona:
    """A fictional person of the demo."""

    number: int
    first: str
    last: str
    language: str
    community: int
    """Index in `COMMUNITIES`."""
    hub: bool
    tone: float
    activity: float
    accounts: tuple[DemoAccount, ...]
    crm: str | None = None
    """How the CRM knows them, if they are a customer: one of `CRM_STYLES`, or ``both``
    (both accounts listed)."""

    @property
    def name(self) -> str:
        return f"{self.first} {self.last}"


@dataclass(frozen=True, slots=True)
class DemoCustomer:
    customer_id: str
    first: str
    last: str
    email: str | None
    city: str
    lifetime_value: float
    handles: tuple[tuple[str, str], ...] = ()
    """(platform, handle) pairs the CRM lists."""


@dataclass(frozen=True, slots=True)
class Cast:
    people: tuple[Persona, ...]
    brand: dict[str, DemoAccount]
    """The brand's own account on each platform."""
    customers: tuple[DemoCustomer, ...]


@dataclass(frozen=True, slots=True)
class Pool:
    """Accounts to draw from, weighted by their owners' activity."""

    accounts: tuple[tuple[DemoAccount, Persona], ...]
    cumulative: tuple[float, ...]

    @classmethod
    def of(cls, accounts: list[tuple[DemoAccount, Persona]]) -> Pool:
        return cls(tuple(accounts), tuple(accumulate(person.activity for _, person in accounts)))

    def draw(self, rng: random.Random) -> tuple[DemoAccount, Persona]:
        return self.accounts[bisect(self.cumulative, rng.random() * self.cumulative[-1])]


BRAND_SITE = "https://caffeaurora.example/"
BRAND = {
    "mastodon": DemoAccount(
        "mastodon", "aurora_caffe@mastodon.social", "1", "Caffè Aurora ☕", 48_200, (BRAND_SITE,)
    ),
    "x": DemoAccount("x", "AuroraCaffe", "90001", "Caffè Aurora", 61_500, (BRAND_SITE,)),
    "reddit": DemoAccount("reddit", "CaffeAurora_official", "", None, 0),
}
SHOWCASE = "giulia_rinaldi"
"""The handle of the demo's best-known voice (README's examples use her)."""


@dataclass
class _Names:
    """Names and handles already taken: only planted twins share them."""

    handles: set[str] = field(default_factory=set)
    people: set[tuple[str, str]] = field(default_factory=set)
    accounts: int = 0

    def person(self, rng: random.Random, language: str) -> tuple[str, str]:
        """A name nobody has yet: the demo has no namesakes but those it plants."""
        for _ in range(1_000):  # then a namesake: there are names for a few thousand
            name = rng.choice(FIRST[language]), rng.choice(LAST[language])
            if name not in self.people:
                break
        self.people.add(name)
        return name

    def handle(self, rng: random.Random, first: str, last: str) -> str:
        given, family = _plain(first), _plain(last)
        shapes = (
            f"{given}_{family}",
            f"{given}{family}",
            f"{given}_{family[0]}",
            f"{given[0]}{family}",
            f"{family}_{given}",
            f"{given}{family[:3]}",
            f"{given}_caffe",
            f"{family}{given[0]}",
        )
        base = rng.choice(shapes)[:12]
        handle = base
        while handle.replace("_", "") in self.handles:
            handle = f"{base}{rng.randint(2, 99)}"
        self.handles.add(handle.replace("_", ""))
        return handle

    def account(
        self, venue: str, handle: str, shown: str, followers: int, links: tuple[str, ...]
    ) -> DemoAccount:
        self.accounts += 1
        platform, place = venue.split(":", 1)
        if platform == "mastodon":
            user_id = str(1000 + self.accounts)
            return DemoAccount(platform, f"{handle}@{place}", user_id, shown, followers, links)
        if platform == "x":
            user_id = str(1_400_000 + 7 * self.accounts)
            return DemoAccount(platform, handle, user_id, shown, followers, links)
        return DemoAccount(platform, handle, "", None, followers)


def _shown(rng: random.Random, first: str, last: str, full: bool) -> str:
    """The display name: the full name when ``full``, else a variant without the family
    name (among those, namesakes are not proposed as one person)."""
    if full:
        return f"{first} {last}"
    return rng.choice((f"{first} ☕", first, f"{first}{last[0]}", f"{first} ✨"))


def _plain(text: str) -> str:
    return "".join(ch for ch in casefold_unaccented(text) if ch.isalnum())


def _venue(rng: random.Random, community: int, exclude: str | None = None) -> str:
    """One of the community's venues, by weight, on a platform other than ``exclude``."""
    venues = [(v, w) for v, w in COMMUNITIES[community].venues if v.split(":")[0] != exclude]
    return rng.choices([v for v, _ in venues], [w for _, w in venues])[0]


def _second_venue(rng: random.Random, community: int, first: str, twin: str) -> str:
    """Where a twin's second account is: any other platform for a shared handle alone,
    else the other one that shows names (Mastodon or X)."""
    platform = first.split(":")[0]
    if twin == "handle":
        return _venue(rng, community, platform)
    if platform == "x":
        mastodon = [v for v, _ in COMMUNITIES[community].venues if v.startswith("mastodon:")]
        return mastodon[0] if mastodon else "mastodon:mastodon.social"
    return "x:x.com"


def make_cast(rng: random.Random, scale: float) -> Cast:
    """People, the brand's accounts and the CRM's customers, deterministic for ``rng``."""
    count = max(70, round(PEOPLE * scale))
    names = _Names(handles={"auroracaffe", "caffeauroraofficial", SHOWCASE.replace("_", "")})
    people: list[Persona] = [_showcase(names)]
    hubs_left = [3 if scale >= 0.5 else 2] * len(COMMUNITIES)
    hubs_left[people[0].community] -= 1
    for number in range(1, count):
        community = rng.choices(range(len(COMMUNITIES)), [c.share for c in COMMUNITIES])[0]
        hub = hubs_left[community] > 0
        hubs_left[community] -= hub
        languages = COMMUNITIES[community].languages
        language = rng.choices([lang for lang, _ in languages], [w for _, w in languages])[0]
        first, last = names.person(rng, language)
        followers = rng.randint(4_000, 60_000) if hub else int(rng.paretovariate(1.3) * 25)
        twin = rng.choice(TWIN_STYLES) if not hub and rng.random() < TWINS else None
        handle = names.handle(rng, first, last)
        shown = _shown(rng, first, last, twin in NAMED_TWINS or rng.random() < 0.45)
        site = f"https://{_plain(first)}{_plain(last)}{number}.example/"
        links = (site,) if twin == "strong" or rng.random() < 0.25 else ()
        venue = _venue(rng, community, "reddit" if twin in NAMED_TWINS else None)
        accounts = [names.account(venue, handle, shown, followers, links)]
        if twin is not None:
            other = _second_venue(rng, community, venue, twin)
            second = names.handle(rng, first, last) if twin == "customer" else handle
            shared = links if twin == "strong" else ()
            accounts.append(names.account(other, second, shown, followers // 2, shared))
        activity = HUB_ACTIVITY if hub else rng.paretovariate(1.6)
        crm = "both" if twin == "customer" else None
        if crm is None and rng.random() < CUSTOMERS:
            crm = rng.choices(CRM_STYLES, (0.55, 0.2, 0.1, 0.15))[0]
        people.append(
            Persona(
                number=number,
                first=first,
                last=last,
                language=language,
                community=community,
                hub=hub,
                tone=COMMUNITIES[community].tone + rng.gauss(0, 0.4),
                activity=activity,
                accounts=tuple(accounts),
                crm=crm,
            )
        )
    return Cast(tuple(people), BRAND, tuple(_customers(rng, people, names)))


def _showcase(names: _Names) -> Persona:
    links = ("https://giuliarinaldi.example/",)
    names.people.add(("Giulia", "Rinaldi"))
    shown = "Giulia Rinaldi"
    accounts = (
        names.account("mastodon:mastodon.uno", SHOWCASE, shown, 18_400, links),
        names.account("x:x.com", SHOWCASE, shown, 9_800, links),
    )
    return Persona(0, "Giulia", "Rinaldi", "it", 1, True, 0.7, HUB_ACTIVITY, accounts, "listed")


def _customers(rng: random.Random, people: list[Persona], names: _Names) -> list[DemoCustomer]:
    """The CRM: the customers among ``people``, and some who never post, named as none of
    the people is (namesakes would be taken for one another)."""
    found: list[DemoCustomer] = []

    def add(
        first: str,
        last: str,
        language: str,
        email: str | None,
        handles: tuple[tuple[str, str], ...] = (),
    ) -> None:
        value = round(rng.lognormvariate(5.0, 0.8), 2)
        city = rng.choice(CITIES[language])
        number = f"AUR-{10_001 + len(found)}"
        found.append(DemoCustomer(number, first, last, email, city, value, handles))

    def mail(first: str, last: str) -> str:
        local = rng.choice((f"{_plain(first)}.{_plain(last)}", f"{_plain(first)}{_plain(last)}"))
        return f"{local}{rng.randint(1, 99)}@{rng.choice(MAIL)}"

    for person in people:
        if person.crm is None:
            continue
        primary = person.accounts[0]
        local = primary.username.replace("_", "")
        if person.crm == "both":
            handles = tuple((a.platform, a.handle) for a in person.accounts)
            add(
                person.first, person.last, person.language, mail(person.first, person.last), handles
            )
        elif person.crm == "listed":
            handles = ((primary.platform, primary.handle),)
            add(
                person.first, person.last, person.language, mail(person.first, person.last), handles
            )
        elif person.crm == "email" and len(local) >= 6:
            add(person.first, person.last, person.language, f"{local}@{rng.choice(MAIL)}")
        else:
            add(person.first, person.last, person.language, None)
    for _ in range(round(len(people) * OFFLINE_CUSTOMERS)):
        language = rng.choice(("it", "it", "en", "ro"))
        first, last = names.person(rng, language)
        add(first, last, language, mail(first, last))
    return found
