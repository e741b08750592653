"""What else the demo's people say, by language: purchase intents, ideas, openers and
closers, replies, the courier strike and the price increase; and the brand's own posts and
answers. ``{city}`` and ``{brand}`` are filled in when a post is composed.
"""

from __future__ import annotations

from ingestion.demo.aspects import Lines, Stances

PURCHASE: dict[str, Lines] = {
    "it": (
        "Vorrei comprare la macchina Aurora Uno, qualcuno la usa?",
        "Sto pensando di prendere l'abbonamento alle capsule, ne vale la pena?",
        "Dove posso comprare la miscela Aurora a {city}?",
        "Qualcuno ha un codice sconto? Vorrei ordinare le capsule per l'ufficio",
    ),
    "en": (
        "Thinking of getting the Aurora subscription, is it worth it?",
        "Where can I buy the Aurora espresso blend in {city}?",
        "Want to buy a capsule machine for the office, any advice?",
        "How much is the starter kit with the grinder?",
    ),
    "ro": (
        "Vreau să cumpăr capsule Aurora, de unde pot cumpăra în {city}?",
        "Cât costă abonamentul la cafea?",
    ),
}

IDEAS: dict[str, Lines] = {
    "it": (
        "Sarebbe bello avere capsule compostabili anche per il decaffeinato",
        "Suggerimento per {brand}: una app con lo storico degli ordini",
        "Perché non fate una miscela pensata per la moka?",
        "Mi piacerebbe un abbonamento con consegna ogni due settimane",
        "Propongo un programma di ricarica per le latte vuote",
    ),
    "en": (
        "Would be great to have compostable pods for the decaf too",
        "Feature request: let me skip a month of the subscription from the app",
        "You should do a refill programme for the tins",
        "Why not a smaller bag for people who live alone?",
    ),
    "ro": (
        "Ar fi bine să aveți livrare și în Iași",
        "Sugestie: o aplicație în limba română",
    ),
}

OPENERS: dict[str, Stances] = {
    "it": {
        "pos": ("", "", "Sinceramente:", "Che bella sorpresa:", "Promossi!"),
        "neg": ("", "", "Sono stufo:", "Ennesima delusione:", "Scusate lo sfogo:"),
        "ask": ("", "", "Domanda:", "Aiuto!"),
    },
    "en": {
        "pos": ("", "", "Have to say it:", "Pleasant surprise:", "Not gonna lie:"),
        "neg": ("", "", "Fed up:", "Another letdown:", "Sorry for the rant:"),
        "ask": ("", "", "Quick question:", "Help!"),
    },
    "ro": {
        "pos": ("", "Sincer:", "Surpriză plăcută:"),
        "neg": ("", "Sunt dezamăgit:", "Iar:"),
        "ask": ("", "Întrebare:"),
    },
}

CLOSERS: dict[str, Stances] = {
    "it": {
        "pos": ("", "Grazie {brand}!", "Consiglio a tutti.", "Bravi!", "☕❤️"),
        "neg": ("", "Inaccettabile.", "Davvero deluso.", "{brand} mi rispondete?", "Mai più."),
        "ask": ("", "Grazie in anticipo!", "Qualcuno ne sa qualcosa?"),
    },
    "en": {
        "pos": ("", "Thank you {brand}!", "Highly recommend.", "Well done!", "☕"),
        "neg": ("", "Unacceptable.", "Really disappointed.", "{brand} anyone there?"),
        "ask": ("", "Thanks in advance!", "Any tips?"),
    },
    "ro": {
        "pos": ("", "Mulțumesc {brand}!", "Recomand!"),
        "neg": ("", "Inacceptabil.", "Foarte dezamăgit."),
        "ask": ("", "Mulțumesc!"),
    },
}

BUT = {"it": "ma", "en": "but", "ro": "dar"}

