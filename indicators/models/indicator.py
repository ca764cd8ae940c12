from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from indicators.rules.rating import check_thresholds
from indicators.rules.year_to_date import YearToDateMethod

from .choices import POLARITY_CHOICES, figure_field
from .workflow import SignedOff


class Theme(models.Model):
    """How a council groups its indicators: Durham's "Altogether" themes, Norfolk's areas."""

    authority = models.ForeignKey(
        "indicators.Authority", on_delete=models.CASCADE, related_name="themes"
    )
    name = models.CharField(max_length=200)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["authority", "order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["authority", "name"], name="unique_theme_name")
        ]

    def __str__(self):
        return self.name


class KeyQuestion(models.Model):
    """Durham's key performance questions: numbered per theme in Appendix 3 and globally
    (1-23) in the report body, sometimes with different wording."""

    theme = models.ForeignKey(Theme, on_delete=models.CASCADE, related_name="key_questions")
    number = models.PositiveSmallIntegerField(help_text="Number within the theme (Appendix 3).")
    global_number = models.PositiveSmallIntegerField(null=True, blank=True)
    text = models.TextField(help_text="Wording as Appendix 3 prints it.")
    body_text = models.TextField(blank=True, help_text="Wording in the report body, if different.")

    class Meta:
        ordering = ["theme", "number"]
        constraints = [
            models.UniqueConstraint(fields=["theme", "number"], name="unique_key_question_number")
        ]

    def __str__(self):
        return f"{self.number}. {self.text}"


class IndicatorQuerySet(models.QuerySet):
    def next_table_ref(self, authority):
        """The row number after the council's highest numbered row ("1" for the first)."""
        refs = self.filter(authority=authority).values_list("table_ref", flat=True)
        numbers = [int(r) for r in refs if r and r.isdigit()]
        return str(max(numbers, default=0) + 1)


