"""England's 153 upper-tier local authorities (from April 2023): name, ONS code, kind and
region. Upper tier means those responsible for children's and adult social care and
education, the councils DfE and OHID publish benchmarks for: 21 county councils,
63 unitary authorities (including the Isles of Scilly), 36 metropolitan boroughs and
33 London boroughs (including the City of London).

Slugs match fixtures/reference.json where a council is already there, so generating the
national data set reuses Durham, Stockton-on-Tees, Norfolk and their comparators.
Codes are the ONS GSS codes in use since the 2023 reorganisations (Cumberland,
Westmorland and Furness, North Yorkshire and Somerset unitaries).
"""

from django.utils.text import slugify

NORTH_EAST = "North East"
NORTH_WEST = "North West"
YORKSHIRE = "Yorkshire and The Humber"
EAST_MIDLANDS = "East Midlands"
WEST_MIDLANDS = "West Midlands"
EAST = "East of England"
LONDON = "London"
SOUTH_EAST = "South East"
SOUTH_WEST = "South West"

REGIONS = [
    NORTH_EAST,
    NORTH_WEST,
    YORKSHIRE,
    EAST_MIDLANDS,
    WEST_MIDLANDS,
    EAST,
    LONDON,
    SOUTH_EAST,
    SOUTH_WEST,
]
# fixtures/reference.json already names two regional groups; the others are slugified.
REGION_GROUP_SLUGS = {NORTH_EAST: "north-east", EAST: "eastern-region"}

