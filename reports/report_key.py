"""The report key printed with every dashboard, generated from the council's configured
rating scheme and comparator groups (not typed into a template)."""

from dataclasses import dataclass, field

from indicators.rules.types import SchemeKind

from .formatting import figure


@dataclass
class ReportKey:
    scheme_name: str = ""
    scheme_kind: str = ""
    rules: list[str] = field(default_factory=list)
    key_text: str = ""
    rated: list[str] = field(default_factory=list)
    groups: list[tuple[str, str, list[str]]] = field(default_factory=list)


def rule_sentences(kind, tolerance_percent):
    """The rule in plain words, from the scheme's kind and parameters."""
    tolerance = figure(tolerance_percent, 0 if tolerance_percent == int(tolerance_percent) else 1)
    if kind == SchemeKind.RELATIVE_TOLERANCE:
        return [
            "Green: the same as or better than the target or comparator.",
            f"Amber: worse, but within {tolerance}% of the comparator's value "
            "(a relative tolerance, not percentage points).",
            f"Red: worse by more than {tolerance}% of the comparator's value.",
        ]
    if kind == SchemeKind.ABSOLUTE_THRESHOLDS:
        return [
            "Each indicator has its own Red and Green tolerance, shown beside its target.",
            "Where higher is better: Red below the Red tolerance, Green at or above the "
            "Green tolerance, otherwise Amber. Where lower is better the rule is mirrored.",
        ]
    return [
        "Green: in line with the reference (high-performing authorities).",
        f"Amber: within {tolerance}% (not percentage points) of the reference.",
        f"Red: more than {tolerance}% worse than the reference.",
    ]


def report_key(scheme, groups, comparison_labels):
    key = ReportKey()
    if scheme is not None:
        key.scheme_name = scheme.name
        key.scheme_kind = scheme.get_kind_display()
        key.rules = rule_sentences(SchemeKind(scheme.kind), scheme.tolerance_percent)
        key.key_text = scheme.key_text
        key.rated = [comparison_labels.get(k, k) for k in scheme.rated_comparisons or []]
    for group in groups:  # reports.queries.KeyGroup
        if not group.members and group.owner_id is None:
            key.groups.append((group.name, group.description or group.kind, []))
        else:
            key.groups.append((group.name, group.model or group.kind, group.members))
    return key
