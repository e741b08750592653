"""What the demo's people say about Caffè Aurora's touchpoints and products, by language:
clauses that praise (``pos``), complain (``neg``) or ask (``ask``).

The touchpoints and products are named with the aliases of the brand lexicon
(``ingestion/enrichment/data/brand.toml``), so that the analysis finds the aspects.
``{city}`` is filled in when a post is composed.
"""

from __future__ import annotations

Lines = tuple[str, ...]
Stances = dict[str, Lines]
"""Clauses by stance: ``pos``, ``neg``, ``ask`` (or, for replies, their kind)."""

ASPECTS: dict[str, dict[str, Stances]] = {
    "it": {
        "customer-care": {
            "pos": (
                "l'assistenza clienti mi ha risolto tutto in dieci minuti",
                "operatore gentilissimo al numero verde, problema risolto subito",
                "il servizio clienti mi ha richiamato in giornata",
                "all'assistenza sono stati pazienti e competenti",
            ),
            "neg": (
                "l'assistenza clienti non risponde da giorni",
                "al numero verde nessuna risposta, solo musica di attesa",
                "ho scritto tre volte al servizio clienti e ancora nessuna risposta",
                "l'operatore mi ha chiuso il telefono in faccia, vergogna",
            ),
            "ask": (
                "qualcuno sa se l'assistenza clienti risponde anche il sabato?",
                "come si contatta il servizio clienti senza passare dal numero verde?",
                "c'è un modo per parlare con un operatore vero?",
            ),
        },
        "delivery": {
            "pos": (
                "consegna velocissima, il pacco è arrivato in 24 ore",
                "il corriere è stato puntualissimo e gentile",
                "spedizione curata, capsule imballate benissimo",
            ),
            "neg": (
                "la consegna è in ritardo di una settimana",
                "il corriere dice di essere passato ma non ha mai suonato",
                "il pacco è arrivato schiacciato e metà delle capsule erano rotte",
                "la spedizione è ferma da giorni a {city}",
            ),
            "ask": (
                "quanto ci mette di solito la spedizione a {city}?",
                "si può cambiare l'indirizzo di consegna dopo l'ordine?",
                "qualcuno sa con che corriere spediscono?",
            ),
        },
        "store": {
            "pos": (
                "il personale del negozio di {city} è sempre gentilissimo",
                "al bar Aurora di {city} il barista ti fa sentire a casa",
                "bella la nuova caffetteria in centro a {city}",
            ),
            "neg": (
                "al punto vendita di {city} il personale era scortese",
                "coda infinita al bar e cappuccino tiepido",
                "la caffetteria di {city} ha chiuso senza avvisare",
            ),
            "ask": (
                "a che ora apre il negozio di {city} la domenica?",
                "il punto vendita di {city} fa anche la macinatura al momento?",
            ),
        },
        "website": {
            "pos": (
                "la nuova app è comodissima per riordinare",
                "sul sito il checkout è velocissimo",
            ),
            "neg": (
                "l'app si blocca al checkout",
                "il sito non funziona da stamattina, impossibile ordinare",
                "l'app ha perso il mio carrello per la terza volta",
            ),
            "ask": (
                "nell'app dove si trovano i punti fedeltà?",
                "il sito accetta Satispay?",
            ),
        },
        "pricing": {
            "pos": (
                "il prezzo dell'abbonamento è onesto per la qualità",
                "con lo sconto il prezzo è imbattibile",
            ),
            "neg": (
                "il prezzo delle capsule è salito di nuovo",
                "l'abbonamento costa troppo rispetto alla concorrenza",
                "prezzi folli, sei euro per dieci capsule",
            ),
            "ask": (
                "i prezzi sul sito sono IVA inclusa?",
                "l'abbonamento ha lo stesso prezzo anche per due persone?",
            ),
        },
        "returns": {
            "pos": (
                "reso gestito in due giorni senza storie",
                "il reso della macchina è stato semplicissimo",
            ),
            "neg": (
                "aspetto il rimborso da tre settimane",
                "il reso non è mai stato registrato",
                "mi hanno rifiutato il reso senza spiegazioni",
            ),
            "ask": ("entro quanti giorni si può fare il reso?",),
        },
        "espresso-blend": {
            "pos": (
                "la miscela espresso ha una crema perfetta",
                "la nuova miscela è ottima, corposa ma non amara",
                "l'espresso Aurora al mattino è un rito",
            ),
            "neg": (
                "la miscela di questo lotto sa di bruciato",
                "l'espresso è diventato acquoso, non è più quello di prima",
            ),
            "ask": ("la miscela espresso va bene anche per la moka?",),
        },
        "decaf": {
            "pos": ("il decaffeinato è sorprendentemente buono",),
            "neg": ("il decaffeinato sa di cartone",),
            "ask": ("il deca è decaffeinato ad acqua o con solventi?",),
        },
        "capsules": {
            "pos": (
                "le capsule compatibili funzionano benissimo con la mia macchina",
                "le nuove capsule sono buonissime",
            ),
            "neg": (
                "le capsule si inceppano nella macchina",
                "metà delle cialde erano difettose",
            ),
            "ask": ("le capsule sono compatibili con la Nespresso Vertuo?",),
        },
        "oat-latte": {
            "pos": ("il latte d'avena Aurora è cremosissimo",),
            "neg": ("il latte d'avena è troppo dolce",),
            "ask": ("il latte d'avena si trova anche nei supermercati?",),
        },
    },
    "en": {
        "customer-care": {
            "pos": (
                "customer service sorted my order in ten minutes",
                "the support team called me back the same day, great job",
                "the help desk was patient and knew their stuff",
            ),
            "neg": (
                "customer support has not replied for days",
                "still no answer from the help desk after three emails",
                "the support team keeps sending the same copy-paste reply",
            ),
            "ask": (
                "does anyone know if customer service works on weekends?",
                "is there a way to reach a real person at support?",
            ),
        },
        "delivery": {
            "pos": (
                "delivery was super fast, the parcel arrived next day",
                "the courier was right on time",
            ),
            "neg": (
                "my delivery is a week late and tracking is frozen",
                "the courier says he came by but never rang",
                "the parcel arrived crushed and half the pods were broken",
            ),
            "ask": (
                "how long does shipping to {city} usually take?",
                "can I change the delivery address after ordering?",
            ),
        },
        "store": {
            "pos": (
                "the staff at the {city} shop are lovely",
                "the barista at the Aurora café remembered my order",
            ),
            "neg": (
                "the staff at the {city} store were rude today",
                "long queue at the café and a lukewarm flat white",
            ),
            "ask": ("what time does the {city} store open on Sundays?",),
        },
        "website": {
            "pos": (
                "the new app makes reordering painless",
                "checkout on the website takes seconds",
            ),
            "neg": (
                "the app crashes at checkout",
                "the website is down again, can't place an order",
            ),
            "ask": ("where do I find loyalty points in the app?",),
        },
        "pricing": {
            "pos": ("the subscription price is fair for the quality",),
            "neg": (
                "the price of the capsules went up again",
                "the subscription costs way more than the competition",
            ),
            "ask": ("is the subscription price the same in every country?",),
        },
        "returns": {
            "pos": ("the return was handled in two days, no questions asked",),
            "neg": (
                "still waiting for my refund after three weeks",
                "my return was never registered",
            ),
            "ask": ("how do I return a faulty machine?",),
        },
        "espresso-blend": {
            "pos": (
                "the espresso blend pulls a gorgeous crema",
                "this blend is smooth, chocolatey and never bitter",
            ),
            "neg": (
                "this batch of the espresso blend tastes burnt",
                "the blend got weaker, not what it used to be",
            ),
            "ask": ("does the espresso blend work in a moka pot?",),
        },
        "decaf": {
            "pos": ("the decaf is surprisingly good",),
            "neg": ("the decaf tastes like cardboard",),
            "ask": ("is the decaf Swiss water processed?",),
        },
        "capsules": {
            "pos": ("the capsules work perfectly in my machine",),
            "neg": ("the pods keep jamming in the machine",),
            "ask": ("are the capsules compatible with Vertuo?",),
        },
        "oat-latte": {
            "pos": ("the oat milk latte is creamy and not too sweet",),
            "neg": ("the oat latte is way too sweet",),
            "ask": ("is the oat latte coming back to stores?",),
        },
    },
    "ro": {
        "customer-care": {
            "pos": ("serviciul clienți mi-a răspuns imediat, foarte amabili",),
            "neg": ("serviciul clienți nu răspunde de zile întregi",),
            "ask": ("știe cineva cum contactez asistență clienți?",),
        },
        "delivery": {
            "pos": ("livrarea a fost super rapidă, coletul a ajuns a doua zi",),
            "neg": (
                "livrarea întârzie de o săptămână",
                "curierul nu a sunat deloc și coletul s-a întors",
            ),
            "ask": ("cât durează livrarea în {city}?",),
        },
        "store": {
            "pos": ("cafeneaua Aurora din centru are personal foarte prietenos",),
            "neg": ("la magazin au fost nepoliticoși cu mine",),
            "ask": ("la ce oră se deschide magazinul din {city}?",),
        },
        "website": {
            "pos": ("aplicația e simplă și rapidă",),
            "neg": ("site-ul nu funcționează la plată",),
            "ask": ("aplicația are și versiune în română?",),
        },
        "pricing": {
            "pos": ("prețul e corect pentru calitate",),
            "neg": ("prețul capsulelor a crescut din nou",),
            "ask": ("prețul abonamentului e același și în România?",),
        },
        "returns": {
            "pos": ("returul a fost rezolvat în două zile",),
            "neg": ("aștept rambursarea de trei săptămâni",),
            "ask": ("cum fac retur pentru un colet deteriorat?",),
        },
        "espresso-blend": {
            "pos": ("cafeaua Aurora este foarte bună, recomand",),
            "neg": ("cafeaua din ultimul lot are gust de ars",),
            "ask": ("cafeaua e bună și pentru ibric?",),
        },
        "decaf": {
            "pos": ("decaf-ul Aurora e surprinzător de bun",),
            "neg": ("decaf-ul are gust de carton",),
            "ask": ("decaf-ul se găsește și în capsule?",),
        },
        "capsules": {
            "pos": ("capsulele merg perfect cu espressorul meu",),
            "neg": ("capsulele se blochează în aparat",),
            "ask": ("capsulele sunt compatibile cu Nespresso?",),
        },
        "oat-latte": {
            "pos": ("am încercat oat latte de la Aurora, delicios",),
            "neg": ("oat latte e mult prea dulce",),
            "ask": ("oat latte se găsește și în București?",),
        },
    },
}
