"""Where a council stands among others on a national indicator: its rank and quartile in
England (every council with a published figure for the period), its region and its
statistical neighbours, with each neighbour's figure (LG Inform style). The rule is
indicators.rules.ranking (competition ranking, quartiles from four councils up).

ranks_for(values) reads everything in two queries, however many indicators: the groups with
their members' names, and every council's figure. England's rank is counted, not listed:
the indicator page lists the region's and the neighbours', and sorting 150 councils for
each of 150 measures was a third of a dashboard's time.
"""

from dataclasses import dataclass

from django.db.models import Q

from indicators.models import ComparatorGroup, ComparisonKind, Value
from indicators.rules.ranking import Rank, quartile, rank_from_counts, rank_in_group

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


def ranks_for(values):
    """{value pk: {kind: GroupRank}} for the whole-council values of national indicators
    (no owning council) among `values`; others get nothing. Two queries at most."""
    ranked = [
        v
        for v in values
        if v.indicator.authority_id is None and v.area_id is None and v.value is not None
    ]
    if not ranked:
        return {}
    councils = {v.authority_id for v in ranked}
    # The groups, their members and the names of all of them in one query (a group without
    # members too: it is a council's group of its kind as much as one with members).
    relevant = ComparatorGroup.objects.filter(
        Q(kind=ComparisonKind.REGIONAL, owner__isnull=True, members__in=councils)
        | Q(kind=ComparisonKind.STATISTICAL_NEIGHBOURS, owner__in=councils)
    )
    groups, members, names = {}, {}, {}
    for group_id, kind, name, owner_id, owner_name, authority_id, authority_name in (
        ComparatorGroup.objects.filter(pk__in=relevant.values("pk"))
        # The groups' own order (kind, name): a council in two regions is ranked in the first.
        .order_by("kind", "name", "pk")
        .values_list("pk", "kind", "name", "owner_id", "owner__name", "members", "members__name")
    ):
        groups.setdefault(group_id, (kind, name, owner_id))
        inside = members.setdefault(group_id, set())
        if authority_id is not None:
            inside.add(authority_id)
            names[authority_id] = authority_name
        if owner_id is not None:
            names[owner_id] = owner_name
    # Every council's figure (England): ids and numbers only, the names of the few listed
    # came with the groups.
    figures = {}
    for indicator_id, period_id, authority_id, figure in (
        Value.objects.published()
        .whole_authority()
        .filter(
            indicator_id__in={v.indicator_id for v in ranked},
            period_id__in={v.period_id for v in ranked},
            value__isnull=False,
        )
        .values_list("indicator_id", "period_id", "authority_id", "value")
    ):
        figures.setdefault((indicator_id, period_id), {})[authority_id] = figure
    result = {}
    for v in ranked:
        result[v.pk] = found = {}
        peers = figures.get((v.indicator_id, v.period_id), {})
        england = _england(v, peers)
        if england is not None:
            found[ComparisonKind.NATIONAL] = england
        within = {}
        for group_id, (kind, name, owner_id) in groups.items():
            inside = members[group_id]
            if kind == ComparisonKind.REGIONAL and v.authority_id in inside:
                within.setdefault(ComparisonKind.REGIONAL, (name, inside))
            elif (
                kind == ComparisonKind.STATISTICAL_NEIGHBOURS
                and owner_id == v.authority_id
                # A council may own an empty neighbours group beside the one with its
                # neighbours (Norfolk's "Statistical neighbour average"): rank in the latter.
                and inside
            ):
                within.setdefault(ComparisonKind.STATISTICAL_NEIGHBOURS, (name, inside))
        for kind, (name, ids) in within.items():
            ids = (ids | {v.authority_id}) & peers.keys()
            group_rank = _rank(v, kind, name, {i: (names[i], peers[i]) for i in ids})
            if group_rank is not None:
                found[kind] = group_rank
    return result


def _england(value, peers):
    """The rank among every council with a figure, counted rather than listed: 150
    councils a measure, a list no page shows."""
    if value.authority_id not in peers:
        return None
    own = value.value
    lower = equal = 0
    for figure in peers.values():
        if figure < own:
            lower += 1
        elif figure == own:
            equal += 1
    if not equal:  # as rank_in_group: the council's own figure is among the group's
        raise ValueError(f"{own} is not among the group's values")
    rank = rank_from_counts(lower, equal, len(peers), value.indicator.polarity)
    if rank is None or rank.size < 2:
        return None
    return GroupRank(ComparisonKind.NATIONAL, "England", rank, quartile(rank))


def _rank(value, kind, name, peers):
    rank = rank_in_group(value.value, [f for _, f in peers.values()], value.indicator.polarity)
    if rank is None or rank.size < 2:
        return None
    reverse = value.indicator.polarity == "higher"
    listed = sorted(
        ((n, f, i == value.authority_id) for i, (n, f) in peers.items()),
        key=lambda p: (-p[1] if reverse else p[1], p[0]),
    )
    return GroupRank(kind, name, rank, quartile(rank), tuple(listed))
