"""Providers: one module each, all speaking the protocol in ``aideon_desktop.core.chat``."""
