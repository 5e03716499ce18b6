"""Sessions, series, the facilitator's page, on-the-day feedback and programme evaluations."""
