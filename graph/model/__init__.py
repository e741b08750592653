"""Records and rules of the conversation graph: no store, no backend, no I/O."""
