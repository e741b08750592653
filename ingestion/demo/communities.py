"""The demo's planted communities: who they are, where they talk, in which languages, about
what, and in which tone.

Each community has its own mix of languages and venues (a subreddit, Mastodon instances,
X), its hashtags and everyday talk (which give the topics and keyphrases), the touchpoints
and products it cares about, and what its posts want (intents). One of them turns sour in
the last weeks: the subscribers, after a price increase.
"""

from __future__ import annotations

from dataclasses import dataclass

from ingestion.demo.aspects import Lines

Weighted = tuple[tuple[str, float], ...]


@dataclass(frozen=True, slots=True)
class Community:
    key: str
    share: float
    """Share of the demo's people."""
    languages: Weighted
    venues: Weighted
    """``platform:venue`` (a Mastodon instance, ``x.com``, a subreddit), weighted."""
    hashtags: dict[str, Lines]
    talk: dict[str, Lines]
    """Everyday sentences, by language: what the community talks about besides the brand."""
    aspects: tuple[str, ...]
    """The touchpoints and products it talks about most."""
    intents: dict[str, float]
    """What its posts want, weighted: everyday talk, praise, opinions, questions and so on."""
    tone: float
    """Mean mood of its members, -1 to 1."""
    shifted_tone: float | None = None
    """The mood of its members in the last `SHIFT_DAYS` days, when it changed."""

    @property
    def subreddit(self) -> str:
        return next(venue for venue, _ in self.venues if venue.startswith("reddit:"))[7:]


SHIFT_DAYS = 21

CITIES = {
    "it": ("Milano", "Torino", "Bologna", "Roma", "Napoli", "Firenze", "Verona"),
    "en": ("London", "Manchester", "Dublin", "Edinburgh"),
    "ro": ("București", "Cluj", "Iași", "Timișoara"),
}

_TALKATIVE = {
    "talk": 0.40,
    "praise": 0.20,
    "opinion": 0.10,
    "question": 0.08,
    "complaint": 0.10,
    "purchase": 0.05,
    "idea": 0.04,
    "mixed": 0.03,
}

