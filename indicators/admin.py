from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ActionForm
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.html import format_html
from simple_history.admin import SimpleHistoryAdmin

from indicators import access, onboarding
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
    Role,
    SignOff,
    SpcRecalculation,
    SubArea,
    Target,
    Theme,
    Tolerance,
    Value,
)
from indicators.models.choices import ComparisonKind
from indicators.models.workflow import Workflow
from indicators.rules.figures import stored

SIGN_OFF_FIELDS = ["workflow", "revises", "changed_by"]


class ReasonForm(forms.ModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Figures as the officer entered them (64, not 64.00000000).
        for name, field in self.fields.items():
            if isinstance(field, forms.DecimalField) and self.initial.get(name) is not None:
                self.initial[name] = stored(self.initial[name])

    change_reason = forms.CharField(
        label="Why (recorded in the audit trail)", required=False, max_length=2000
    )


class CouncilScopedAdmin(SimpleHistoryAdmin):
    """Officers and approvers see and change only their own councils' rows (indicators.access);
    the administrator (superuser) sees everything. Deleting is for the administrator."""

    form = ReasonForm

    def get_queryset(self, request):
        return access.scope(super().get_queryset(request), request.user)

    def _own(self, request, obj):
        return obj is None or access.can_see_drafts(request.user, access.authority_of(obj))

    def has_view_permission(self, request, obj=None):
        return super().has_view_permission(request, obj) and self._own(request, obj)

    def has_change_permission(self, request, obj=None):
        if not super().has_change_permission(request, obj):
            return False
        if obj is not None and obj.working_copy().workflow == Workflow.SUBMITTED:
            return False  # with the approver: it changes only by being sent back
        return obj is None or access.can_enter(request.user, access.authority_of(obj))

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        ids = access.authority_ids(request.user, access.OFFICER)
        if ids is not None:
            if db_field.name == "authority":
                kwargs["queryset"] = Authority.objects.filter(pk__in=ids)
            elif db_field.name == "indicator":
                kwargs["queryset"] = Indicator.objects.filter(authority__in=ids)
            elif db_field.name == "area":
                kwargs["queryset"] = SubArea.objects.filter(authority__in=ids)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_autocomplete_fields(self, request):
        # Autocomplete widgets ignore formfield_for_foreignkey's choices: officers get
        # plain selects limited to their council.
        if request.user.is_superuser:
            return super().get_autocomplete_fields(request)
        return []

    def get_readonly_fields(self, request, obj=None):
        # Sign-off bookkeeping changes only through sign-off.
        return [*super().get_readonly_fields(request, obj), *SIGN_OFF_FIELDS]

    def save_model(self, request, obj, form, change):
        if not access.can_enter(request.user, access.authority_of(obj)):
            raise PermissionDenied("You may only change your own council's figures.")
        before = type(obj).objects.filter(pk=obj.pk).first() if change else None
        was_published = before is not None and before.workflow == Workflow.APPROVED
        # The form (or a history version being "reverted to") says nothing about sign-off:
        # every change is a draft, and a change to a published record is its revision.
        obj.draft_of(before, request.user)
        obj._change_reason = form.cleaned_data.get("change_reason") or (
            "Changed in admin" if change else "Added in admin"
        )
        super().save_model(request, obj, form, change)
        if was_published:
            messages.info(
                request,
                f"Your change to {obj} is a draft: members keep seeing the published "
                "version until the change is approved.",
            )

    def response_change(self, request, obj):
        # "Save and continue editing" on a published record goes on with its draft revision.
        if "_continue" in request.POST and obj.revises_id:
            opts = obj._meta
            return HttpResponseRedirect(
                reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
            )
        return super().response_change(request, obj)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # simple-history saves a "revert" POST for anyone who may view the history: it
        # must be an edit like any other, by someone who may edit the record.
        if request.method == "POST":
            current = self.get_object(request, object_id)
            if current is None or not self.has_change_permission(request, current):
                raise PermissionDenied("You may not change this record.")
        return super().history_form_view(request, object_id, version_id, extra_context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, object_id) if request.method == "GET" else None
        revision = obj.working_copy() if obj is not None else None
        if revision is not None and revision is not obj:
            url = reverse(
                f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[revision.pk]
            )
            messages.info(
                request,
                format_html(
                    'A change to this published record is awaiting sign-off: <a href="{}">'
                    "open the draft change</a>.",
                    url,
                ),
            )
        return super().change_view(request, object_id, form_url, extra_context)


class SubAreaInline(admin.TabularInline):
    model = SubArea
    extra = 0
    prepopulated_fields = {"slug": ["name"]}


class CopyFromForm(ActionForm):
    source = forms.ModelChoiceField(
        Authority.objects.filter(reports_to_portal=True),
        required=False,
        label="from council",
        help_text="For 'Copy another council's indicator set'.",
    )


@admin.register(Authority)
class AuthorityAdmin(admin.ModelAdmin):
    list_display = ["name", "ons_code", "kind", "region", "reports_to_portal", "rating_scheme"]
    list_filter = ["reports_to_portal", "kind", "region"]
    search_fields = ["name", "ons_code", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [SubAreaInline]
    action_form = CopyFromForm
    actions = ["copy_indicator_set"]

    @admin.action(description="Copy another council's indicator set (choose 'from council')")
    def copy_indicator_set(self, request, queryset):
        try:
            source = CopyFromForm.base_fields["source"].clean(request.POST.get("source"))
        except forms.ValidationError:
            source = None
        if source is None:
            self.message_user(
                request, "Choose the council to copy from ('from council').", messages.ERROR
            )
            return
        for target in queryset:
            if target == source:
                self.message_user(request, f"{target} cannot copy from itself.", messages.ERROR)
                continue
            copied, kept = onboarding.copy_indicator_set(source, target)
            words = f"Copied {len(copied)} of {source}'s indicators to {target}"
            if kept:
                words += f"; kept {len(kept)} it already has ({', '.join(kept[:10])})"
            self.message_user(request, words + ".", messages.SUCCESS)


class ComparatorGroupForm(forms.ModelForm):
    members_csv = forms.FileField(
        label="Members from a CSV of ONS codes",
        required=False,
        help_text="One ONS code a line, or a column headed ons_code: replaces the members "
        "(statistical neighbours, a region). Nothing changes if any row is wrong.",
    )

    def clean_members_csv(self):
        upload = self.cleaned_data.get("members_csv")
        if not upload:
            return None
        if upload.size > 100_000:
            raise forms.ValidationError("The file is too large for a list of ONS codes.")
        councils, errors = onboarding.authorities_from_ons_codes(upload.read())
        if errors:
            raise forms.ValidationError(errors[:20])
        return councils


@admin.register(ComparatorGroup)
class ComparatorGroupAdmin(admin.ModelAdmin):
    form = ComparatorGroupForm
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

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        councils = form.cleaned_data.get("members_csv")
        if councils:
            form.instance.members.set(councils)
            self.message_user(
                request, f"{form.instance}: {len(councils)} members from the CSV.", messages.INFO
            )


class RatingSchemeForm(forms.ModelForm):
    rated_comparisons = forms.MultipleChoiceField(
        choices=ComparisonKind.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="The comparisons this scheme gives a Red/Amber/Green rating.",
    )


@admin.register(RatingScheme)
class RatingSchemeAdmin(admin.ModelAdmin):
    form = RatingSchemeForm
    list_display = ["name", "kind", "tolerance_percent", "rated_comparisons", "show_statistics"]
    list_filter = ["kind", "show_statistics"]
    search_fields = ["name", "key_text"]


@admin.register(SpcRecalculation)
class SpcRecalculationAdmin(admin.ModelAdmin):
    list_display = ["indicator", "authority", "from_period", "reason", "recorded"]
    list_filter = ["authority"]
    list_select_related = ["indicator", "authority", "from_period"]
    autocomplete_fields = ["indicator", "from_period"]
    search_fields = ["indicator__ref", "reason"]


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


class CouncilLabelled(forms.ModelChoiceField):
    """A theme or key question named with its council: every council has its own."""

    def label_from_instance(self, obj):
        theme = getattr(obj, "theme", obj)
        return f"{theme.authority.name}: {obj}"


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ["ref", "name", "authority", "theme", "national_code", "unit", "frequency"]
    list_filter = ["authority", "polarity", "unit", "frequency", "theme"]
    search_fields = ["ref", "name", "definition", "aliases", "national_code"]
    list_select_related = ["authority", "theme"]
    autocomplete_fields = ["same_as"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "theme":
            kwargs["queryset"] = Theme.objects.select_related("authority").order_by(
                "authority__name", "order", "name"
            )
            kwargs["form_class"] = CouncilLabelled
        elif db_field.name == "key_question":
            kwargs["queryset"] = KeyQuestion.objects.select_related("theme__authority").order_by(
                "theme__authority__name", "theme__order", "number"
            )
            kwargs["form_class"] = CouncilLabelled
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        if not obj.table_ref and obj.authority_id:
            obj.table_ref = Indicator.objects.next_table_ref(obj.authority)
            self.message_user(
                request, f"{obj.ref} is row {obj.table_ref} of the committee table.", messages.INFO
            )
        super().save_model(request, obj, form, change)


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
class ValueAdmin(CouncilScopedAdmin):
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
    readonly_fields = ["earlier_value"]

    @admin.display(boolean=True, description="flagged")
    def has_quirk(self, value):
        return bool(value.published_quirk)


@admin.register(SubArea)
class SubAreaAdmin(admin.ModelAdmin):
    list_display = ["name", "authority", "aliases"]
    list_filter = ["authority"]
    search_fields = ["name", "aliases"]


@admin.register(Target)
class TargetAdmin(CouncilScopedAdmin):
    list_display = ["indicator", "authority", "period", "kind", "display", "deadline", "workflow"]
    list_filter = ["authority", "kind", "workflow"]
    search_fields = ["indicator__ref", "indicator__name", "printed"]
    list_select_related = ["indicator", "authority", "period"]
    autocomplete_fields = ["indicator", "authority", "period"]


@admin.register(Tolerance)
class ToleranceAdmin(CouncilScopedAdmin):
    list_display = ["indicator", "authority", "red", "green", "published_quirk", "workflow"]
    list_filter = ["authority", "workflow"]
    search_fields = ["indicator__ref", "indicator__name"]
    list_select_related = ["indicator", "authority"]
    autocomplete_fields = ["indicator", "authority"]


@admin.register(BenchmarkValue)
class BenchmarkValueAdmin(CouncilScopedAdmin):
    list_display = ["indicator", "comparator_group", "period", "value", "printed", "workflow"]
    list_filter = ["comparator_group__kind", "comparator_group", "workflow"]
    search_fields = ["indicator__ref", "indicator__name", "comparator_group__name"]
    list_select_related = ["indicator", "comparator_group", "period"]
    autocomplete_fields = ["indicator", "comparator_group", "period"]


@admin.register(PublishedComparison)
class PublishedComparisonAdmin(admin.ModelAdmin):
    def get_queryset(self, request):
        return access.scope(super().get_queryset(request), request.user)

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
class CommentaryAdmin(CouncilScopedAdmin):
    list_display = ["indicator", "authority", "period", "lead_officer", "data_owner", "workflow"]
    list_filter = ["authority", "affects_budget", "affects_corporate_risk", "workflow"]
    search_fields = ["indicator__ref", "performance_analysis", "lead_officer", "data_owner"]
    list_select_related = ["indicator", "authority", "period"]
    autocomplete_fields = ["indicator", "authority", "period"]


@admin.register(Role)
class RoleAdmin(admin.ModelAdmin):
    list_display = ["user", "authority", "kind"]
    list_filter = ["kind", "authority"]
    search_fields = ["user__username", "authority__name"]


@admin.register(SignOff)
class SignOffAdmin(admin.ModelAdmin):
    list_display = ["authority", "period", "action", "by", "at", "value_count", "reason"]
    list_filter = ["action", "authority"]
    list_select_related = ["authority", "period", "by"]

    def get_queryset(self, request):
        return access.scope(super().get_queryset(request), request.user)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
