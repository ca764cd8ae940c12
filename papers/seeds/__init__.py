"""Loaders for the councils' published papers (fixtures/), run by `manage.py load_seed_data`."""
