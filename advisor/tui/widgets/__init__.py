"""Widgets of the interview: a question field and the live recommendation panel."""
