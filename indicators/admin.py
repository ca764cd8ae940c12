from django.contrib import admin

from indicators.models import (
    Authority,
    BenchmarkValue,
    Commentary,
    ComparatorGroup,
    Indicator,
    KeyQuestion,
    Period,
    PublishedComparison,
    RatingScheme,
    SubArea,
    Target,
    Theme,
    Tolerance,
    Value,
)


class SubAreaInline(admin.TabularInline):
    model = SubArea
    extra = 0
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Authority)
class AuthorityAdmin(admin.ModelAdmin):
    list_display = ["name", "ons_code", "kind", "region", "reports_to_portal", "rating_scheme"]
    list_filter = ["reports_to_portal", "kind", "region"]
    search_fields = ["name", "ons_code", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [SubAreaInline]


@admin.register(ComparatorGroup)
class ComparatorGroupAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "owner", "model", "vintage", "member_count"]
    list_filter = ["kind", "owner"]
    search_fields = ["name", "model", "members__name"]
    filter_horizontal = ["members"]
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("owner").prefetch_related("members")

    @admin.display(description="members")
    def member_count(self, group):
        return len(group.members.all())


@admin.register(RatingScheme)
class RatingSchemeAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "tolerance_percent", "rated_comparisons"]
    list_filter = ["kind"]
    search_fields = ["name", "key_text"]


class KeyQuestionInline(admin.TabularInline):
    model = KeyQuestion
    extra = 0


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin):
    list_display = ["name", "authority", "order"]
    list_filter = ["authority"]
    search_fields = ["name"]
    inlines = [KeyQuestionInline]


@admin.register(KeyQuestion)
class KeyQuestionAdmin(admin.ModelAdmin):
    list_display = ["__str__", "theme", "global_number"]
    list_filter = ["theme__authority", "theme"]
    search_fields = ["text", "body_text"]


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ["ref", "name", "authority", "theme", "polarity", "unit", "frequency"]
    list_filter = ["authority", "polarity", "unit", "frequency", "theme"]
    search_fields = ["ref", "name", "definition", "aliases"]
    list_select_related = ["authority", "theme"]
    autocomplete_fields = ["theme", "key_question"]


@admin.register(Period)
class PeriodAdmin(admin.ModelAdmin):
    list_display = ["label", "kind", "start", "end"]
    list_filter = ["kind"]
    search_fields = ["label"]
    date_hierarchy = "end"


class PublishedComparisonInline(admin.TabularInline):
    model = PublishedComparison
    extra = 0
    autocomplete_fields = ["comparator_group"]


@admin.register(Value)
class ValueAdmin(admin.ModelAdmin):
    list_display = [
        "indicator",
        "authority",
        "area",
        "period",
        "value",
        "printed",
        "numerator",
        "denominator",
        "status",
        "workflow",
        "has_quirk",
    ]
    list_filter = ["authority", "workflow", "status", "period__kind", "indicator__theme"]
    search_fields = ["indicator__ref", "indicator__name", "printed", "note", "published_quirk"]
    list_select_related = ["indicator", "authority", "area", "period"]
    autocomplete_fields = ["indicator", "authority", "period", "area"]
    inlines = [PublishedComparisonInline]

    @admin.display(boolean=True, description="flagged")
    def has_quirk(self, value):
        return bool(value.published_quirk)


@admin.register(SubArea)
class SubAreaAdmin(admin.ModelAdmin):
    list_display = ["name", "authority", "aliases"]
    list_filter = ["authority"]
    search_fields = ["name", "aliases"]


@admin.register(Target)
class TargetAdmin(admin.ModelAdmin):
    list_display = ["indicator", "authority", "period", "kind", "display", "deadline"]
    list_filter = ["authority", "kind"]
    search_fields = ["indicator__ref", "indicator__name", "printed"]
    list_select_related = ["indicator", "authority", "period"]
    autocomplete_fields = ["indicator", "authority", "period"]


@admin.register(Tolerance)
class ToleranceAdmin(admin.ModelAdmin):
    list_display = ["indicator", "authority", "red", "green", "published_quirk"]
    list_filter = ["authority"]
    search_fields = ["indicator__ref", "indicator__name"]
    list_select_related = ["indicator", "authority"]
    autocomplete_fields = ["indicator", "authority"]


@admin.register(BenchmarkValue)
class BenchmarkValueAdmin(admin.ModelAdmin):
    list_display = ["indicator", "comparator_group", "period", "value", "printed"]
    list_filter = ["comparator_group__kind", "comparator_group"]
    search_fields = ["indicator__ref", "indicator__name", "comparator_group__name"]
    list_select_related = ["indicator", "comparator_group", "period"]
    autocomplete_fields = ["indicator", "comparator_group", "period"]


@admin.register(PublishedComparison)
class PublishedComparisonAdmin(admin.ModelAdmin):
    list_display = [
        "value",
        "kind",
        "comparator_group",
        "published_rating",
        "published_direction",
        "printed_rating",
        "printed_comparator",
        "not_comparable",
    ]
    list_filter = ["kind", "published_rating", "not_comparable", "value__authority"]
    search_fields = ["value__indicator__ref", "printed_comparator"]
    list_select_related = [
        "value__indicator",
        "value__authority",
        "value__area",
        "value__period",
        "comparator_group",
    ]
    raw_id_fields = ["value"]


@admin.register(Commentary)
class CommentaryAdmin(admin.ModelAdmin):
    list_display = ["indicator", "authority", "period", "lead_officer", "data_owner"]
    list_filter = ["authority", "affects_budget", "affects_corporate_risk"]
    search_fields = ["indicator__ref", "performance_analysis", "lead_officer", "data_owner"]
    list_select_related = ["indicator", "authority", "period"]
    autocomplete_fields = ["indicator", "authority", "period"]
