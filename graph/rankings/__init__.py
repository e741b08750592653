"""Rankings over a store: recompute and write back, and the ranked views the API serves."""
