"""Providers: one module each behind the protocol in ``base.py``, listed in ``registry.py``."""
