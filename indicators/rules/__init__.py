"""Pure domain rules: ratings, direction of travel, exceptions, ranks, periods, printed values.

Nothing in this package imports Django or touches the database, so every rule can be
tested alone and at its boundaries. Each module holds one concern; import from it directly.
"""
