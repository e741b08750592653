"""Graph algorithms over the interaction graph: influence, communities, advocacy and the
ambassador shortlist. Pure functions over the integer-indexed interaction graph
(`graph.ranking.indexed.IndexedGraph`), in the style of networkx: every random choice takes a
``seed``."""
