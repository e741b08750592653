"""The conversation graph: domain model, store contract, backends and algorithms."""
