"""Norfolk's July 2018 exception report and committee pack: the rules propose the four
cards the committee saw plus those the criteria add; the chosen cards export with the
summary table and report key as Word and PDF."""

import io
import os
from datetime import date

import pytest
from django.db import transaction
from docx import Document

from indicators.models import Authority, ExceptionReport, Indicator
from officers.exception_advice import exception_advice
from papers.seeds.base import read_json
from reports.exports.formats import render_pack
from reports.exports.pack import committee_pack

pytestmark = pytest.mark.django_db

APRIL = date(2018, 4, 30)
# Performance Monitoring §1.2.3 worked at the latest period (seeds-stockton-norfolk.md
# §2.3): the ten vital signs off target or worse three periods running.
MEETING_A_CRITERION = {
    "VS-CIN-rereferrals",
    "VS-CIN-plan",
    "VS-CP-seen",
    "VS-LAC-care-plan",
    "VS-LAC-health-assessment",
    "VS-CL-pathway-plan",
    "VS-EET",
    "VS-CL-EET",
    "VS-PEP",
    "VS-LAC-rate",
}


@pytest.fixture(scope="module")
def norfolk(seeded_papers, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        council = Authority.objects.get(slug="norfolk")
        advice = exception_advice(council, APRIL)
        cards = [card["indicator"] for card in read_json("norfolk.json")["report_cards"]]
        chosen = [a for ref in cards for a in advice if a.value.indicator.ref == ref]
        ExceptionReport.save_choice(
            council,
            APRIL,
            [(a.value.indicator, a.words) for a in chosen],
            None,
            committee="Children's Services Committee",
            meeting_date=date(2018, 7, 10),
        )
        pack = committee_pack(council, APRIL, "Apr 2018")
        yield {"council": council, "advice": advice, "cards": cards, "pack": pack}
        transaction.set_rollback(True)


def test_the_rules_propose_the_published_cards_plus_those_the_criteria_add(norfolk):
    proposed = {a.value.indicator.ref for a in norfolk["advice"] if a.proposed}
    vital_signs = {ref for ref in proposed if ref.startswith("VS-")}
    assert set(norfolk["cards"]) <= proposed
    assert vital_signs == MEETING_A_CRITERION | set(norfolk["cards"])
    # EHCP has no target in the dashboard: it is proposed because officers wrote its card.
    ehcp = next(a for a in norfolk["advice"] if a.value.indicator.ref == "VS-EHCP-timescale")
    assert not ehcp.qualifies and ehcp.has_card


def test_each_card_carries_the_councils_standard_fields(norfolk):
    published = {c["indicator"]: c for c in read_json("norfolk.json")["report_cards"]}
    cards = norfolk["pack"].cards
    assert [c.indicator.ref for c in cards] == norfolk["cards"]
    for card in cards:
        source = published[card.indicator.ref]
        assert card.why_important == source["why_important"]
        assert card.lead_officer == source["lead_officer"]
        assert card.data_owner == source["data_owner"]
        assert len(card.actions) == source["actions"].count("\n- ") + 1
        assert card.chart_svg.startswith("<svg") and len(card.points) >= 3
    rate = cards[-1]
    assert rate.points[-1].text == "69.7" and rate.target == "<55" and rate.rating == "red"


def test_the_word_pack_has_cover_table_cards_and_key(norfolk):
    document = Document(io.BytesIO(render_pack(norfolk["pack"], "docx")))
    text = [p.text for p in document.paragraphs]
    assert "Children's Services Committee" in text and "Meeting: 10 July 2018" in text
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading 2")]
    names = [
        Indicator.objects.get(authority=norfolk["council"], ref=r).name for r in norfolk["cards"]
    ]
    assert [h for h in headings if h in names] == names
    assert text.count("Why is this important?") == 4 and text.count("Action required") == 4
    assert "Lead: Phil Watson    Data: Andy Goff" in text
    assert any("target 100%. Rating: ■ Red" in t for t in text)
    summary = document.tables[0]
    assert len(summary.rows) == 2 + 106  # two header rows, every county row
    figures = document.tables[1]  # the first card's figures, periods across
    assert [r.cells[0].text for r in figures.rows] == ["Period", "Value", "Target"]
    assert figures.rows[1].cells[-1].text == "76.3%"
    assert "Report key" in text and any("10% (not percentage points)" in t for t in text)


@pytest.mark.browser
def test_the_word_cards_show_their_chart_with_a_description(norfolk):
    if not os.path.exists("/usr/bin/chromium") and os.environ.get("CI") != "true":
        pytest.skip("Chromium is not installed")
    document = Document(io.BytesIO(render_pack(norfolk["pack"], "docx")))
    pictures = document.inline_shapes
    assert len(pictures) == 4
    for picture in pictures:
        assert picture._inline.docPr.get("descr").startswith("Chart of ")
        assert picture.width > picture.height


@pytest.mark.browser
def test_the_pdf_pack_puts_each_card_on_its_own_page(norfolk):
    if not os.path.exists("/usr/bin/chromium") and os.environ.get("CI") != "true":
        pytest.skip("Chromium is not installed")
    import pypdfium2

    pdf = pypdfium2.PdfDocument(render_pack(norfolk["pack"], "pdf"))
    pages = [pdf[i].get_textpage().get_text_range() for i in range(len(pdf))]
    assert "Children's Services Committee" in pages[0] and "10 July 2018" in pages[0]
    starts = [
        next(i for i, page in enumerate(pages) if page.startswith(card.title))
        for card in norfolk["pack"].cards
    ]
    # Cover, what changed since the last meeting (the seeded 10 July 2018 one), the table's
    # pages, the list of cards, one page per card, the report key, the responses to the
    # committee's questions, the forward plan.
    assert pages[1].startswith("Since the last meeting")
    assert starts == list(range(starts[0], starts[0] + 4))
    assert len(pdf) == starts[-1] + 4
    assert pages[-3].startswith("Report key")
    assert pages[-2].startswith("Responses to the committee's questions")
    assert pages[-1].startswith("Forward plan")
    assert "Reported because: Red rating" in pages[starts[0]]
    bitmap = pdf[starts[0]].render(scale=0.4)
    assert bitmap.width > bitmap.height
    assert len(set(bytes(bitmap.buffer)[::89])) > 2  # the chart is drawn, not a blank page


def test_a_pack_without_a_choice_says_so(norfolk, django_db_blocker):
    with django_db_blocker.unblock():
        durham = Authority.objects.get(slug="durham")
        pack = committee_pack(durham, date(2017, 6, 30), "Apr - Jun 2017")
    assert not pack.chosen and not pack.cards
    document = Document(io.BytesIO(render_pack(pack, "docx")))
    text = [p.text for p in document.paragraphs]
    assert "Officers have not chosen any exceptions for this period." in text
    assert any("within 2% tolerance" in t for t in text)  # Durham's own key
