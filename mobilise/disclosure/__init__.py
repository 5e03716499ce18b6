"""Disclosure control for aggregates of people's answers (pure Python, no Django)."""
