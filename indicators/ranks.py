"""Where a council stands among others on a national indicator: its rank and quartile in
England (every council with a published figure for the period), its region and its
statistical neighbours, with each neighbour's figure (LG Inform style). The rule is
indicators.rules.ranking (competition ranking, quartiles from four councils up).

ranks_for(values) counts every rank in one query, however many indicators: England's rank
needs only how many councils are below the council, level with it and in all, and the
region's and neighbours' the same among their members, so the database counts them rather
than sending every council's figure (22,000 rows for a dashboard's 150 measures, a third of
its time when read and counted here). The groups come from the comparisons' loader, which
reads them anyway.
"""

from dataclasses import dataclass

from django.db import connection

from indicators.comparisons.load import council_groups
from indicators.models import ComparisonKind, Value
from indicators.models.workflow import Workflow
from indicators.rules.ranking import Rank, quartile, rank_from_counts, rank_in_group
from indicators.rules.types import Polarity

RANKED_KINDS = (
    ComparisonKind.NATIONAL,
    ComparisonKind.REGIONAL,
    ComparisonKind.STATISTICAL_NEIGHBOURS,
)


@dataclass(frozen=True)
class GroupRank:
    kind: str
    name: str  # "England", "North East", "Durham's statistical neighbours"
    rank: Rank
    quartile: int | None
    # ((council name, figure, is the council itself), ...) best first; England's is not
    # listed (150 councils: the indicator page lists the region's and the neighbours').
    peers: tuple = ()

    @property
    def text(self):
        """ "3rd of 12, quartile 1" (no quartile in a group under four)."""
        words = f"{self.rank.ordinal} of {self.rank.size}"
        return f"{words}, quartile {self.quartile}" if self.quartile else words


def ranks_for(values, peers=False, groups=None):
    """{value pk: {kind: GroupRank}} for the published whole-council values of national
    indicators (no owning council) among `values`; others get nothing (a draft is ranked
    once published, among published figures). One query for one council's values; with
    `peers` (the indicator page lists them) or several councils, two: the members' figures
    are read and ranked here rather than counted by the database. groups: the councils'
    comparator groups (comparisons.load.council_groups) where the caller has them, as a
    ComparisonFinder's sources do; else two more queries read them."""
    ranked = [
        v
        for v in values
        if v.indicator.authority_id is None
        and v.area_id is None
        and v.value is not None
        and v.workflow == Workflow.APPROVED
        # A measure with no better direction has no rank (rules.ranking): nothing to count.
        and v.indicator.polarity != Polarity.NONE
    ]
    if not ranked:
        return {}
    councils = {v.authority_id for v in ranked}
    groups, _, members = groups or council_groups(councils)
    within = {c: _within(c, groups, members) for c in councils}
    names = {i: name for inside in members.values() for i, name in inside.items()}
    names |= {g.owner_id: g.owner.name for g in groups.values() if g.owner_id in councils}
    listed = peers or len(councils) > 1
    counts = _counts(ranked, {} if listed else within[next(iter(councils))])
    figures = _member_figures(ranked, names) if listed else {}
    result = {}
    for v in ranked:
        counted = counts.get(v.pk, {})
        found = {}
        national = _counted_rank(
            v, ComparisonKind.NATIONAL, "England", counted.get(ComparisonKind.NATIONAL)
        )
        if national is not None:
            found[ComparisonKind.NATIONAL] = national
        for kind, (name, inside) in within[v.authority_id].items():
            if listed:
                figures_here = figures.get((v.indicator_id, v.period_id), {})
                among = {
                    i: figures_here[i] for i in (inside | {v.authority_id}) & figures_here.keys()
                }
                group_rank = _listed_rank(v, kind, name, among)
            else:
                group_rank = _counted_rank(v, kind, name, counted.get(kind))
            if group_rank is not None:
                found[kind] = group_rank
        result[v.pk] = found
    return result


def _counted_rank(value, kind, name, counts):
    """counts: (below, level, in all), the council's own figure among the level ones."""
    if not counts or not counts[1]:
        return None
    rank = rank_from_counts(*counts, value.indicator.polarity)
    if rank is None or rank.size < 2:
        return None
    return GroupRank(kind, name, rank, quartile(rank))


