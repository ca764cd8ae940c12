from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import models
from django.db.models import Case, F, Q, When, Window
from django.db.models.functions import RowNumber
from simple_history.models import HistoricalRecords

from .choices import figure_field
from .workflow import SignedOff, SignedOffQuerySet, Workflow

# Units whose value is numerator / denominator times a scale.
FRACTION_SCALES = {"percent": 100, "rate_1000": 1000, "rate_10000": 10000, "rate_100000": 100000}


class ValueQuerySet(SignedOffQuerySet):
    def whole_authority(self):
        return self.filter(area__isnull=True)

    def begun_by(self, day):
        """Values whose period had begun by `day`: what a committee could report then."""
        return self.filter(period__start__lte=day)

    def latest_as_of(self, day=None):
        """Of each series (indicator, authority, area) here, the value a committee paper
        dated `day` shows: among the periods begun by then, the one ending last (on a tie,
        the one starting last). None means the latest of all. One query.

        A period counts once it has begun, not ended: Durham's Q1 2017/18 table (as at 30
        June 2017) shows the "2016/17 ac yr" figures, a year that ends in August 2017.
        A year to date spanning the same days as another period (April's, the first
        month's) gives way to it: the YTD is a column beside the month, not the figure."""
        values = self if day is None else self.begun_by(day)
        # A window rather than a correlated "newest pk" subquery: one pass over the
        # council's values however long each series is, on SQLite and PostgreSQL alike.
        # It ranks bare ids; the rows, with whatever the caller joins, are read after.
        newest = (
            values.order_by()
            .annotate(
                newest_first=Window(
                    RowNumber(),
                    partition_by=[F("indicator_id"), F("authority_id"), F("area_id")],
                    order_by=[
                        F("period__end").desc(),
                        F("period__start").desc(),
                        Case(When(period__kind="year_to_date", then=1), default=0),
                    ],
                )
            )
            .filter(newest_first=1)
            .values("pk")
        )
        return self.filter(pk__in=newest)

    def for_export(self):
        return self.select_related(
            "indicator",
            "indicator__rating_scheme",
            "authority",
            "authority__rating_scheme",
            "area",
            "period",
        ).order_by(
            "authority__name",
            "indicator__order",
            "indicator__ref",
            "area__order",
            "period__end",
            "period__start",
        )


