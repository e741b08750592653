"""Identity resolution at scale: candidate links among 100k accounts and 20k CRM customers.

A generated population with few first names and a long tail of last names (so that names
collide as they do in real lists), some handles made of names, a fifth of the customers
listing a handle and a tenth using it as their email's local part. Prints seconds for the
pure candidate search (person ↔ customer and person ↔ person), how many candidates are
proposed, and the planted links found (recall) against the candidates proposed (precision
of the applied ones at the default threshold).

    python -m bench.resolve_identities [--accounts 100000] [--customers 20000] [--seed 1]
"""

from __future__ import annotations

import argparse
import random
import time

from graph.identity.linking import Thresholds
from graph.model.nodes import Account, Customer
from graph.model.resolution import customer_candidates, person_candidates

FIRST = (
    "giulia",
    "marco",
    "luca",
    "anna",
    "sara",
    "paolo",
    "elena",
    "andrea",
    "chiara",
    "ioana",
    "stefan",
    "maria",
    "ion",
    "francesca",
    "matteo",
    "alessia",
    "davide",
    "federica",
    "simone",
    "martina",
)
COMMON_LAST = (
    "rossi",
    "bianchi",
    "verdi",
    "conti",
    "neri",
    "popescu",
    "ionescu",
    "ferrari",
    "esposito",
    "romano",
    "colombo",
    "ricci",
    "marino",
    "greco",
    "bruno",
    "gallo",
    "costa",
    "fontana",
    "moretti",
    "barbieri",
)


def population(
    accounts: int, customers: int, seed: int
) -> tuple[list[Account], list[Customer], set[tuple[str, str]]]:
    rng = random.Random(seed)
    last = [*COMMON_LAST, *[f"cognome{n}" for n in range(accounts // 50)]]
    people = []
    for n in range(accounts):
        first, surname = rng.choice(FIRST), rng.choice(last)
        roll = rng.random()
        handle = (
            f"{first}{surname}{n}"
            if roll < 0.3
            else f"{first[0]}_{surname}_{n}"
            if roll < 0.6
            else f"user{n}"
        )
        shown = f"{first.title()} {surname.title()}" if rng.random() < 0.5 else None
        platform = rng.choice(("x", "mastodon", "reddit"))
        people.append(((first, surname), Account(platform, handle, shown, person_id=f"p{n}")))
    crm, planted = [], set()
    for n in range(customers):
        (first, surname), account = people[rng.randrange(accounts)]
        roll = rng.random()
        handles = (account.uid,) if roll < 0.2 else ()
        local = account.handle if 0.2 <= roll < 0.3 else f"{first}.{surname}.{n}"
        if roll < 0.3:
            planted.add((str(account.person_id), f"C{n}"))
        crm.append(
            Customer(
                f"C{n}", first.title(), surname.title(), f"{local}@mail.example", handles=handles
            )
        )
    return [account for _, account in people], crm, planted


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--accounts", type=int, default=100_000)
    parser.add_argument("--customers", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    accounts, crm, planted = population(args.accounts, args.customers, args.seed)
    started = time.perf_counter()
    found = customer_candidates(crm, accounts)
    customer_seconds = time.perf_counter() - started
    started = time.perf_counter()
    pairs = person_candidates(accounts, {})
    person_seconds = time.perf_counter() - started
    threshold = Thresholds().customer
    applied = {(c.person_id, c.target_id) for c in found if c.confidence >= threshold}
    proposed = {(c.person_id, c.target_id) for c in found}
    print(f"{args.accounts} accounts, {args.customers} customers, {len(planted)} planted links")
    print(f"person-customer candidates: {len(found)} in {customer_seconds:.1f} s")
    print(f"  applied at {threshold}: {len(applied)}, of which planted {len(applied & planted)}")
    print(
        f"  recall of planted links among candidates: {len(proposed & planted) / len(planted):.3f}"
    )
    print(f"  precision of applied links: {len(applied & planted) / max(len(applied), 1):.3f}")
    print(f"person-person candidates: {len(pairs)} in {person_seconds:.1f} s")


if __name__ == "__main__":
    main()
