import { describe, expect, it } from "vitest";
import { communityColour } from "../../lib/colours";
import { EDGE_SIZE, NODE_SIZE, buildMapGraph, findDrawn, tiesOf } from "./graph";
import { ANSWER, RANKS } from "./testData";

describe("the map's graph", () => {
  const graph = buildMapGraph(ANSWER, RANKS);

  it("holds the people and ties of the answer, in its order", () => {
    expect(graph.nodes()).toEqual(["p1", "p2", "p3", "p4"]);
    expect(graph.size).toBe(3); // the tie to someone not drawn cannot be drawn
    expect(graph.getNodeAttribute("p2", "label")).toBe("@tom");
    expect(graph.getNodeAttribute("p4", "label")).toBe("@anon");
    expect(graph.getNodeAttributes("p1")).toMatchObject({ score: 16, community: "c-big", ties: 2 });
  });

  it("gives areas in proportion to influence, the largest the biggest size", () => {
    const radius = (node: string) => graph.getNodeAttribute(node, "size");
    expect(radius("p1")).toBe(NODE_SIZE.max);
    const grow = (node: string) => radius(node) - NODE_SIZE.min;
    expect(grow("p2") / grow("p1")).toBeCloseTo(Math.sqrt(4 / 16));
    expect(radius("p3")).toBeGreaterThan(NODE_SIZE.min);
  });

  it("colours people by their community's rank, grey outside the ranked ones", () => {
    expect(graph.getNodeAttribute("p1", "color")).toBe(communityColour(0));
    expect(graph.getNodeAttribute("p2", "color")).toBe(communityColour(1));
    expect(graph.getNodeAttribute("p3", "color")).toBe(communityColour(undefined));
    expect(graph.getNodeAttribute("p4", "color")).toBe(communityColour(undefined));
    expect(communityColour(0)).not.toBe(communityColour(1));
  });

  it("draws stronger ties thicker, on a log scale", () => {
    const width = (a: string, b: string) => graph.getEdgeAttribute(graph.edge(a, b), "size");
    expect(width("p1", "p2")).toBe(EDGE_SIZE.max);
    expect(width("p2", "p3")).toBeGreaterThan(EDGE_SIZE.min);
    expect(width("p1", "p3")).toBeLessThan(EDGE_SIZE.max);
    expect(width("p1", "p3")).toBeGreaterThan(width("p2", "p3"));
    expect(graph.getEdgeAttributes(graph.edge("p1", "p2"))).toMatchObject({
      weight: 100,
      interactions: 12,
    });
  });

  it("lists a person's ties strongest first", () => {
    expect(tiesOf(graph, "p1")).toEqual([
      { other: "p2", weight: 100, interactions: 12 },
      { other: "p3", weight: 9, interactions: 3 },
    ]);
  });

  it("finds drawn people by name or handle, ignoring case and accents", () => {
    expect(findDrawn(graph, "ROSSI")).toEqual(["p1"]);
    expect(findDrawn(graph, "zoe")).toEqual(["p3"]);
    expect(findDrawn(graph, "aberg")).toEqual(["p3"]);
    expect(findDrawn(graph, "o", 3)).toEqual(["p1", "p2", "p3"]); // most influential first
    expect(findDrawn(graph, "   ")).toEqual([]);
  });

  it("is empty for an empty answer", () => {
    const empty = buildMapGraph({ truncated: false, nodes: [], edges: [] }, RANKS);
    expect([empty.order, empty.size]).toEqual([0, 0]);
  });
});