REPLIES: dict[str, Stances] = {
    "it": {
        "agree": (
            "Concordo in pieno.",
            "Anche per me è così!",
            "Esatto, proprio così.",
            "Confermo, stessa esperienza.",
        ),
        "same": (
            "Stessa cosa a me, aspetto da giorni.",
            "Anche il mio ordine è in ritardo, che disastro.",
            "Pure io, nessuna risposta da settimane.",
        ),
        "help": (
            "Prova a scrivere in privato, a me hanno risposto in giornata.",
            "Con la moka usa una macinatura più grossa, cambia tutto.",
            "Io ho risolto chiamando la mattina presto.",
        ),
        "thanks": ("Grazie del consiglio!", "Grazie, provo subito.", "Gentilissimo, grazie!"),
        "ask": ("Dove l'hai preso?", "Con che macchina la usi?", "Quanto l'hai pagato?"),
        "disagree": (
            "Mah, a me non è piaciuta per niente.",
            "Non sono d'accordo, per me è sopravvalutato.",
        ),
        "cheer": ("Bellissima foto!", "Sempre ottimi consigli 👏", "Che invidia!"),
    },
    "en": {
        "agree": ("Totally agree.", "Same here!", "Couldn't have said it better.", "This."),
        "same": (
            "Same thing happened to me, waiting for days.",
            "My order is late too, what a mess.",
            "Same, no response for weeks now.",
        ),
        "help": (
            "Try a direct message, they answered me within the day.",
            "Grind coarser for a moka pot, it makes all the difference.",
            "Calling early in the morning worked for me.",
        ),
        "thanks": ("Thanks for the tip!", "Thanks, trying it now.", "Legend, thank you!"),
        "ask": ("Where did you get it?", "Which machine do you use?", "How much was it?"),
        "disagree": ("Not for me, to be honest.", "Hard disagree, it's overrated."),
        "cheer": ("Gorgeous shot!", "Always great tips 👏", "So jealous!"),
    },
    "ro": {
        "agree": ("Sunt de acord!", "La fel și la mine.", "Exact așa."),
        "same": ("Și eu aștept de zile întregi.", "La fel, niciun răspuns."),
        "help": ("Scrie-le pe mesaj privat, mie mi-au răspuns repede.",),
        "thanks": ("Mulțumesc pentru sfat!", "Mersi, încerc acum."),
        "ask": ("De unde l-ai luat?", "Ce aparat folosești?"),
        "disagree": ("Nu sunt de acord, mie mi-a plăcut.",),
        "cheer": ("Superb!", "Mereu sfaturi bune 👏"),
    },
}

BRAND_POSTS: dict[str, Lines] = {
    "it": (
        "Nuova miscela Aurora Alba: note di nocciola e cioccolato. Da oggi sul sito!",
        "Capsule compostabili ora anche per il decaffeinato ♻️",
        "Il nostro negozio di Torino riapre dopo i lavori: vi aspettiamo!",
        "Consegna gratuita per tutto il weekend su tutti gli ordini",
        "Siete pronti per la colazione? Raccontateci il vostro caffè del mattino",
    ),
    "en": (
        "Our oat milk latte is back in stores this week",
        "Meet Aurora Alba, our new espresso blend with hazelnut and cocoa notes",
        "Free shipping all weekend on every order",
    ),
    "ro": ("Livrăm acum în toată România în 48 de ore!",),
}

BRAND_ANSWERS: dict[str, Lines] = {
    "it": (
        "Ci dispiace! Ti abbiamo scritto in privato per risolvere subito.",
        "Ce ne occupiamo noi: ti scriviamo in privato oggi stesso.",
        "Scusaci! Ti abbiamo appena scritto in privato.",
    ),
    "en": (
        "Sorry about this! We are on it, and we will write to you today.",
        "So sorry! Please check your inbox, we wrote to you.",
    ),
    "ro": ("Ne pare rău! Ți-am scris în privat.",),
}
"""The brand's public answers (neither praise nor questions: they are not routed)."""

PRIVATE_ANSWERS = (
    "Risposto in privato: rimborso avviato",
    "Risposto via email con il numero di tracciamento",
    "Answered by direct message: replacement sent",
    "Richiamato al telefono, problema risolto",
)

DISMISSALS = (
    "spam",
    "duplicate of an earlier report",
    "not about Caffè Aurora",
    "resolved in another thread",
)

SPIKE: dict[str, Lines] = {
    "it": (
        "Consegna annullata senza avviso, il corriere non si è mai presentato. Vergogna, è "
        "inaccettabile",
        "Terza consegna mancata questa settimana: spedizione pessima, un vero disastro",
        "Consegna pessima per lo sciopero, pacco fermo da giorni e nessuna risposta. Inaccettabile",
    ),
    "en": (
        "Terrible delivery again, the courier never showed up. Absolutely unacceptable",
        "The worst delivery ever: courier strike, no parcel, no answer",
    ),
    "ro": ("Livrare dezastruoasă, curierul nu răspunde deloc. Foarte dezamăgit",),
}
"""Yesterday's courier strike: the clause naming delivery says how bad it is, so that its
opinion (not only the post) is strongly negative."""

PRICE_HIKE: Lines = (
    "Aumento del prezzo dell'abbonamento senza preavviso, disdico. Vergogna",
    "Il nuovo prezzo delle capsule è una vergogna, non ci siamo proprio",
    "Rinnovo automatico con il prezzo nuovo e nessuna email, scorretto e inaccettabile",
    "Con questi prezzi l'abbonamento non conviene più, sono stufo",
)
