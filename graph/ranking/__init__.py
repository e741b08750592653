"""Graph algorithms over the interaction graph: influence, communities, advocacy and the
ambassador shortlist. Pure functions over networkx graphs, in the style of networkx itself:
every random choice takes a ``seed``."""
