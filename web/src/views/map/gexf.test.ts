import { describe, expect, it } from "vitest";
import { buildMapGraph } from "./graph";
import { ANSWER, RANKS } from "./testData";
import { mapToGexf } from "./gexf";

const VIZ = "http://gexf.net/1.3/viz";

describe("the GEXF export", () => {
  const graph = buildMapGraph(ANSWER, RANKS);
  graph.updateEachNodeAttributes((node, attributes) => ({
    ...attributes,
    x: node.length,
    y: -1.5,
  }));
  const xml = new DOMParser().parseFromString(mapToGexf(graph), "application/xml");

  it("holds every drawn person with their label, score, community, size, colour and place", () => {
    const declared = new Map(
      [...xml.querySelectorAll("attributes[class=node] attribute")].map((a) => [
        a.getAttribute("id"),
        a.getAttribute("title"),
      ]),
    );
    const nodes = [...xml.getElementsByTagName("node")];
    expect(nodes.map((n) => n.getAttribute("id"))).toEqual(graph.nodes());
    for (const node of nodes) {
      const id = node.getAttribute("id") ?? "";
      const drawn = graph.getNodeAttributes(id);
      const values = Object.fromEntries(
        [...node.getElementsByTagName("attvalue")].map((v) => [
          declared.get(v.getAttribute("for")),
          v.getAttribute("value"),
        ]),
      );
      expect(node.getAttribute("label")).toBe(drawn.label);
      expect(Number(values.score)).toBe(drawn.score);
      expect(values.community).toBe(drawn.community ?? undefined);
      const viz = (tag: string) => node.getElementsByTagNameNS(VIZ, tag)[0];
      expect(Number(viz("size")?.getAttribute("value"))).toBeCloseTo(drawn.size);
      expect(viz("color")?.getAttribute("hex")).toBe(drawn.color);
      expect(Number(viz("position")?.getAttribute("x"))).toBe(drawn.x);
      expect(Number(viz("position")?.getAttribute("y"))).toBe(-1.5);
    }
  });

  it("holds every drawn tie with its weight", () => {
    const edges = [...xml.getElementsByTagName("edge")].map((e) => [
      e.getAttribute("source"),
      e.getAttribute("target"),
      Number(e.getAttribute("weight")),
    ]);
    expect(edges).toEqual(
      graph.mapEdges((_, edge, source, target) => [source, target, edge.weight]),
    );
  });
});
