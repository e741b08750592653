"""Insights over a store: volumes and sentiment over time."""
