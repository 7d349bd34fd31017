"""Client workspaces: layout, lock, metadata store, ingest, vector index, kept reports."""