def _counts(ranked, within):
    """{value pk: {kind: (below, level, in all)}}: how many published figures for the same
    measure and period are below the value, level with it (itself included) and in all, in
    England and in each group of `within` ({kind: (name, member ids)}, one council's).
    One query, counted by the database over the covering index (value_whole_council_figures).

    Written as SQL: as nine filtered Counts over a FilteredRelation, Django took 3 ms to
    write the query, a third of the time the database takes to answer it (benchmark.py)."""
    council = ranked[0].authority_id
    among = {ComparisonKind.NATIONAL: []} | {
        kind: sorted(inside | {council}) for kind, (_, inside) in within.items()
    }
    columns, params = [], []
    for ids in among.values():
        member = f"peer.authority_id IN ({', '.join(['%s'] * len(ids))}) AND " if ids else ""
        for test in ("peer.value < own.value", "peer.value = own.value", "TRUE"):
            columns.append(f"COUNT(*) FILTER (WHERE {member}{test})")
            params += ids
    pks = [v.pk for v in ranked]
    periods = sorted({v.period_id for v in ranked})
    table = Value._meta.db_table
    sql = (
        f"SELECT own.id, {', '.join(columns)} FROM {table} own JOIN {table} peer"
        " ON peer.period_id = own.period_id AND peer.indicator_id = own.indicator_id"
        # The periods again as a list: PostgreSQL then reads only their part of the index.
        f" AND peer.period_id IN ({', '.join(['%s'] * len(periods))})"
        # Published whole-council figures: published() and whole_authority().
        " AND peer.workflow = %s AND peer.area_id IS NULL AND peer.value IS NOT NULL"
        f" WHERE own.id IN ({', '.join(['%s'] * len(pks))}) GROUP BY own.id"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, *periods, Workflow.APPROVED, *pks])
        rows = cursor.fetchall()
    return {
        pk: {kind: tuple(counts[3 * i : 3 * i + 3]) for i, kind in enumerate(among)}
        for pk, *counts in rows
    }


def _member_figures(ranked, names):
    """{(indicator, period): {council: (name, figure)}} for the councils of the groups (a
    region and some neighbours: a few dozen), the councils' own among them. One query."""
    figures = {}
    for indicator_id, period_id, authority_id, figure in (
        Value.objects.published()
        .whole_authority()
        .filter(
            indicator_id__in={v.indicator_id for v in ranked},
            period_id__in={v.period_id for v in ranked},
            authority_id__in=names.keys(),
            value__isnull=False,
        )
        .values_list("indicator_id", "period_id", "authority_id", "value")
    ):
        figures.setdefault((indicator_id, period_id), {})[authority_id] = (
            names[authority_id],
            figure,
        )
    return figures


def _within(council, groups, members):
    """{kind: (group name, member ids)}: the council's region and its neighbours, the first
    of each in the groups' own order (kind, name)."""
    within = {}
    for group in groups.values():
        inside = members[group.pk].keys()
        if group.kind == ComparisonKind.REGIONAL and group.owner_id is None and council in inside:
            within.setdefault(ComparisonKind.REGIONAL, (group.name, set(inside)))
        elif (
            group.kind == ComparisonKind.STATISTICAL_NEIGHBOURS
            and group.owner_id == council
            # A council may own an empty neighbours group beside the one with its
            # neighbours (Norfolk's "Statistical neighbour average"): rank in the latter.
            and inside
        ):
            within.setdefault(ComparisonKind.STATISTICAL_NEIGHBOURS, (group.name, set(inside)))
    return within


def _listed_rank(value, kind, name, peers):
    """peers: {council: (name, figure)}, the council's own among them."""
    rank = rank_in_group(value.value, [f for _, f in peers.values()], value.indicator.polarity)
    if rank is None or rank.size < 2:
        return None
    reverse = value.indicator.polarity == "higher"
    listed = sorted(
        ((n, f, i == value.authority_id) for i, (n, f) in peers.items()),
        key=lambda p: (-p[1] if reverse else p[1], p[0]),
    )
    return GroupRank(kind, name, rank, quartile(rank), tuple(listed))
