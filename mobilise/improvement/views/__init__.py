"""Pages for the theory of change and driver diagrams, split by what they show."""
