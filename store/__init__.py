"""The store: the SQLite database every stage reads and writes, its schema, company identity and reference data."""
