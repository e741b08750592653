"""Alerts over a store: scans that raise them, and their webhook deliveries."""
