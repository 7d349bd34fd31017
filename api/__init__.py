"""Steerco's HTTP API (FastAPI): the same brief workflow as the CLI, for other tools."""