COMMUNITIES: tuple[Community, ...] = (
    Community(
        key="espresso",
        share=0.16,
        languages=(("en", 0.6), ("it", 0.4)),
        venues=(("reddit:espresso", 0.55), ("x:x.com", 0.25), ("mastodon:fosstodon.org", 0.2)),
        hashtags={
            "en": ("espresso", "homebarista", "coffeegeek", "specialtycoffee"),
            "it": ("espresso", "caffè", "homebarista"),
        },
        talk={
            "en": (
                "Dialed in a new bag this morning: 18 g in, 36 g out, 28 seconds.",
                "Finally upgraded my grinder and the difference in the cup is huge.",
                "Single origin Ethiopia as espresso is wild, so much blueberry.",
                "Backflushing the machine every Sunday keeps the group head clean.",
                "Light roasts need a much finer grind than I expected.",
                "The puck was soupy again, time to adjust the dose.",
                "Roast date matters more than the label on the bag.",
                "Bottomless portafilter shows every channeling mistake.",
            ),
            "it": (
                "Stamattina ho regolato il macinino, estrazione finalmente perfetta.",
                "La tostatura media resta il mio compromesso ideale per l'espresso.",
                "Pulizia del gruppo ogni domenica, la macchina ringrazia.",
                "Crema nocciola e corpo pieno: giornata iniziata bene.",
                "Pressino nuovo e dose da diciotto grammi, si cambia tutto.",
            ),
        },
        aspects=("espresso-blend", "decaf", "pricing", "delivery"),
        intents=_TALKATIVE,
        tone=0.25,
    ),
    Community(
        key="colazione",
        share=0.20,
        languages=(("it", 0.95), ("en", 0.05)),
        venues=(("mastodon:mastodon.uno", 0.5), ("x:x.com", 0.4), ("reddit:italy", 0.1)),
        hashtags={
            "it": ("colazione", "caffè", "buongiorno", "cornetto", "Milano"),
            "en": ("breakfast", "coffee", "Italy"),
        },
        talk={
            "it": (
                "Cornetto alla crema e cappuccino al bancone, la colazione dei campioni.",
                "La pausa caffè delle undici è sacra.",
                "A {city} il caffè al banco costa ancora un euro e venti.",
                "Brioche integrale e caffè macchiato, oggi si parte così.",
                "Il barista sotto casa ormai sa già cosa ordino.",
                "Colazione al bar con vista sul Duomo, niente male.",
                "Tazzina calda e giornale: il lunedì si affronta così.",
                "Maritozzo con la panna e un espresso, domenica perfetta.",
            ),
            "en": ("Cappuccino and cornetto at the counter, Italian breakfast done right.",),
        },
        aspects=("store", "espresso-blend", "customer-care"),
        intents={
            "talk": 0.45,
            "praise": 0.28,
            "opinion": 0.08,
            "question": 0.06,
            "complaint": 0.07,
            "purchase": 0.03,
            "idea": 0.03,
        },
        tone=0.45,
    ),
    Community(
        key="remote",
        share=0.14,
        languages=(("en", 0.8), ("it", 0.2)),
        venues=(
            ("mastodon:mastodon.social", 0.45),
            ("mastodon:fosstodon.org", 0.15),
            ("x:x.com", 0.35),
            ("reddit:remotework", 0.05),
        ),
        hashtags={
            "en": ("wfh", "remotework", "coffee", "productivity"),
            "it": ("smartworking", "caffè", "lavorodacasa"),
        },
        talk={
            "en": (
                "Standup in five minutes and the french press is ready.",
                "Working from home means the coffee budget went up.",
                "Pomodoro session number three, refill number three.",
                "My home office is half desk and half coffee corner.",
                "Morning routine: capsule, inbox zero, first call.",
                "Async teams run on coffee and good docs.",
                "Coworking space downstairs finally got a decent machine.",
            ),
            "it": (
                "Smart working dal divano, terza tazza della mattina.",
                "Call alle nove e capsula già nella macchina.",
                "Lavoro da remoto: il caffè della macchinetta dell'ufficio non mi manca.",
            ),
        },
        aspects=("capsules", "website", "delivery", "oat-latte"),
        intents=_TALKATIVE,
        tone=0.1,
    ),
    Community(
        key="bucuresti",
        share=0.12,
        languages=(("ro", 0.8), ("en", 0.2)),
        venues=(("reddit:Romania", 0.4), ("x:x.com", 0.35), ("mastodon:mastodon.social", 0.25)),
        hashtags={
            "ro": ("cafea", "bucuresti", "cafenea", "dimineata"),
            "en": ("coffee", "Bucharest"),
        },
        talk={
            "ro": (
                "Cafeaua de dimineață în București e un ritual.",
                "Am găsit o cafenea nouă în Centrul Vechi, merită.",
                "Boabe proaspăt prăjite și o rășniță bună, atât îmi trebuie.",
                "Un espresso scurt înainte de metrou.",
                "Weekend în Cluj, cafenelele de acolo sunt superbe.",
                "Cafea la ibric dimineața, espresso după prânz.",
            ),
            "en": (
                "Best flat white in Bucharest is still a mystery to me.",
                "Specialty coffee scene in Cluj is growing fast.",
            ),
        },
        aspects=("delivery", "pricing", "espresso-blend", "customer-care"),
        intents={
            "talk": 0.38,
            "praise": 0.16,
            "opinion": 0.1,
            "question": 0.1,
            "complaint": 0.14,
            "purchase": 0.07,
            "idea": 0.05,
        },
        tone=-0.05,
    ),
    Community(
        key="green",
        share=0.10,
        languages=(("en", 0.5), ("it", 0.5)),
        venues=(("mastodon:mastodon.online", 0.5), ("reddit:ZeroWaste", 0.3), ("x:x.com", 0.2)),
        hashtags={
            "en": ("zerowaste", "plasticfree", "compost", "sustainability"),
            "it": ("sostenibilità", "zerowaste", "riciclo"),
        },
        talk={
            "en": (
                "Trying to go plastic free in the kitchen, coffee is the hardest part.",
                "Composting coffee grounds for the balcony tomatoes.",
                "Refill shops are popping up everywhere, love it.",
                "Packaging waste from coffee pods keeps me up at night.",
                "Reusable cup in the backpack, always.",
            ),
            "it": (
                "Fondi di caffè nel compost, le piante ringraziano.",
                "Imballaggi ridotti al minimo, così mi piace.",
                "Borraccia e tazza riutilizzabile sempre nello zaino.",
                "Mercato contadino e spesa sfusa ogni sabato.",
            ),
        },
        aspects=("capsules", "delivery", "returns"),
        intents={
            "talk": 0.40,
            "praise": 0.14,
            "opinion": 0.08,
            "question": 0.08,
            "complaint": 0.07,
            "purchase": 0.03,
            "idea": 0.2,
        },
        tone=0.1,
    ),
    Community(
        key="abbonati",
        share=0.16,
        languages=(("it", 0.85), ("en", 0.15)),
        venues=(("x:x.com", 0.5), ("reddit:italy", 0.3), ("mastodon:mastodon.uno", 0.2)),
        hashtags={
            "it": ("offerte", "abbonamento", "sconti", "BlackFriday"),
            "en": ("deals", "subscription"),
        },
        talk={
            "it": (
                "Black Friday: ho fatto scorta di capsule per tre mesi.",
                "Codice sconto trovato, carrello pieno.",
                "Il rinnovo automatico dell'abbonamento è comodo ma occhio alle date.",
                "Cofanetto regalo per Natale già ordinato.",
                "Confronto prezzi tra le varie marche di capsule, foglio aggiornato.",
                "Spedizione gratuita sopra i trenta euro, si riempie il carrello.",
            ),
            "en": ("Stocked up on pods during the sale, set for the winter.",),
        },
        aspects=("pricing", "website", "returns", "capsules"),
        intents={
            "talk": 0.35,
            "praise": 0.18,
            "opinion": 0.1,
            "question": 0.08,
            "complaint": 0.1,
            "purchase": 0.12,
            "idea": 0.04,
            "mixed": 0.03,
        },
        tone=0.3,
        shifted_tone=-0.3,
    ),
    Community(
        key="baristi",
        share=0.12,
        languages=(("it", 0.5), ("en", 0.5)),
        venues=(("x:x.com", 0.45), ("reddit:barista", 0.3), ("mastodon:mastodon.uno", 0.25)),
        hashtags={
            "en": ("latteart", "barista", "oatmilk", "specialtycoffee"),
            "it": ("latteart", "barista", "caffetteria"),
        },
        talk={
            "en": (
                "Pouring a tulip on oat milk is harder than on whole milk.",
                "Steam wand technique: stretch early, then roll.",
                "Microfoam practice before the morning rush.",
                "Latte art throwdown on Saturday, all welcome.",
                "Dialing in the house blend for the new season.",
            ),
            "it": (
                "Rosetta venuta al primo colpo stamattina.",
                "La schiuma del latte d'avena è una sfida per ogni barista.",
                "Lattiera nuova, stessa mano tremante.",
                "Corso di latte art domenica a {city}.",
            ),
        },
        aspects=("oat-latte", "espresso-blend", "store"),
        intents=_TALKATIVE,
        tone=0.3,
    ),
)

NEW_SUBREDDIT = "CaffeAurora"
"""The fan subreddit that appears in the demo's last days and gains volume."""
NEW_CHANNEL_DAYS = 12