class Indicator(models.Model):
    class Unit(models.TextChoices):
        PERCENT = "percent", "Percentage"
        RATE_1000 = "rate_1000", "Rate per 1,000"
        RATE_10000 = "rate_10000", "Rate per 10,000"
        RATE_100000 = "rate_100000", "Rate per 100,000"
        COUNT = "count", "Count"
        SCORE = "score", "Score"
        DAYS = "days", "Days"
        AVERAGE = "average", "Average"
        MAXIMUM = "maximum", "Maximum"
        JUDGEMENT = "judgement", "Judgement (text)"
        POUNDS = "pounds", "Money (£)"
        POUNDS_000 = "pounds_000", "Money (£000)"

    class Frequency(models.TextChoices):
        MONTHLY = "monthly", "Monthly"
        QUARTERLY = "quarterly", "Quarterly"
        TERMLY = "termly", "Termly"
        ANNUAL = "annual", "Annual"
        OCCASIONAL = "occasional", "Occasional"

    FREQUENCY_MONTHS = {"monthly": 1, "quarterly": 3, "termly": 4, "annual": 12}

    authority = models.ForeignKey(
        "indicators.Authority",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="indicators",
        help_text="The council whose indicator set this belongs to; blank for a national measure.",
    )
    ref = models.CharField("reference", max_length=40, help_text="e.g. CYP S24, AHS3, 6.10b")
    aliases = models.JSONField(
        default=list, blank=True, help_text='Other references printed for it, e.g. "ASH6".'
    )
    name = models.CharField(max_length=400)
    definition = models.TextField(blank=True)
    theme = models.ForeignKey(
        Theme, null=True, blank=True, on_delete=models.SET_NULL, related_name="indicators"
    )
    key_question = models.ForeignKey(
        KeyQuestion, null=True, blank=True, on_delete=models.SET_NULL, related_name="indicators"
    )
    polarity = models.CharField(max_length=10, choices=POLARITY_CHOICES)
    unit = models.CharField(max_length=20, choices=Unit.choices)
    decimal_places = models.PositiveSmallIntegerField(default=1)
    frequency = models.CharField(max_length=20, choices=Frequency.choices)
    rating_scheme = models.ForeignKey(
        "indicators.RatingScheme",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="indicators",
        help_text="Leave blank to use the authority's scheme.",
    )
    allows_over_100 = models.BooleanField(
        "percentages may exceed 100",
        default=False,
        help_text="Norfolk's Early Help allocations can exceed 100% (MI footnote 1).",
    )
    data_note = models.CharField(
        max_length=60,
        blank=True,
        help_text='How the figure is counted, as the council\'s table prints it: "Count", '
        '"Percentage", "Rolling 12".',
    )
    year_to_date = models.CharField(
        "year to date",
        max_length=10,
        choices=[(m.value, m.value.capitalize()) for m in YearToDateMethod],
        default=YearToDateMethod.NONE.value,
        help_text="How the financial year to date is worked out from the monthly values "
        "where none is stored: sum (in-month counts), mean, latest (rolling measures), or "
        "none (only stored year-to-date values show).",
    )
    source = models.CharField(max_length=300, blank=True)
    footnote = models.TextField(blank=True)
    published_quirk = models.TextField(
        blank=True, help_text="A published inconsistency in how the paper names or defines it."
    )
    national_code = models.CharField(
        max_length=40,
        blank=True,
        db_index=True,
        help_text="The measure's national code (a DfE or OHID indicator id, e.g. 'CLA-RATE'): "
        "councils' indicators with the same code are compared with each other.",
    )
    same_as = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="matched",
        verbose_name="same measure as",
        help_text="Another council's indicator measuring the same thing, where there is no "
        "national code: the compare page shows them side by side.",
    )
    table_ref = models.CharField(
        max_length=20, blank=True, help_text="Row number in the council's full table (Durham Ref)."
    )
    order = models.PositiveIntegerField(default=0, help_text="Row order in the council's table.")

    objects = IndicatorQuerySet.as_manager()

    class Meta:
        ordering = ["authority", "order", "ref"]
        constraints = [
            models.UniqueConstraint(fields=["authority", "ref"], name="unique_indicator_ref")
        ]

    def __str__(self):
        return f"{self.ref} {self.name}"

    @property
    def frequency_months(self):
        return self.FREQUENCY_MONTHS.get(self.frequency)

    @property
    def match_key(self):
        """What the compare page matches councils' indicators by: the national code, else
        the indicator its "same as" link points to (or that points to it)."""
        if self.national_code:
            return f"code:{self.national_code.strip().upper()}"
        return f"id:{self.same_as_id or self.pk}"

    def scheme_for(self, authority):
        return self.rating_scheme or authority.rating_scheme

    def clean(self):
        if self.key_question_id and self.theme_id and self.key_question.theme_id != self.theme_id:
            raise ValidationError({"key_question": "This key question belongs to another theme."})
        if self.theme_id and self.authority_id and self.theme.authority_id != self.authority_id:
            raise ValidationError({"theme": "This theme belongs to another authority."})
        if self.same_as_id and (self.same_as_id == self.pk or self.same_as.same_as_id):
            raise ValidationError(
                {"same_as": "Link to the indicator the others link to, not to a linked one."}
            )


class Tolerance(SignedOff):
    """Norfolk MI: the Red and Green thresholds an indicator is rated against."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="tolerances")
    authority = models.ForeignKey(
        "indicators.Authority", on_delete=models.CASCADE, related_name="tolerances"
    )
    red = figure_field("Red threshold")
    green = figure_field("Green threshold")
    published_quirk = models.TextField(
        blank=True,
        help_text="A published inconsistency kept as printed (e.g. an inverted pair). "
        "Required to store thresholds that contradict the polarity.",
    )
    source = models.CharField(max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "authority"],
                condition=Q(revises__isnull=True),
                name="unique_tolerance_per_indicator",
            )
        ]

    def __str__(self):
        return f"{self.indicator.ref}: Red {self.red}, Green {self.green}"

    @property
    def problem(self):
        return check_thresholds(self.indicator.polarity, self.red, self.green)

    def clean(self):
        if self.red is None or self.green is None:
            raise ValidationError("Give both the Red and the Green threshold.")
        if self.indicator_id and self.problem and not self.published_quirk:
            raise ValidationError({"red": self.problem})
