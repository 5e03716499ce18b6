"""Views for stakeholders, relationship surveys and their results."""
