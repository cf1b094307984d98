"""Aideon Desktop: a local-first, privacy-preserving AI router in your tray."""

__version__ = "0.1.0"
