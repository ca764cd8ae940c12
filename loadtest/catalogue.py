"""The national indicators of the generated data set: 50 measures of the kinds councils
report (shapes from the Durham, Stockton and Norfolk seeds), each in three variants.

Each measure: (name, unit, polarity, decimal places, England level, spread between
councils (one standard deviation), change per year, variants). Levels and spreads are
plausible orders of magnitude for English upper-tier councils, not published figures.
Counts are per 100,000 residents here and scaled by each council's population.
"""

PERSONS = ["all persons", "males", "females"]
CHILD_AGES = ["all children", "aged 0-9", "aged 10-17"]
ADULT_AGES = ["aged 18-64", "aged 65+", "all adults"]
PUPILS = ["all pupils", "disadvantaged pupils", "pupils with SEN support"]
WINDOWS = ["quarter", "rolling 12 months", "year to date"]
AREAS = ["all areas", "most deprived quintile", "least deprived quintile"]

H, L, N = "higher", "lower", "none"

MEASURES = [
    # Children's social care
    ("Children in need rate per 10,000", "rate_10000", N, 1, 330, 70, -2, CHILD_AGES),
    ("Child protection plans rate per 10,000", "rate_10000", L, 1, 42, 12, 0.5, CHILD_AGES),
    ("Children looked after rate per 10,000", "rate_10000", L, 0, 70, 22, 1, CHILD_AGES),
    (
        "Re-referrals to children's social care within 12 months",
        "percent",
        L,
        1,
        22,
        5,
        -0.2,
        WINDOWS,
    ),
    ("Single assessments completed within 45 working days", "percent", H, 1, 84, 9, 0.4, WINDOWS),
    (
        "Children becoming subject to a second or subsequent plan",
        "percent",
        L,
        1,
        23,
        5,
        0,
        WINDOWS,
    ),
    (
        "Looked after children with three or more placements",
        "percent",
        L,
        1,
        10,
        2.5,
        -0.1,
        CHILD_AGES,
    ),
    (
        "Care leavers in education, employment or training",
        "percent",
        H,
        1,
        55,
        8,
        0.5,
        ["aged 17-18", "aged 19-21", "all care leavers"],
    ),
    ("Children's social worker vacancy rate", "percent", L, 1, 17, 6, 0.4, WINDOWS),
    ("Early help episodes closed with needs met", "percent", H, 1, 70, 10, 0.3, WINDOWS),
    # Education and skills
    ("Good level of development at the end of reception", "percent", H, 1, 66, 4, 0.3, PUPILS),
    (
        "Key stage 2 reading, writing and maths at expected standard",
        "percent",
        H,
        1,
        60,
        5,
        0.2,
        PUPILS,
    ),
    ("Average Attainment 8 score", "score", H, 1, 46, 3.5, 0.1, PUPILS),
    ("Average Progress 8 score", "score", H, 2, -0.03, 0.15, 0.005, PUPILS),
    ("Persistent absence from school", "percent", L, 1, 18, 3.5, 0.6, PUPILS),
    (
        "Fixed-period exclusions rate per 100,000 pupils",
        "rate_100000",
        L,
        0,
        6900,
        2200,
        150,
        PUPILS,
    ),
    (
        "Education, health and care plans issued within 20 weeks",
        "percent",
        H,
        1,
        50,
        22,
        -1,
        WINDOWS,
    ),
    (
        "16-17 year olds not in education, employment or training or not known",
        "percent",
        L,
        1,
        5.2,
        1.6,
        -0.1,
        ["aged 16", "aged 17", "aged 16-17"],
    ),
    (
        "Schools judged good or outstanding",
        "percent",
        H,
        1,
        88,
        5,
        0.4,
        ["primary schools", "secondary schools", "all schools"],
    ),
    ("Take-up of funded early education by two-year-olds", "percent", H, 0, 73, 9, 0.2, AREAS),
    # Adult social care
    (
        "Permanent admissions to residential and nursing care per 100,000",
        "rate_100000",
        L,
        1,
        560,
        140,
        -5,
        ADULT_AGES,
    ),
    (
        "Older people at home 91 days after discharge into reablement",
        "percent",
        H,
        1,
        82,
        6,
        0.1,
        ["aged 65-74", "aged 75-84", "aged 85+"],
    ),
    (
        "Adults with a learning disability in paid employment",
        "percent",
        H,
        1,
        4.8,
        2.5,
        0.05,
        ["males", "females", "all persons"],
    ),
    (
        "Adults with a learning disability living in their own home",
        "percent",
        H,
        1,
        80,
        8,
        0.2,
        ["males", "females", "all persons"],
    ),
    (
        "Adults receiving long-term support per 100,000",
        "rate_100000",
        N,
        0,
        1900,
        450,
        -10,
        ADULT_AGES,
    ),
    (
        "Adult safeguarding enquiries concluded with risk reduced or removed",
        "percent",
        H,
        1,
        89,
        5,
        0.2,
        ADULT_AGES,
    ),
    ("Social care-related quality of life score", "score", H, 1, 19.0, 0.5, 0.0, ADULT_AGES),
    (
        "Carer-reported quality of life score",
        "score",
        H,
        1,
        7.3,
        0.5,
        -0.05,
        ["carers aged 18-64", "carers aged 65+", "all carers"],
    ),
    ("Adults receiving direct payments", "percent", H, 1, 26, 7, -0.2, ADULT_AGES),
    ("Contacts received by adult social care", "count", N, 0, 1150, 300, 15, WINDOWS),
    # Public health
    ("Smoking prevalence in adults", "percent", L, 1, 12.9, 2.8, -0.5, PERSONS),
    ("Excess weight in adults", "percent", L, 1, 64, 5, 0.2, PERSONS),
    ("Physically active adults", "percent", H, 1, 67, 5, 0.1, PERSONS),
    ("Under-18 conceptions rate per 1,000", "rate_1000", L, 1, 14, 5, -0.8, AREAS),
    (
        "Hospital admissions for alcohol-specific conditions per 100,000",
        "rate_100000",
        L,
        0,
        590,
        170,
        5,
        PERSONS,
    ),
    (
        "Successful completion of drug treatment",
        "percent",
        H,
        1,
        6.0,
        2.0,
        -0.05,
        ["opiate users", "non-opiate users", "all users"],
    ),
    (
        "Emergency admissions for falls aged 65+ per 100,000",
        "rate_100000",
        L,
        0,
        2100,
        330,
        10,
        PERSONS,
    ),
    (
        "NHS Health Checks received by the eligible population",
        "percent",
        H,
        1,
        38,
        12,
        0.5,
        WINDOWS,
    ),
    ("Breastfeeding at 6-8 weeks", "percent", H, 1, 49, 12, 0.3, AREAS),
    ("Children in reception year with excess weight", "percent", L, 1, 22, 2.5, 0.1, AREAS),
    # Place, housing and environment
    (
        "Household waste sent for reuse, recycling or composting",
        "percent",
        H,
        1,
        43,
        8,
        0.1,
        WINDOWS,
    ),
    ("Residual household waste per household (kg)", "average", L, 0, 540, 70, -6, WINDOWS),
    (
        "Major planning applications decided within 13 weeks or agreed time",
        "percent",
        H,
        1,
        88,
        8,
        0.3,
        WINDOWS,
    ),
    ("Households in temporary accommodation per 1,000", "rate_1000", L, 2, 4.0, 3.5, 0.3, AREAS),
    ("Homelessness prevented or relieved", "percent", H, 1, 55, 10, -0.3, WINDOWS),
    ("Killed or seriously injured road casualties", "count", L, 0, 42, 12, -0.5, WINDOWS),
    (
        "Principal roads where maintenance should be considered",
        "percent",
        L,
        0,
        4,
        1.8,
        0.05,
        ["A roads", "B and C roads", "unclassified roads"],
    ),
    # Corporate
    ("Council tax collected", "percent", H, 1, 95.8, 1.3, -0.1, WINDOWS),
    ("Average days lost to sickness per employee", "days", L, 1, 9.5, 1.6, 0.1, WINDOWS),
    (
        "Freedom of information requests answered within 20 working days",
        "percent",
        H,
        1,
        86,
        8,
        0.2,
        WINDOWS,
    ),
]

REF_PREFIX = "NAT"


def indicator_rows():
    """150 dicts: ref, name, unit, polarity, decimal_places, level, spread, trend."""
    rows = []
    for m, (name, unit, polarity, places, level, spread, trend, variants) in enumerate(
        MEASURES, start=1
    ):
        for v, variant in enumerate(variants, start=1):
            rows.append(
                {
                    "ref": f"{REF_PREFIX} {m:02d}.{v}",
                    "name": f"{name} ({variant})",
                    "unit": unit,
                    "polarity": polarity,
                    "decimal_places": places,
                    "level": level,
                    "spread": spread,
                    "trend": trend,
                }
            )
    return rows
