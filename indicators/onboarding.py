"""Setting up a council from the admin, without a shell (issue 13): statistical neighbours
from a list of ONS codes, and an indicator set copied from another council."""

import csv
import io

from django.db import transaction

from indicators.models import Authority, Indicator, KeyQuestion, Theme

MAX_CODES = 200  # a neighbour group is 10-15 councils; England is about 150


def authorities_from_ons_codes(data):
    """(councils, errors) from a CSV (bytes or text) of ONS codes: one a line, or a column
    headed "ons_code" (or "code", "new_la_code"). errors name each bad row; any error means
    the caller changes nothing."""
    if isinstance(data, bytes):
        try:
            data = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            return [], ["The file is not UTF-8 text: save it as CSV (UTF-8)."]
    rows = list(csv.reader(io.StringIO(data)))
    if not rows:
        return [], ["The file is empty: give one ONS code a line."]
    header = [h.strip().lower() for h in rows[0]]
    column = next(
        (header.index(n) for n in ("ons_code", "code", "new_la_code") if n in header), None
    )
    numbered = (
        list(enumerate(rows[1:], start=2)) if column is not None else list(enumerate(rows, start=1))
    )
    column = column or 0
    if len(numbered) > MAX_CODES:
        return [], [f"{len(numbered)} rows: at most {MAX_CODES} councils in a group."]
    codes = []
    errors = []
    for number, row in numbered:
        code = row[column].strip().upper() if len(row) > column else ""
        if code:
            codes.append((number, code))
        elif any(cell.strip() for cell in row):
            errors.append(f"Row {number}: no ONS code in the column.")
    known = {
        a.ons_code.upper(): a for a in Authority.objects.filter(ons_code__in=[c for _, c in codes])
    }
    councils = []
    for number, code in codes:
        if code not in known:
            errors.append(f"Row {number}: {code[:20]!r} is no council's ONS code.")
        elif known[code] not in councils:
            councils.append(known[code])
    if not councils and not errors:
        errors.append("The file holds no ONS codes.")
    return councils, errors


@transaction.atomic
def copy_indicator_set(source, target):
    """Copy source's indicators, with their themes and key questions, to target: the
    definitions only (no values, targets or commentary). Indicators target already has
    (by reference) are left as they are. Each copy is linked "same as" its original unless
    it carries a national code, so the compare page matches them. Returns (copied, kept)."""
    themes = {}
    for theme in Theme.objects.filter(authority=source):
        themes[theme.pk], _ = Theme.objects.get_or_create(
            authority=target, name=theme.name, defaults={"order": theme.order}
        )
    questions = {}
    for question in KeyQuestion.objects.filter(theme__authority=source):
        questions[question.pk], _ = KeyQuestion.objects.get_or_create(
            theme=themes[question.theme_id],
            number=question.number,
            defaults={
                "text": question.text,
                "body_text": question.body_text,
                "global_number": question.global_number,
            },
        )
    existing = set(Indicator.objects.filter(authority=target).values_list("ref", flat=True))
    copied, kept = [], []
    for original in Indicator.objects.filter(authority=source).order_by("order", "ref"):
        if original.ref in existing:
            kept.append(original.ref)
            continue
        copy = Indicator.objects.get(pk=original.pk)
        copy.pk = None
        copy.authority = target
        copy.theme = themes.get(original.theme_id)
        copy.key_question = questions.get(original.key_question_id)
        copy.published_quirk = ""  # the source paper's inconsistency, not the new council's
        if not original.national_code:
            copy.same_as_id = original.same_as_id or original.pk
        copy.save()
        copied.append(copy.ref)
    return copied, kept