# (ONS code, name, region); the kind follows from the code's prefix.
AUTHORITIES = [
    # Unitary authorities (E06)
    ("E06000001", "Hartlepool", NORTH_EAST),
    ("E06000002", "Middlesbrough", NORTH_EAST),
    ("E06000003", "Redcar and Cleveland", NORTH_EAST),
    ("E06000004", "Stockton-on-Tees", NORTH_EAST),
    ("E06000005", "Darlington", NORTH_EAST),
    ("E06000006", "Halton", NORTH_WEST),
    ("E06000007", "Warrington", NORTH_WEST),
    ("E06000008", "Blackburn with Darwen", NORTH_WEST),
    ("E06000009", "Blackpool", NORTH_WEST),
    ("E06000010", "Kingston upon Hull", YORKSHIRE),
    ("E06000011", "East Riding of Yorkshire", YORKSHIRE),
    ("E06000012", "North East Lincolnshire", YORKSHIRE),
    ("E06000013", "North Lincolnshire", YORKSHIRE),
    ("E06000014", "York", YORKSHIRE),
    ("E06000015", "Derby", EAST_MIDLANDS),
    ("E06000016", "Leicester", EAST_MIDLANDS),
    ("E06000017", "Rutland", EAST_MIDLANDS),
    ("E06000018", "Nottingham", EAST_MIDLANDS),
    ("E06000019", "Herefordshire", WEST_MIDLANDS),
    ("E06000020", "Telford and Wrekin", WEST_MIDLANDS),
    ("E06000021", "Stoke-on-Trent", WEST_MIDLANDS),
    ("E06000022", "Bath and North East Somerset", SOUTH_WEST),
    ("E06000023", "Bristol", SOUTH_WEST),
    ("E06000024", "North Somerset", SOUTH_WEST),
    ("E06000025", "South Gloucestershire", SOUTH_WEST),
    ("E06000026", "Plymouth", SOUTH_WEST),
    ("E06000027", "Torbay", SOUTH_WEST),
    ("E06000030", "Swindon", SOUTH_WEST),
    ("E06000031", "Peterborough", EAST),
    ("E06000032", "Luton", EAST),
    ("E06000033", "Southend-on-Sea", EAST),
    ("E06000034", "Thurrock", EAST),
    ("E06000035", "Medway", SOUTH_EAST),
    ("E06000036", "Bracknell Forest", SOUTH_EAST),
    ("E06000037", "West Berkshire", SOUTH_EAST),
    ("E06000038", "Reading", SOUTH_EAST),
    ("E06000039", "Slough", SOUTH_EAST),
    ("E06000040", "Windsor and Maidenhead", SOUTH_EAST),
    ("E06000041", "Wokingham", SOUTH_EAST),
    ("E06000042", "Milton Keynes", SOUTH_EAST),
    ("E06000043", "Brighton and Hove", SOUTH_EAST),
    ("E06000044", "Portsmouth", SOUTH_EAST),
    ("E06000045", "Southampton", SOUTH_EAST),
    ("E06000046", "Isle of Wight", SOUTH_EAST),
    ("E06000047", "County Durham", NORTH_EAST),
    ("E06000049", "Cheshire East", NORTH_WEST),
    ("E06000050", "Cheshire West and Chester", NORTH_WEST),
    ("E06000051", "Shropshire", WEST_MIDLANDS),
    ("E06000052", "Cornwall", SOUTH_WEST),
    ("E06000053", "Isles of Scilly", SOUTH_WEST),
    ("E06000054", "Wiltshire", SOUTH_WEST),
    ("E06000055", "Bedford", EAST),
    ("E06000056", "Central Bedfordshire", EAST),
    ("E06000057", "Northumberland", NORTH_EAST),
    ("E06000058", "Bournemouth, Christchurch and Poole", SOUTH_WEST),
    ("E06000059", "Dorset", SOUTH_WEST),
    ("E06000060", "Buckinghamshire", SOUTH_EAST),
    ("E06000061", "North Northamptonshire", EAST_MIDLANDS),
    ("E06000062", "West Northamptonshire", EAST_MIDLANDS),
    ("E06000063", "Cumberland", NORTH_WEST),
    ("E06000064", "Westmorland and Furness", NORTH_WEST),
    ("E06000065", "North Yorkshire", YORKSHIRE),
    ("E06000066", "Somerset", SOUTH_WEST),
    # Metropolitan boroughs (E08)
    ("E08000001", "Bolton", NORTH_WEST),
    ("E08000002", "Bury", NORTH_WEST),
    ("E08000003", "Manchester", NORTH_WEST),
    ("E08000004", "Oldham", NORTH_WEST),
    ("E08000005", "Rochdale", NORTH_WEST),
    ("E08000006", "Salford", NORTH_WEST),
    ("E08000007", "Stockport", NORTH_WEST),
    ("E08000008", "Tameside", NORTH_WEST),
    ("E08000009", "Trafford", NORTH_WEST),
    ("E08000010", "Wigan", NORTH_WEST),
    ("E08000011", "Knowsley", NORTH_WEST),
    ("E08000012", "Liverpool", NORTH_WEST),
    ("E08000013", "St Helens", NORTH_WEST),
    ("E08000014", "Sefton", NORTH_WEST),
    ("E08000015", "Wirral", NORTH_WEST),
    ("E08000016", "Barnsley", YORKSHIRE),
    ("E08000017", "Doncaster", YORKSHIRE),
    ("E08000018", "Rotherham", YORKSHIRE),
    ("E08000019", "Sheffield", YORKSHIRE),
    ("E08000021", "Newcastle upon Tyne", NORTH_EAST),
    ("E08000022", "North Tyneside", NORTH_EAST),
    ("E08000023", "South Tyneside", NORTH_EAST),
    ("E08000024", "Sunderland", NORTH_EAST),
    ("E08000025", "Birmingham", WEST_MIDLANDS),
    ("E08000026", "Coventry", WEST_MIDLANDS),
    ("E08000027", "Dudley", WEST_MIDLANDS),
    ("E08000028", "Sandwell", WEST_MIDLANDS),
    ("E08000029", "Solihull", WEST_MIDLANDS),
    ("E08000030", "Walsall", WEST_MIDLANDS),
    ("E08000031", "Wolverhampton", WEST_MIDLANDS),
    ("E08000032", "Bradford", YORKSHIRE),
    ("E08000033", "Calderdale", YORKSHIRE),
    ("E08000034", "Kirklees", YORKSHIRE),
    ("E08000035", "Leeds", YORKSHIRE),
    ("E08000036", "Wakefield", YORKSHIRE),
    ("E08000037", "Gateshead", NORTH_EAST),
    # London boroughs and the City of London (E09)
    ("E09000001", "City of London", LONDON),
    ("E09000002", "Barking and Dagenham", LONDON),
    ("E09000003", "Barnet", LONDON),
    ("E09000004", "Bexley", LONDON),
    ("E09000005", "Brent", LONDON),
    ("E09000006", "Bromley", LONDON),
    ("E09000007", "Camden", LONDON),
    ("E09000008", "Croydon", LONDON),
    ("E09000009", "Ealing", LONDON),
    ("E09000010", "Enfield", LONDON),
    ("E09000011", "Greenwich", LONDON),
    ("E09000012", "Hackney", LONDON),
    ("E09000013", "Hammersmith and Fulham", LONDON),
    ("E09000014", "Haringey", LONDON),
    ("E09000015", "Harrow", LONDON),
    ("E09000016", "Havering", LONDON),
    ("E09000017", "Hillingdon", LONDON),
    ("E09000018", "Hounslow", LONDON),
    ("E09000019", "Islington", LONDON),
    ("E09000020", "Kensington and Chelsea", LONDON),
    ("E09000021", "Kingston upon Thames", LONDON),
    ("E09000022", "Lambeth", LONDON),
    ("E09000023", "Lewisham", LONDON),
    ("E09000024", "Merton", LONDON),
    ("E09000025", "Newham", LONDON),
    ("E09000026", "Redbridge", LONDON),
    ("E09000027", "Richmond upon Thames", LONDON),
    ("E09000028", "Southwark", LONDON),
    ("E09000029", "Sutton", LONDON),
    ("E09000030", "Tower Hamlets", LONDON),
    ("E09000031", "Waltham Forest", LONDON),
    ("E09000032", "Wandsworth", LONDON),
    ("E09000033", "Westminster", LONDON),
    # County councils (E10)
    ("E10000003", "Cambridgeshire", EAST),
    ("E10000007", "Derbyshire", EAST_MIDLANDS),
    ("E10000008", "Devon", SOUTH_WEST),
    ("E10000011", "East Sussex", SOUTH_EAST),
    ("E10000012", "Essex", EAST),
    ("E10000013", "Gloucestershire", SOUTH_WEST),
    ("E10000014", "Hampshire", SOUTH_EAST),
    ("E10000015", "Hertfordshire", EAST),
    ("E10000016", "Kent", SOUTH_EAST),
    ("E10000017", "Lancashire", NORTH_WEST),
    ("E10000018", "Leicestershire", EAST_MIDLANDS),
    ("E10000019", "Lincolnshire", EAST_MIDLANDS),
    ("E10000020", "Norfolk", EAST),
    ("E10000024", "Nottinghamshire", EAST_MIDLANDS),
    ("E10000025", "Oxfordshire", SOUTH_EAST),
    ("E10000028", "Staffordshire", WEST_MIDLANDS),
    ("E10000029", "Suffolk", EAST),
    ("E10000030", "Surrey", SOUTH_EAST),
    ("E10000031", "Warwickshire", WEST_MIDLANDS),
    ("E10000032", "West Sussex", SOUTH_EAST),
    ("E10000034", "Worcestershire", WEST_MIDLANDS),
]

KINDS = {"E06": "unitary", "E08": "metropolitan", "E09": "london", "E10": "county"}
# Where fixtures/reference.json already uses a shorter name's slug.
SLUGS = {"E06000047": "durham"}


def authority_rows():
    """[{slug, name, ons_code, kind, region}, ...] in ONS code order."""
    return [
        {
            "slug": SLUGS.get(code, slugify(name)),
            "name": name,
            "ons_code": code,
            "kind": KINDS[code[:3]],
            "region": region,
        }
        for code, name, region in sorted(AUTHORITIES)
    ]


def region_group_slug(region):
    return REGION_GROUP_SLUGS.get(region, slugify(region))
