"""Steerco: turns technical status into priced, traceable executive briefs."""

__version__ = "0.1.0"
