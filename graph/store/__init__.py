"""The store contract, one part per domain, with the row and codec helpers both
backends share."""
