"""One committee pack per meeting: a cover (committee, meeting date), the summary table,
the report cards of the exceptions officers chose, and the report key."""

from dataclasses import dataclass, field

from indicators.models import ExceptionReport
from indicators.rules.types import SchemeKind
from reports.report_cards import report_cards
from reports.report_key import rule_sentences

from .layout import committee_table

# Called as hook(authority, period_end) -> (sections before the table, appendices): apps
# above reports add to the pack here (meetings: "Since the last meeting" and the responses
# to the committee's questions) without reports importing them.
PACK_HOOKS = []


@dataclass
class PackEntry:
    heading: str
    lines: list[str]


@dataclass
class PackSection:
    title: str
    intro: str
    entries: list[PackEntry]


@dataclass
class KeySection:
    name: str
    rules: list[str]
    key_text: str


@dataclass
class CommitteePack:
    authority: object
    period_end: object
    period_label: str
    committee: str
    meeting_date: object
    table: object
    cards: list
    chosen: bool  # officers have saved their choice of exceptions for this period
    key: list[KeySection] = field(default_factory=list)
    before: list[PackSection] = field(default_factory=list)  # first, after the cover
    appendices: list[PackSection] = field(default_factory=list)  # last, after the key

    @property
    def title(self):
        return f"{self.authority.name}: performance report, {self.period_label}"


def committee_pack(authority, period_end, period_label, theme=None):
    report = ExceptionReport.objects.for_period(authority, period_end)
    chosen = [(c.indicator, c.reasons) for c in report.chosen.all()] if report else []
    cards = report_cards(authority, period_end, chosen)
    schemes = []
    for scheme in [authority.rating_scheme, *(card.scheme for card in cards)]:
        if scheme is not None and scheme not in schemes:
            schemes.append(scheme)
    before, appendices = [], []
    for hook in PACK_HOOKS:
        first, last = hook(authority, period_end)
        before += first
        appendices += last
    return CommitteePack(
        before=before,
        appendices=appendices,
        authority=authority,
        period_end=period_end,
        period_label=period_label,
        committee=(report.committee if report else "") or authority.committee,
        meeting_date=report.meeting_date if report else None,
        table=committee_table(authority, period_end, period_label, theme),
        cards=cards,
        chosen=report is not None,
        key=[
            KeySection(s.name, rule_sentences(SchemeKind(s.kind), s.tolerance_percent), s.key_text)
            for s in schemes
        ],
    )


def pack_filename(authority, period_label, fmt):
    period = period_label.replace(" ", "").replace("/", "-")
    return f"{authority.slug}-committee-pack-{period}.{fmt}"
