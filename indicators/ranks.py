"""Where a council stands among others on a national indicator: its rank and quartile in
England (every council with a published figure for the period), its region and its
statistical neighbours, with each neighbour's figure (LG Inform style). The rule is
indicators.rules.ranking (competition ranking, quartiles from four councils up).

ranks_for(values) reads everything in three queries, however many indicators: the peers'
figures and the groups' memberships, for every national value at once.
"""

from dataclasses import dataclass

from django.db.models import Q

from indicators.models import ComparatorGroup, ComparisonKind, Value
from indicators.rules.ranking import Rank, quartile, rank_in_group

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
    peers: tuple  # ((council name, figure, is the council itself), ...) best first

    @property
    def text(self):
        """ "3rd of 12, quartile 1" (no quartile in a group under four)."""
        words = f"{self.rank.ordinal} of {self.rank.size}"
        return f"{words}, quartile {self.quartile}" if self.quartile else words


def ranks_for(values):
    """{value pk: {kind: GroupRank}} for the whole-council values of national indicators
    (no owning council) among `values`; others get nothing. Three queries at most."""
    ranked = [
        v
        for v in values
        if v.indicator.authority_id is None and v.area_id is None and v.value is not None
    ]
    if not ranked:
        return {}
    figures = {}
    for indicator_id, period_id, authority_id, name, figure in (
        Value.objects.published()
        .whole_authority()
        .filter(
            indicator_id__in={v.indicator_id for v in ranked},
            period_id__in={v.period_id for v in ranked},
            value__isnull=False,
        )
        .values_list("indicator_id", "period_id", "authority_id", "authority__name", "value")
    ):
        figures.setdefault((indicator_id, period_id), {})[authority_id] = (name, figure)
    councils = {v.authority_id for v in ranked}
    groups = {
        g.pk: g
        for g in ComparatorGroup.objects.filter(
            Q(kind=ComparisonKind.REGIONAL, owner__isnull=True, members__in=councils)
            | Q(kind=ComparisonKind.STATISTICAL_NEIGHBOURS, owner__in=councils)
        ).distinct()
    }
    members = {}
    for group_id, authority_id in ComparatorGroup.members.through.objects.filter(
        comparatorgroup_id__in=list(groups)
    ).values_list("comparatorgroup_id", "authority_id"):
        members.setdefault(group_id, set()).add(authority_id)
    result = {}
    for v in ranked:
        peers = figures.get((v.indicator_id, v.period_id), {})
        found = {ComparisonKind.NATIONAL: ("England", set(peers))}
        for g in groups.values():
            inside = members.get(g.pk, set())
            if g.kind == ComparisonKind.REGIONAL and v.authority_id in inside:
                found.setdefault(ComparisonKind.REGIONAL, (g.name, inside))
            elif g.kind == ComparisonKind.STATISTICAL_NEIGHBOURS and g.owner_id == v.authority_id:
                found.setdefault(ComparisonKind.STATISTICAL_NEIGHBOURS, (g.name, inside))
        result[v.pk] = {}
        for kind, (name, ids) in found.items():
            ids = (set(ids) | {v.authority_id}) & set(peers)
            group_rank = _rank(v, kind, name, {i: peers[i] for i in ids})
            if group_rank is not None:
                result[v.pk][kind] = group_rank
    return result


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
