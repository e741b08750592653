"""Relationship views over a store: ties, the influencer map, connection paths."""
