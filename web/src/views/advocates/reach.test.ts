import { describe, expect, it } from "vitest";
import { chosenSets, compareReach, memberReasons, readShortfall, type ChosenSet } from "./reach";

const shortlist: ChosenSet = {
  expectedReach: 723.1,
  communities: ["c-a", "c-b", "c-c", "c-d"],
  members: ["ava", "sorin", "ruby", "hannah"],
};
const baseline: ChosenSet = {
  expectedReach: 634.6,
  communities: ["c-a", "c-b", "c-e"],
  members: ["ava", "sorin", "ella", "ioana"],
};

describe("the shortlist beside the PageRank top-K", () => {
  it("gives both reaches in whole people, and a difference that adds up with them", () => {
    const comparison = compareReach(shortlist, baseline);
    expect(comparison.shortlist).toBe(723);
    expect(comparison.baseline).toBe(635);
    expect(comparison.difference).toBe(88);
    expect(comparison.relative).toBeCloseTo(88 / 635);
  });

  it("draws both bars to the scale of the larger reach", () => {
    const comparison = compareReach(shortlist, baseline);
    expect(comparison.shortlistShare).toBe(1);
    expect(comparison.baselineShare).toBeCloseTo(635 / 723);
    const reversed = compareReach(baseline, shortlist);
    expect(reversed.baselineShare).toBe(1);
    expect(reversed.difference).toBe(-88);
  });

  it("says which communities only one of them covers", () => {
    const comparison = compareReach(shortlist, baseline);
    expect(comparison.onlyShortlist).toEqual(["c-c", "c-d"]);
    expect(comparison.onlyBaseline).toEqual(["c-e"]);
    expect(comparison.shared).toEqual(["c-a", "c-b"]);
  });

  it("knows when the PageRank top-K is the shortlist", () => {
    expect(compareReach(shortlist, baseline).sameMembers).toBe(false);
    const same = { ...baseline, members: [...baseline.members].reverse() };
    expect(compareReach(same, baseline).sameMembers).toBe(true);
  });

  it("has no relative difference and empty bars when nobody is reached", () => {
    const nobody: ChosenSet = { expectedReach: 0, communities: [], members: [] };
    const comparison = compareReach(nobody, nobody);
    expect(comparison.relative).toBeNull();
    expect([comparison.shortlistShare, comparison.baselineShare]).toEqual([0, 0]);
  });
});

describe("the two sets of an answer", () => {
  it("are read from the shortlist and its baseline, members by id in their order", () => {
    const sets = chosenSets({
      expectedReach: 723.1,
      communities: ["c-a"],
      members: [{ person: { id: "ava" } }, { person: { id: "ruby" } }],
      baseline: { expectedReach: 634.6, communities: ["c-b"], members: [{ id: "ella" }] },
    });
    expect(sets.shortlist).toEqual({ expectedReach: 723.1, communities: ["c-a"], members: ["ava", "ruby"] });
    expect(sets.baseline).toEqual({ expectedReach: 634.6, communities: ["c-b"], members: ["ella"] });
  });
});

describe("why each ambassador is on the shortlist", () => {
  it("marks who opens a community, whose community the top-K misses, and who both sets share", () => {
    const reasons = memberReasons(
      [
        { id: "ava", communityId: "c-a" },
        { id: "ruby", communityId: "c-c" },
        { id: "hannah", communityId: "c-a" },
        { id: "loner", communityId: null },
      ],
      baseline,
    );
    expect(reasons).toEqual([
      { order: 1, inBaseline: true, opensCommunity: true, communityMissedByBaseline: false },
      { order: 2, inBaseline: false, opensCommunity: true, communityMissedByBaseline: true },
      { order: 3, inBaseline: false, opensCommunity: false, communityMissedByBaseline: false },
      { order: 4, inBaseline: false, opensCommunity: false, communityMissedByBaseline: false },
    ]);
  });
});

describe("why the shortlist is shorter than asked", () => {
  it("reads the API's reasons into figures to word in any language", () => {
    expect(readShortfall("only 6 people pass the constraints")).toEqual({ kind: "few", eligible: 6 });
    expect(readShortfall("only 1 person passes the constraints")).toEqual({ kind: "few", eligible: 1 });
    expect(readShortfall("at most 1 per community leaves 4 of 9 candidates")).toEqual({
      kind: "cap",
      cap: 1,
      found: 4,
      eligible: 9,
    });
  });

  it("keeps a reason it does not know as the API wrote it", () => {
    expect(readShortfall("the graph is empty")).toEqual({ kind: "other", reason: "the graph is empty" });
  });
});