class Value(SignedOff):
    """One figure for an indicator, an authority (or one of its sub-areas) and a period."""

    class Status(models.TextChoices):
        PROVISIONAL = "provisional", "Provisional"
        FINAL = "final", "Final"
        REVISED = "revised", "Revised"

    Workflow = Workflow

    indicator = models.ForeignKey(
        "indicators.Indicator", on_delete=models.PROTECT, related_name="values"
    )
    authority = models.ForeignKey(
        "indicators.Authority", on_delete=models.PROTECT, related_name="values"
    )
    area = models.ForeignKey(
        "indicators.SubArea",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="values",
        help_text="Blank for the whole authority.",
    )
    period = models.ForeignKey("indicators.Period", on_delete=models.PROTECT, related_name="values")
    value = figure_field("value")
    numerator = figure_field("numerator")
    denominator = figure_field("denominator")
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.FINAL)
    printed = models.CharField(
        max_length=60, blank=True, help_text="The figure exactly as the paper printed it."
    )
    suppressed = models.CharField(
        max_length=8,
        blank=True,
        help_text='The publisher\'s suppression marker ("c", "x", "z", "..", "low"): the figure '
        "is withheld, shown as the marker and never rated.",
    )
    # A 95% confidence interval published with the figure (OHID Fingertips' "Lower/Upper CI
    # 95.0 limit"): kept as supplied and preferred to one the portal would compute.
    lower_ci = figure_field(
        "lower 95% confidence limit", help_text="As supplied with the figure; blank if none."
    )
    upper_ci = figure_field(
        "upper 95% confidence limit", help_text="As supplied with the figure; blank if none."
    )
    ci_source = models.CharField(
        "interval supplied by",
        max_length=100,
        blank=True,
        help_text="Who worked out the supplied interval (OHID Fingertips).",
    )
    printed_period_label = models.CharField(
        max_length=80, blank=True, help_text="The period as printed, when it differs from ours."
    )
    note = models.TextField(blank=True)
    published_quirk = models.TextField(
        blank=True,
        help_text="A published inconsistency kept as printed; shown wherever the value appears.",
    )
    source = models.CharField(max_length=300, blank=True)
    earlier_value = figure_field(
        "earlier figure",
        help_text="The figure as first approved, kept when an approved value is revised.",
    )

    objects = ValueQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "authority", "period"],
                condition=Q(area__isnull=True, revises__isnull=True),
                name="unique_value_for_authority",
            ),
            models.UniqueConstraint(
                fields=["indicator", "authority", "area", "period"],
                condition=Q(area__isnull=False, revises__isnull=True),
                name="unique_value_for_area",
            ),
        ]
        indexes = [
            models.Index(fields=["authority", "indicator", "period"]),
            # A dashboard's earlier values: one council, a handful of periods. Without it
            # PostgreSQL intersects the council's and the periods' indexes (every
            # council's values for those periods) at national scale.
            models.Index(fields=["authority", "period"]),
            # Ranks (indicators/ranks.py) read every council's figure for a dashboard's
            # national measures, some 22,000 rows: covering them lets PostgreSQL answer from
            # the index alone. SQLite has no INCLUDE and keeps a plain partial index.
            models.Index(
                fields=["period", "indicator"],
                include=["authority", "value", "workflow"],
                condition=Q(area__isnull=True),
                name="value_whole_council_figures",
            ),
        ]

    def __str__(self):
        where = self.area.name if self.area_id else self.authority
        return f"{self.indicator.ref} {where} {self.period}: {self.printed or self.value}"

    @property
    def period_label(self):
        return self.printed_period_label or self.period.label

    def revised_from(self, published):
        """A correction to a published figure keeps the figure first approved and is
        labelled revised wherever it appears."""
        if any(
            getattr(self, name) != getattr(published, name)
            for name in ("value", "numerator", "denominator")
        ):
            if self.earlier_value is None:
                self.earlier_value = (
                    published.earlier_value
                    if published.earlier_value is not None
                    else published.value
                )
            if self.status == self.Status.FINAL:
                self.status = self.Status.REVISED

    def clean(self):
        errors = {}
        indicator = _existing(self, "indicator")
        area = _existing(self, "area")
        if indicator and indicator.authority_id and self.authority_id:
            if indicator.authority_id != self.authority_id:
                errors["indicator"] = (
                    f"Indicator {indicator.ref} belongs to {indicator.authority}, "
                    f"not {self.authority}."
                )
        if area and self.authority_id and area.authority_id != self.authority_id:
            errors["area"] = f"{area.name} is not part of {self.authority}."
        if indicator:
            errors.update(self._figure_errors(indicator))
        if errors:
            raise ValidationError(errors)

    def _figure_errors(self, indicator):
        errors = {}
        unit = indicator.unit
        if self.value is not None and not self.published_quirk:
            if unit == "percent" and not indicator.allows_over_100 and not 0 <= self.value <= 100:
                errors["value"] = (
                    f"{self.value} is not a percentage between 0 and 100 "
                    f"({indicator.ref} is a percentage indicator)."
                )
            if unit in ("count", "rate_1000", "rate_10000", "rate_100000") and self.value < 0:
                errors["value"] = f"A {indicator.get_unit_display().lower()} cannot be negative."
        for field in ("numerator", "denominator"):
            figure = getattr(self, field)
            if figure is not None and figure < 0:
                errors[field] = f"The {field} cannot be negative."
        errors.update(self._interval_errors())
        if self.numerator is not None and self.denominator is not None:
            # A share or a rate counts some of its population: never more than all of it.
            if (
                self.numerator > self.denominator
                and unit in FRACTION_SCALES
                and not (indicator.allows_over_100 or self.published_quirk)
            ):
                errors["numerator"] = (
                    f"The numerator ({self.numerator}) is larger than the denominator "
                    f"({self.denominator})."
                )
            elif "numerator" not in errors and not self.published_quirk:
                # An import keeps a published figure and warns instead (officers/imports).
                mismatch = self.fraction_mismatch(indicator)
                if mismatch and not getattr(self, "mismatch_is_warning", False):
                    errors["value"] = mismatch
        return errors

    def _interval_errors(self):
        lower, upper = self.lower_ci, self.upper_ci
        if (lower is None) != (upper is None):
            missing = "upper_ci" if upper is None else "lower_ci"
            return {missing: "A supplied confidence interval needs both its limits."}
        if lower is not None and lower > upper:
            return {"lower_ci": f"The lower limit ({lower}) is above the upper ({upper})."}
        return {}

    def fraction_mismatch(self, indicator=None):
        """Why the figure is not numerator / denominator at the precision it was given
        (`published_places`, set by an import from the figure as written: the DfE prints
        845 / 98,914 per 10,000 as 85), else at the indicator's; None when it is."""
        indicator = indicator or self.indicator
        places = min(
            indicator.decimal_places, getattr(self, "published_places", indicator.decimal_places)
        )
        expected = self.expected_from_fraction(indicator, places)
        printed = _half_up(self.value, places)
        if expected is None or printed is None or expected == printed:
            return None
        return (
            f"{self.value} does not match numerator {self.numerator} / denominator "
            f"{self.denominator} = {expected} at {places} decimal places."
        )

    def expected_from_fraction(self, indicator=None, places=None):
        """numerator / denominator in the indicator's unit, rounded half up as the councils do
        (Norfolk prints 9/144 as 6.3%)."""
        indicator = indicator or self.indicator
        if indicator.unit not in FRACTION_SCALES or not self.denominator:
            return None
        scale = FRACTION_SCALES[indicator.unit]
        exact = Decimal(self.numerator) / Decimal(self.denominator) * scale
        return _half_up(exact, indicator.decimal_places if places is None else places)


def _existing(instance, field):
    """The related object, or None when unset or unknown (clean_fields reports unknown ids)."""
    try:
        return getattr(instance, field)
    except ObjectDoesNotExist:
        return None


def _half_up(figure, places):
    if figure is None:
        return None
    return Decimal(figure).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
