"""The councils' published papers: their loaders (fixtures/ into the database) and the
fidelity checks that reproduce every rating they print (`manage.py check_published`)."""
