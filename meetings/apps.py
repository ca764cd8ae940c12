from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "meetings"
    verbose_name = "Committee meetings"

    def ready(self):
        # reports sits below meetings and cannot import it: it offers hooks, filled here, for
        # the dashboard row's open questions and the pack's two extra sections.
        from reports import dashboard
        from reports.exports import pack

        from . import hooks, signals

        signals.connect()

        if hooks.annotate_rows not in dashboard.ROW_HOOKS:
            dashboard.ROW_HOOKS.append(hooks.annotate_rows)
        if hooks.pack_sections not in pack.PACK_HOOKS:
            pack.PACK_HOOKS.append(hooks.pack_sections)
