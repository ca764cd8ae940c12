import pytest

from indicators.rules.symbols import BETTER, WORSE, row_symbol
from indicators.rules.types import Rating

G, A, R, N = Rating.GREEN, Rating.AMBER, Rating.RED, Rating.NOT_RATED


@pytest.mark.parametrize(
    "ratings,symbol",
    [
        ([G, G], BETTER),  # care leavers in suitable accommodation, 94.3% vs 86% and 84%
        ([R, R], WORSE),  # LAC dental checks, 82.5% vs 86.3% and 84.4%
        ([G], BETTER),
        (["red", "red"], WORSE),  # stored rating values read the same as the enum
        ([G, R], ""),  # never printed: no documented symbol
        ([A, A], ""),  # worse but within 2%: Durham printed no such row
        ([G, A], ""),
        ([G, N], ""),  # a comparison the rule cannot rate decides nothing
        ([], ""),
    ],
)
def test_a_row_symbol_needs_every_comparison_to_agree(ratings, symbol):
    assert row_symbol(ratings) == symbol
