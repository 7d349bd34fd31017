"""Steerco: turns technical status into priced, traceable executive briefs."""

import os

__version__ = "0.1.0"

# A pydantic plugin installed in the same environment (an observability one, for instance)
# is handed every value pydantic validates: every client's status, backlog and figures.
# Steerco loads none, as it keeps Chroma's telemetry off. Skipping their discovery also
# saves scanning every installed package's metadata in each process (a twentieth of a cold
# brief). An operator who wants one sets PYDANTIC_DISABLE_PLUGINS themselves (empty: all).
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
