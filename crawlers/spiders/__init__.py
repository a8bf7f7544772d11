"""Spiders: the generic config-driven ones and one per bundled site config (see sites.py)."""
