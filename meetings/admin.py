from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Committee, ForwardPlanFlag, FrozenPaper, Meeting, Question


@admin.register(Committee)
class CommitteeAdmin(admin.ModelAdmin):
    list_display = ["name", "authority", "slug"]
    filter_horizontal = ["members"]


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ["date", "committee", "period_label", "agenda_item"]


@admin.register(FrozenPaper)
class FrozenPaperAdmin(admin.ModelAdmin):
    """Read only: a frozen paper is the record of what members were shown."""

    list_display = ["meeting", "recorded_at", "recorded_by"]
    readonly_fields = ["meeting", "snapshot", "recorded_at", "recorded_by"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Question)
class QuestionAdmin(SimpleHistoryAdmin):
    list_display = ["indicator", "meeting", "kind", "status", "owner", "due", "published_at"]
    list_filter = ["status", "kind"]


@admin.register(ForwardPlanFlag)
class ForwardPlanFlagAdmin(SimpleHistoryAdmin):
    list_display = ["indicator", "kind", "flagged_by", "meeting"]
