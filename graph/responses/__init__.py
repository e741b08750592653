"""The response queue over a store: routing new posts, acting on conversations, metrics."""
