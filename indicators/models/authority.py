from django.db import models


class Authority(models.Model):
    """A council (local authority); also the councils that only appear as comparators."""

    class Kind(models.TextChoices):
        COUNTY = "county", "County council"
        UNITARY = "unitary", "Unitary authority"
        METROPOLITAN = "metropolitan", "Metropolitan borough"
        LONDON = "london", "London borough"
        OTHER = "other", "Other"

    name = models.CharField(max_length=120, unique=True)
    slug = models.SlugField(max_length=120, unique=True)
    ons_code = models.CharField("ONS code", max_length=9, blank=True)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.OTHER)
    region = models.CharField(max_length=60, blank=True)
    reports_to_portal = models.BooleanField(
        default=False,
        help_text="Publishes its own performance here (not only a member of comparator groups).",
    )
    rating_scheme = models.ForeignKey(
        "indicators.RatingScheme",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The rating scheme used unless an indicator names its own.",
    )
    committee = models.CharField(
        max_length=200, blank=True, help_text="The committee that scrutinises these indicators."
    )

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "authorities"

    def __str__(self):
        return self.name


class SubArea(models.Model):
    """Part of an authority that is rated on its own (Norfolk's six localities)."""

    authority = models.ForeignKey(Authority, on_delete=models.CASCADE, related_name="sub_areas")
    name = models.CharField(max_length=80)
    slug = models.SlugField(max_length=80)
    aliases = models.JSONField(
        default=list,
        blank=True,
        help_text='Other names the papers use, e.g. "Great Yarmouth" for Yarmouth.',
    )
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["authority", "order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["authority", "slug"], name="unique_sub_area_slug")
        ]

    def __str__(self):
        return f"{self.name} ({self.authority})"
