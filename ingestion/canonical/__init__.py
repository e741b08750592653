"""The canonical record every parser produces, and the names of the formats read: below
the parsers, which import nothing else of the ingestion."""
