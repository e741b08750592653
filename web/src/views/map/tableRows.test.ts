import { describe, expect, it } from "vitest";
import { rankCommunities } from "../../components/community/ranks";
import { buildMapGraph } from "./graph";
import { ANSWER } from "./testData";
import { firstDirection, personRows, sortRows } from "./tableRows";

describe("the map as a table", () => {
  const ranks = rankCommunities([
    { id: "c-big", size: 10, topTopics: [] },
    { id: "c-small", size: 2, topTopics: [] },
  ]);
  const rows = personRows(buildMapGraph(ANSWER, ranks), ranks);
  const ids = (key: Parameters<typeof sortRows>[1], direction: "ascending" | "descending") =>
    sortRows(rows, key, direction, "en").map((row) => row.id);

  it("has a row per drawn person", () => {
    expect(rows.map((row) => [row.id, row.ties])).toEqual([
      ["p1", 2],
      ["p2", 2],
      ["p3", 2],
      ["p4", 0],
    ]);
  });

  it("sorts by each column, ties kept in influence order", () => {
    expect(ids("score", "descending")).toEqual(["p1", "p2", "p3", "p4"]);
    expect(ids("label", "ascending")).toEqual(["p4", "p2", "p1", "p3"]);
    expect(ids("community", "ascending")).toEqual(["p1", "p2", "p4", "p3"]);
    expect(ids("ties", "ascending")).toEqual(["p4", "p1", "p2", "p3"]);
    expect(firstDirection("ties")).toBe("descending");
    expect(firstDirection("label")).toBe("ascending");
  });
});
