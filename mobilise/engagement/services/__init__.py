"""Writes for stakeholders, surveys and analyses, each inside a transaction with history kept."""
