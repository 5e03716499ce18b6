"""Demo data: three fictional programmes to explore Mobilise with (`manage.py seed_demo`)."""
