"""Durham's one-symbol-per-row verdicts (Q1 2017/18 report, Key Data Messages mini-tables).

Each mini-table row prints Durham beside the North East and England with a single ✓ or ✗.
Appendix 2's key: ✓ "good or better than comparable period/benchmark", ✗ "poor or worse",
↔ "static or in line". All five printed rows agree with the Appendix 2 ratings of the same
comparisons: ✓ where both are Green, ✗ where both are Red (seeds-durham.md §2.2). A row
rated differently against its comparators was never printed, so no symbol is decided for it.
"""

from __future__ import annotations

from collections.abc import Iterable

from .types import Rating

BETTER = "✓"
WORSE = "✗"


def row_symbol(ratings: Iterable[Rating | str]) -> str:
    """✓ when every comparison is Green, ✗ when every one is Red, "" otherwise."""
    ratings = [Rating(r) for r in ratings]
    if not ratings or Rating.NOT_RATED in ratings:
        return ""
    if all(r == Rating.GREEN for r in ratings):
        return BETTER
    if all(r == Rating.RED for r in ratings):
        return WORSE
    return ""
