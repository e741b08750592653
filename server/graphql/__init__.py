"""The GraphQL API, one folder per domain (types, resolvers, and later loaders)."""
