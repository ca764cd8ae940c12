"""The period return: the grid officers fill in, its checklist and its sign-off."""
