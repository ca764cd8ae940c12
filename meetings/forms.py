"""The officers' forms for a council's committees and for recording a meeting. Each error
names its field, so the page can say which field is wrong and why; nothing is saved until
every field is right."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.text import slugify

from reports.queries import period_choices

from .models import Committee, Meeting

MAX_MEMBERS = 200  # a committee of councillors, not a mailing list


class MemberChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, user):
        name = user.get_full_name()
        return f"{name} ({user.get_username()})" if name else user.get_username()


def councillors(committee=None):
    """Who may sit on a committee: councillors' accounts (active, no officer or approver
    role, not administrators: officers ask on members' behalf without a seat), and anyone
    already seated, so saving the form never unseats them by omission."""
    users = get_user_model().objects.filter(
        is_active=True, is_superuser=False, scrutiny_roles__isnull=True
    )
    if committee is not None and committee.pk:
        users = users | committee.members.all()
    return users.distinct().order_by("last_name", "first_name", "username")


class CommitteeForm(forms.ModelForm):
    members = MemberChoice(
        queryset=get_user_model().objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="The councillors who sit on it: they may ask questions and flag indicators.",
    )

    class Meta:
        model = Committee
        fields = ["name", "slug", "members"]
        labels = {"slug": "Short name"}
        help_texts = {"slug": "Used in file names, e.g. cyp-osc. Left empty, made from the name."}
        error_messages = {"name": {"required": "Give the committee's name."}}

    def __init__(self, *args, authority, **kwargs):
        super().__init__(*args, **kwargs)
        self.authority = authority
        self.fields["slug"].required = False
        self.fields["members"].queryset = councillors(self.instance)

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if not name:
            raise forms.ValidationError("Give the committee's name.")
        return name

    def clean_members(self):
        members = self.cleaned_data["members"]
        if len(members) > MAX_MEMBERS:
            raise forms.ValidationError(f"{len(members)} chosen; {MAX_MEMBERS} at most.")
        return members

    def clean(self):
        cleaned = super().clean()
        slug = slugify(cleaned.get("slug") or cleaned.get("name") or "")[:80]
        if not slug and "name" in cleaned:
            self.add_error("slug", "Give a short name of letters or numbers, e.g. cyp-osc.")
            return cleaned
        # The form leaves the council out, so the model's own unique check cannot see it.
        taken = Committee.objects.filter(authority=self.authority, slug=slug)
        if self.instance.pk:
            taken = taken.exclude(pk=self.instance.pk)
        if slug == "new":  # the add page's own address
            self.add_error("slug", "'new' is kept for the add page: choose another.")
        elif slug and taken.exists():
            self.add_error("slug", f"{self.authority} already has a committee '{slug}'.")
        cleaned["slug"] = slug
        return cleaned

    def save(self, commit=True):
        self.instance.authority = self.authority
        self.instance.slug = self.cleaned_data["slug"]
        return super().save(commit)


class RecordForm(forms.Form):
    committee = forms.ModelChoiceField(
        queryset=Committee.objects.none(),
        empty_label=None,
        error_messages={"invalid_choice": "Choose one of the council's committees."},
    )
    date = forms.DateField(
        label="Meeting date",
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={
            "required": "Give the meeting's date.",
            "invalid": "Give the meeting's date as a date, e.g. 2017-09-28.",
        },
    )
    period = forms.ChoiceField(
        label="Period reported",
        help_text="The council's reporting dates with published figures, as the dashboard "
        "offers them.",
        error_messages={
            "invalid_choice": "'%(value)s' is not one of the council's reporting dates."
        },
    )
    agenda_item = forms.CharField(max_length=300, required=False, label="Agenda item")

    def __init__(self, *args, authority, **kwargs):
        super().__init__(*args, **kwargs)
        self.authority = authority
        self.fields["committee"].queryset = Committee.objects.filter(authority=authority)
        self.choices = period_choices(authority)
        self.fields["period"].choices = [
            (c.param, f"{c.label} ({c.note})" if c.note else c.label) for c in self.choices
        ]
        default = next((c for c in self.choices if c.note), None)
        if default is not None:
            self.fields["period"].initial = default.param

    def clean_date(self):
        day = self.cleaned_data["date"]
        # The meeting's address is the council and the date, so one meeting a day.
        held = Meeting.objects.of(self.authority).filter(date=day).first()
        if held is not None:
            raise forms.ValidationError(
                f"{held.committee} already has a meeting recorded on {day:%-d %B %Y}; "
                "its paper stays as presented."
            )
        return day

    def clean_period(self):
        param = self.cleaned_data["period"]
        return next(c for c in self.choices if c.param == param)
