"""A council's reporting cycle: the period its committee dashboard steps through.

Durham and Stockton report quarterly (financial-year quarters); Norfolk's MI report is
monthly, with a quarterly committee (domain.md, "People and the cycle"). The cycle is read
from the council's own indicators rather than configured, so a council that moves its
measures to monthly reporting gets a monthly picker.
"""

from collections import Counter
from collections.abc import Iterable

from .periods import PeriodKind

CYCLE_FREQUENCIES = {"monthly": PeriodKind.MONTH, "quarterly": PeriodKind.QUARTER}


def reporting_cycle(frequencies: Iterable[str]) -> PeriodKind:
    """MONTH when most of the council's monthly or quarterly indicators are monthly,
    otherwise QUARTER (annual and occasional measures do not set the cycle).

    frequencies: one indicator frequency ("monthly", "quarterly", "annual", ...) per
    indicator."""
    counts = Counter(f for f in frequencies if f in CYCLE_FREQUENCIES)
    if counts["monthly"] > counts["quarterly"]:
        return PeriodKind.MONTH
    return PeriodKind.QUARTER
