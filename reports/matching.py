"""Indicators the councils each define under their own references, matched by name so
members can compare councils on one measure. A small hand-made mapping: extend it when a
council's set changes."""

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Match:
    key: str
    title: str
    # Every pattern must match the indicator's name (case-insensitive regular expressions).
    patterns: tuple[str, ...]


MATCHES = (
    Match(
        "looked-after-children-rate",
        "Rate of looked after children per 10,000 children",
        (r"looked[\s-]*after|\blac\b|children in care", r"\brate\b", r"10,?000|10k"),
    ),
    Match(
        "child-protection-plan-rate",
        "Rate of children subject to a child protection plan per 10,000 children",
        (r"subject to (a )?(child protection|cp) plans?", r"\brate\b", r"10,?000|10k"),
    ),
    Match(
        "care-leavers-eet",
        "Care leavers in education, employment or training",
        (r"care leavers", r"education, employment|\beet\b"),
    ),
    Match(
        "single-assessments-timeliness",
        "Single assessments completed within 45 working days",
        (r"assessments?", r"(within|in) 45 (working days|wd)"),
    ),
)
BY_KEY = {m.key: m for m in MATCHES}


def matches(match, name):
    return all(re.search(p, name, re.IGNORECASE) for p in match.patterns)


def matched_indicators(match, indicators):
    """{authority id: the first of its indicators (in its own order) that matches}."""
    found = {}
    for indicator in indicators:
        if indicator.authority_id not in found and matches(match, indicator.name):
            found[indicator.authority_id] = indicator
    return found
