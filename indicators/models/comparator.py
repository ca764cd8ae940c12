from django.db import models
from django.db.models import Q

from .choices import COMPARATOR_GROUP_KIND_CHOICES, ComparisonKind

# Groups every council is compared with, without listing members.
EVERY_COUNCIL_KINDS = (ComparisonKind.NATIONAL, ComparisonKind.NATIONAL_TOP_QUARTILE)


class ComparatorGroupQuerySet(models.QuerySet):
    def relevant_to(self, authority):
        """England and the national top quartile for everyone; its own neighbour groups
        (Durham's CIPFA neighbours do not include Durham); a region or other shared group
        it belongs to. Not another council's neighbour group that lists it: Barnsley's
        neighbours are not Durham's comparators."""
        return self.filter(
            Q(kind__in=EVERY_COUNCIL_KINDS)
            | Q(owner=authority)
            | Q(members=authority, owner__isnull=True)
        ).distinct()


class ComparatorGroup(models.Model):
    """A benchmark group: England, a region, statistical neighbours, best neighbour, ..."""

    name = models.CharField(max_length=120)
    slug = models.SlugField(max_length=120, unique=True)
    kind = models.CharField(max_length=40, choices=COMPARATOR_GROUP_KIND_CHOICES)
    model = models.CharField(
        max_length=120,
        blank=True,
        help_text="How membership was chosen, e.g. CIPFA nearest neighbours.",
    )
    ons_code = models.CharField(
        "ONS code",
        max_length=9,
        blank=True,
        help_text="E92000001 for England, E12... for a region: how official statistics name it.",
    )
    vintage = models.CharField(max_length=40, blank=True, help_text="Which edition of the model.")
    owner = models.ForeignKey(
        "indicators.Authority",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="own_comparator_groups",
        help_text="The council whose neighbours these are "
        "(blank for national and regional groups).",
    )
    members = models.ManyToManyField(
        "indicators.Authority", blank=True, related_name="comparator_groups"
    )
    marker = models.CharField(
        max_length=4,
        blank=True,
        help_text='Printed after a value from this group: Durham prints "*" for North East, '
        '"**" for nearest neighbours.',
    )
    description = models.TextField(blank=True)

    objects = ComparatorGroupQuerySet.as_manager()

    class Meta:
        ordering = ["kind", "name"]

    def __str__(self):
        return self.name
