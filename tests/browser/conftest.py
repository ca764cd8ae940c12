"""The member pages' data sets, shared with the browser tests."""

from tests.reports.conftest import durham, norfolk  # noqa: F401
