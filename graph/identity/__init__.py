"""Identity over a store: programme status, merges and splits, links, access and erasure."""
