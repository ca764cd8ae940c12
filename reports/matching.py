"""Indicators the councils each define under their own references, matched so members can
compare councils on one measure: by a national code (Indicator.national_code, a DfE or
OHID indicator id) or, where a measure has none, by an editable "same as" link from one
council's indicator to another's (Indicator.same_as). Both are set in the admin; nothing
here guesses from names, so a new council's indicators match once they carry the code.
"""

from dataclasses import dataclass, field

from django.db.models import Q
from django.utils.text import slugify

from indicators.models import Indicator


@dataclass
class Match:
    key: str  # in the page's address: the code ("cla-rate") or "linked-<id>"
    title: str
    indicators: dict = field(default_factory=dict)  # {authority id: its indicator}


def _key(indicator):
    if indicator.national_code:
        return slugify(indicator.national_code)
    return f"linked-{indicator.same_as_id or indicator.pk}"


def find_matches(councils):
    """Every matched measure (a national code, or indicators linked "same as"), in title
    order. One query."""
    candidates = (
        Indicator.objects.filter(authority__in=councils)
        .filter(~Q(national_code="") | Q(same_as__isnull=False) | Q(matched__isnull=False))
        .distinct()
        .order_by("authority__name", "order", "ref")
    )
    found = {}
    for indicator in candidates:
        key = _key(indicator)
        match = found.setdefault(key, Match(key, indicator.name))
        # A council's first indicator (in its own order) with the code stands for it.
        match.indicators.setdefault(indicator.authority_id, indicator)
        if key == f"linked-{indicator.pk}":
            match.title = indicator.name  # the indicator the others link to names it
    matches = list(found.values())
    for match in matches:
        code = next((i.national_code for i in match.indicators.values() if i.national_code), "")
        if code:
            match.title = f"{match.title} ({code})"
    return sorted(matches, key=lambda m: m.title.lower())
