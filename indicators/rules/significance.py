"""Significance of a council's value against a benchmark, as OHID Fingertips shows it.

The benchmark's figure is compared with the council's confidence interval (Fingertips'
"comparison with benchmark" for indicators whose benchmark has no interval of its own:
PHE "Technical Guide: Confidence Intervals", 2008, section on comparing with a benchmark).
A benchmark inside the interval (on its edge included) is "similar"; below the interval
the council is "higher", above it "lower". With a polarity, higher-is-better turns
"higher" into "better" and "lower" into "worse", and lower-is-better the other way round.
No interval: "untested". Shown beside, never instead of, the council's own rating.
"""

from __future__ import annotations

from enum import StrEnum

from .types import Polarity


class Significance(StrEnum):
    BETTER = "better"
    SIMILAR = "similar"
    WORSE = "worse"
    HIGHER = "higher"
    LOWER = "lower"
    UNTESTED = "untested"


WORDS = {
    Significance.BETTER: "better",
    Significance.SIMILAR: "similar",
    Significance.WORSE: "worse",
    Significance.HIGHER: "higher",
    Significance.LOWER: "lower",
    Significance.UNTESTED: "not tested",
}


def significance(interval, benchmark, polarity):
    """`interval` the council's (indicators.rules.intervals.Interval or None), `benchmark`
    the comparator's figure; the verdict in the council's words (better/similar/worse, or
    higher/similar/lower without a polarity)."""
    if interval is None or benchmark is None:
        return Significance.UNTESTED
    figure = float(benchmark)
    if interval.lower <= figure <= interval.upper:
        return Significance.SIMILAR
    council_higher = figure < interval.lower
    polarity = Polarity(polarity or Polarity.NONE)
    if polarity == Polarity.HIGHER:
        return Significance.BETTER if council_higher else Significance.WORSE
    if polarity == Polarity.LOWER:
        return Significance.WORSE if council_higher else Significance.BETTER
    return Significance.HIGHER if council_higher else Significance.LOWER


def sentence(verdict, benchmark_name, level=95.0):
    """ "Statistically worse than England (95% confidence)": the words a member reads."""
    verdict = Significance(verdict)
    if verdict == Significance.UNTESTED:
        return f"Not tested against {benchmark_name}: no confidence interval"
    if verdict == Significance.SIMILAR:
        return f"Similar to {benchmark_name} ({level:g}% confidence)"
    return f"Statistically {WORDS[verdict]} than {benchmark_name} ({level:g}% confidence)"
