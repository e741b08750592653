import { describe, expect, it } from "vitest";
import { STATUSES } from "../../lib/programme";
import { cardFacts, invitable, movesFrom } from "./programme";

describe("the programme board", () => {
  it("has one column per status, in the order people move through them", () => {
    expect(STATUSES).toEqual(["CANDIDATE", "INVITED", "ACTIVE", "PAUSED", "DECLINED"]);
  });

  it("offers every other status as a move, and every status to someone outside", () => {
    expect(movesFrom("INVITED")).toEqual(["CANDIDATE", "ACTIVE", "PAUSED", "DECLINED"]);
    expect(movesFrom(null)).toEqual(STATUSES);
  });

  it("invites from the shortlist only people not yet invited", () => {
    expect(invitable(null)).toBe(true);
    expect(invitable("CANDIDATE")).toBe(true);
    for (const status of ["INVITED", "ACTIVE", "PAUSED", "DECLINED"] as const) {
      expect(invitable(status)).toBe(false);
    }
  });

  it("tells on a card since when, why and by whom a person is in their column", () => {
    const facts = cardFacts({
      updatedAt: "2026-11-30T10:00:00Z",
      note: "  Agreed a spring campaign ",
      history: [
        { status: "CANDIDATE", note: null, actor: "demo", at: "2026-11-01T09:00:00Z" },
        {
          status: "ACTIVE",
          note: "  Agreed a spring campaign ",
          actor: "key:ab12 (Giulia Rossi)",
          at: "2026-11-30T10:00:00Z",
        },
      ],
    });
    expect(facts).toEqual({
      since: "2026-11-30T10:00:00Z",
      note: "Agreed a spring campaign",
      movedBy: "Giulia Rossi",
    });
    expect(cardFacts({ updatedAt: "2026-11-30T10:00:00Z", note: " ", history: [] })).toEqual({
      since: "2026-11-30T10:00:00Z",
      note: null,
      movedBy: null,
    });
  });
});
