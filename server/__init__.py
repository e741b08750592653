"""HTTP and GraphQL transport; domain work is delegated to `graph` and `ingestion`."""
