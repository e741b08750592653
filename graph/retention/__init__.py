"""Retention over a store: dropping posts past the configured age."""
