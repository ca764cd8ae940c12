from django.db import models
from django.db.models import Q

from .choices import COMPARATOR_GROUP_KIND_CHOICES, ComparisonKind


class ComparatorGroupQuerySet(models.QuerySet):
    def relevant_to(self, authority):
        """England for everyone; a region or other group the authority belongs to; its own
        neighbour groups (Durham's CIPFA neighbours do not include Durham)."""
        return self.filter(
            Q(kind=ComparisonKind.NATIONAL) | Q(owner=authority) | Q(members=authority)
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
