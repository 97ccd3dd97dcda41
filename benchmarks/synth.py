"""Synthetic folkmoot projects for benchmarks.

    python benchmarks/synth.py N DEST

writes a complete project folder DEST: a copy of the repository's
``mkdocs.yml`` and ``content/``, plus ``assemblies/`` holding N synthetic
but realistic records that pass ``folkmoot check`` with no errors.

The records are built from phrase pools (see THEMES and the pools below), so
they read like real ones and have roughly the size of the example records in
``assemblies/``:

* 20 themes, each with its own titles, questions, input, problems and asks;
* dates spread from 2021 to 2027; "today" for benchmarks is 2026-11-25
  (SOURCE_DATE_EPOCH=1795564800). About 1 in 10 assemblies is upcoming and,
  like a real announced assembly, has a registration link, input and
  questions but no deliberation, integration, outcomes, attendance or video;
* past assemblies have a venue with access information, a summary,
  attendance, a YouTube recap video, 2-3 input items, 2-3 questions, 6-8
  deliberation groups with 4-7 bullet notes, 5-7 integration points and 4-6
  outcomes with ids and 1-3 dated updates (oldest first, never after today);
* every past assembly has one evidence entry (in English, Welsh or French),
  three groups' notes in files, a recap story and answers from the bodies
  asked, with promises (`promised_by`) and, for half, the assembly's
  verdict on the answer; every tenth has two consented photos; the
  example's mkdocs.yml (copied) sets `reports:` (``--light``: the first
  benchmarks' records, a third with evidence, none of the rest);
* no personal names, email addresses or phone numbers anywhere (speakers are
  organisations or roles, as the record contract asks).

Everything is deterministic: record ``i`` only depends on ``i`` (each record
has its own seeded random generator), so the first 100 records of a
1000-record project are the same as the records of a 100-record project.
Slugs are ``YYYY-MM-DD-word-word-NNNN`` where NNNN is the record's index,
so they are unique.

As a module: ``make_project(n, dest) -> dest``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import re
import shutil
import string
import sys
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
TODAY = dt.date(2026, 11, 25)  # SOURCE_DATE_EPOCH=1795564800, used by benchmarks/build.py
FIRST_DAY = dt.date(2021, 1, 1)
LAST_DAY = dt.date(2027, 9, 30)
UPCOMING_SHARE = 0.10
EVIDENCE_SHARE = 1 / 3
SEED = "folkmoot-bench"

# ---------------------------------------------------------------------------
# Phrase pools. Each theme has its own vocabulary; the note, outcome and
# update sentences below combine it with pools shared by every theme.
# ---------------------------------------------------------------------------

THEMES = [
    dict(slug="flood-risk", title="Flooding", tags=["flooding", "climate adaptation"],
         problems=["blocked gullies on the estate", "water coming up through basement floors",
                   "run-off from paved front gardens", "the brook overtopping after heavy rain",
                   "no warning before the water arrived", "insurance refused after a claim"],
         asks=["map the streets where water collected", "clear the gullies every autumn",
               "set up a neighbour warning chain for heavy rain", "fund flood doors and air-brick covers",
               "turn part of the brookside green into a wetland", "publish the flood investigation in plain English"],
         actors=["Northfield Borough Council", "the water company", "the Environment Agency"]),
    dict(slug="cooler-streets", title="Cooler Streets", tags=["heat", "climate adaptation"],
         problems=["bedrooms that stay too hot to sleep in", "bus stops with no shade at all",
                   "the high street feeling like an oven at midday", "older neighbours not going out in heatwaves",
                   "schools with classrooms above thirty degrees", "too few drinking fountains in the town centre"],
         asks=["plant street trees on the hottest roads", "open cool rooms in libraries during heatwaves",
               "add shade and water refill points at bus stops", "check on isolated neighbours during heat alerts",
               "paint school playground surfaces a lighter colour", "write a heat plan for the town"],
         actors=["Northfield Borough Council", "the county public health team", "local schools"]),
    dict(slug="warm-homes", title="Warm, Affordable Homes", tags=["home energy", "housing"],
         problems=["damp and mould in rented flats", "heating bills people cannot afford",
                   "draughty single-glazed windows", "landlords refusing to insulate",
                   "confusing grant schemes for heat pumps", "families heating only one room"],
         asks=["run a street-by-street insulation drive", "set up a free home energy advice desk",
               "enforce minimum energy standards for rented homes", "lend thermal cameras from the library",
               "bulk-buy loft insulation for whole terraces", "publish a list of trusted local installers"],
         actors=["Northfield Borough Council", "housing associations", "private landlords"]),
    dict(slug="clean-air", title="Clean Air", tags=["air quality", "health"],
         problems=["engine idling outside the primary school", "lorries cutting through residential streets",
                   "children with asthma missing school", "wood-burning smoke on winter evenings",
                   "no air monitoring near the ring road", "traffic queues on Station Road"],
         asks=["introduce school streets at drop-off time", "install air monitors near schools",
               "run an anti-idling campaign with drivers", "reroute heavy lorries away from homes",
               "share air quality readings in plain English", "plant hedges between the road and the playground"],
         actors=["Northfield Borough Council", "the county highways team", "local schools"]),
    dict(slug="safer-cycling", title="Walking and Cycling", tags=["transport", "active travel"],
         problems=["pavements blocked by parked cars", "no safe cycle route to the station",
                   "fast traffic on the school run", "broken dropped kerbs for wheelchair users",
                   "nowhere secure to lock a bike", "crossings that change too quickly for older people"],
         asks=["build a protected cycle lane to the station", "fit secure bike hangars on terraced streets",
               "lower the speed limit near schools", "repair dropped kerbs across the town",
               "run free cycle training for adults", "lengthen crossing times on the high street"],
         actors=["the county highways team", "Northfield Borough Council", "the rail operator"]),
    dict(slug="local-food", title="Local Food", tags=["food", "community"],
         problems=["no affordable fresh food on the estate", "allotment waiting lists of several years",
                   "food waste from supermarkets", "families relying on the food bank",
                   "few places to learn to cook on a budget", "small growers unable to sell locally"],
         asks=["open a weekly community market", "turn unused land into community gardens",
               "start a community fridge at the centre", "run cook-and-share sessions for families",
               "ask supermarkets to donate surplus food", "buy school meals from local growers"],
         actors=["Northfield Borough Council", "local supermarkets", "the school catering service"]),
    dict(slug="green-spaces", title="Parks and Green Spaces", tags=["nature", "green space"],
         problems=["parks mown so often that nothing flowers", "no benches for people who need to rest",
                   "litter around the playground", "poor lighting on the park paths",
                   "the old sports field left fenced off", "too few toilets in the parks"],
         asks=["let verges grow as wildflower meadows", "add benches along the main park paths",
               "set up a friends-of-the-park group", "reopen the old sports field to the public",
               "light the path through Northfield Park", "plant a community orchard"],
         actors=["Northfield Borough Council", "the parks service", "the town council"]),
    dict(slug="community-energy", title="Community Energy", tags=["energy", "community"],
         problems=["school roofs with no solar panels", "energy profits leaving the town",
                   "people unsure whether solar is worth it", "grid connection delays",
                   "no local say over new energy schemes", "community buildings with high bills"],
         asks=["set up a community energy cooperative", "put solar panels on school roofs",
               "run open days at homes with heat pumps", "share the benefits of local wind and solar",
               "offer community shares to residents", "cut bills at the community centre"],
         actors=["Northfield Borough Council", "the district network operator", "local schools"]),
    dict(slug="repair-reuse", title="Waste, Repair and Reuse", tags=["waste", "community"],
         problems=["fly-tipping in the back lanes", "recycling rules that keep changing",
                   "working furniture sent to landfill", "no place to get things repaired",
                   "overflowing bins after bank holidays", "single-use cups at every event"],
         asks=["run a monthly repair cafe", "open a library of things", "collect bulky items for reuse",
               "explain recycling rules on one simple leaflet", "put refill stations in the market",
               "add bins and collections after busy weekends"],
         actors=["Northfield Borough Council", "the waste contractor", "local businesses"]),
    dict(slug="water-saving", title="Water in a Drier Climate", tags=["water", "climate adaptation"],
         problems=["hosepipe bans every summer", "leaks that take weeks to fix",
                   "allotments drying out in July", "sewage spills into the brook",
                   "rainwater running straight into drains", "no advice on saving water at home"],
         asks=["hand out water butts at cost price", "fix leaks faster on the estate",
               "publish sewage spill data for the brook", "plant rain gardens on the housing estates",
               "run water-saving visits for households", "collect rainwater at the allotments"],
         actors=["the water company", "Northfield Borough Council", "the Environment Agency"]),
    dict(slug="better-buses", title="Buses and Public Transport", tags=["transport", "public transport"],
         problems=["the last bus leaving before evening shifts end", "fares that cost more than driving",
                   "routes cut to the hospital", "timetables nobody can find online",
                   "bus stops with no seating", "buses stuck in the same traffic as cars"],
         asks=["restore the evening bus to the hospital", "cap fares for young people",
               "add bus lanes on Station Road", "put live departure boards at the main stops",
               "run a demand-responsive minibus for villages", "add seats and shelters at every stop"],
         actors=["the county transport authority", "the bus operator", "Northfield Borough Council"]),
    dict(slug="street-trees", title="Trees and Canopy", tags=["nature", "heat"],
         problems=["young trees dying in their first summer", "mature trees felled for parking",
                   "streets with no trees at all", "roots lifting the pavement",
                   "nobody watering trees in dry spells", "tree planting only in wealthier areas"],
         asks=["plant trees first on the streets with none", "set up tree-watering volunteers",
               "protect mature trees in the planning rules", "map the town's tree canopy",
               "give every new baby a tree to plant", "plant fruit trees in school grounds"],
         actors=["Northfield Borough Council", "the tree officer", "housing associations"]),
    dict(slug="wild-places", title="Nature and Wildlife", tags=["nature", "biodiversity"],
         problems=["fewer swifts every year", "hedgehogs unable to cross garden fences",
                   "pesticides used on verges", "the pond at the park silting up",
                   "light pollution along the brook", "development on the last wild meadow"],
         asks=["put swift bricks in new buildings", "cut hedgehog holes in garden fences",
               "stop spraying pesticides on verges", "restore the pond in Northfield Park",
               "dim lighting along the brook at night", "protect the meadow as a nature reserve"],
         actors=["Northfield Borough Council", "the county wildlife trust", "developers"]),
    dict(slug="young-voices", title="Young People and the Climate", tags=["young people", "community"],
         problems=["young people left out of decisions", "climate anxiety at school",
                   "nowhere to meet that is free", "few green apprenticeships locally",
                   "youth clubs closing", "school trips to nature cut for cost"],
         asks=["set up a youth climate panel", "fund green apprenticeships with local firms",
               "reopen a youth space at the centre", "run climate workshops in secondary schools",
               "include young people in the council's climate board", "fund nature trips for every class"],
         actors=["Northfield Borough Council", "local schools", "the further education college"]),
    dict(slug="healthy-town", title="Health and the Climate", tags=["health", "climate adaptation"],
         problems=["GP surgeries overwhelmed in heatwaves", "cold homes making people ill",
                   "poor air near the health centre", "isolation in bad weather",
                   "no green space near the hospital", "mental health worries about climate change"],
         asks=["train volunteers to check on at-risk neighbours", "add green walking routes to the health centre",
               "prescribe nature and gardening groups", "plan for heat in care homes",
               "run warm spaces in winter", "offer climate wellbeing sessions"],
         actors=["the local NHS trust", "Northfield Borough Council", "care homes"]),
    dict(slug="green-jobs", title="Green Jobs and Skills", tags=["work", "energy"],
         problems=["not enough trained heat pump installers", "young people leaving the town for work",
                   "small firms unsure how to go green", "jobs at risk at the old factory",
                   "courses that are too expensive", "women under-represented in trades"],
         asks=["run retrofit courses at the college", "set up a green business network",
               "retrain factory workers for new industries", "fund free courses for adults",
               "offer paid placements with local installers", "advertise trades to girls at school"],
         actors=["the further education college", "Northfield Borough Council", "local employers"]),
    dict(slug="river-health", title="The River and the Brook", tags=["water", "nature"],
         problems=["sewage in the brook after storms", "plastic caught under the bridges",
                   "banks eroding by the footpath", "fish kills in hot summers",
                   "people unable to get down to the water", "invasive plants along the banks"],
         asks=["test the brook's water every month", "hold regular river clean-ups",
               "restore the banks with native planting", "ask for the brook to be a bathing water",
               "build an accessible path to the water", "clear invasive plants with volunteers"],
         actors=["the water company", "the Environment Agency", "Northfield Borough Council"]),
    dict(slug="ready-together", title="Community Resilience", tags=["emergencies", "community"],
         problems=["power cuts in winter storms", "no plan for who checks on whom",
                   "the community centre without a generator", "people not knowing where to go in an emergency",
                   "phone signal lost during storms", "supplies running out in the shops"],
         asks=["write a community emergency plan", "set up rest centres in halls and schools",
               "train street champions", "fit a backup battery at the community centre",
               "keep emergency kits in every block of flats", "run an emergency exercise every year"],
         actors=["Northfield Borough Council", "the county resilience forum", "housing associations"]),
    dict(slug="fair-housing", title="Housing and the Climate", tags=["housing", "home energy"],
         problems=["new homes built without solar or heat pumps", "overcrowded flats that overheat",
                   "empty homes while people wait for housing", "repairs taking months",
                   "high rents in the newer homes", "homes built on land that floods"],
         asks=["require solar and heat pumps on new homes", "bring empty homes back into use",
               "set repair time limits for social landlords", "stop building on the floodplain",
               "ventilate overcrowded flats", "publish energy ratings of council homes"],
         actors=["Northfield Borough Council", "housing associations", "developers"]),
    dict(slug="plastic-free", title="Plastic and Packaging", tags=["waste", "shopping"],
         problems=["packaging that cannot be recycled", "plastic bottles in the park",
                   "market stalls using plastic bags", "takeaway containers in the bins",
                   "no refill shops in the town", "plastic pellets on the river bank"],
         asks=["open a refill shop in the market", "give every school a water refill point",
               "ask takeaways to accept reusable tubs", "set up a deposit scheme at events",
               "run litter picks along the river", "reward shops that go plastic-free"],
         actors=["local businesses", "Northfield Borough Council", "the market traders' association"]),
]

PLACES = ["the Millbrook estate", "Station Road", "the high street", "Northfield Park", "Elm Grove",
          "the retail park", "Hillside", "Canal Walk", "the town centre", "Oakfield", "the ring road",
          "Church Lane", "the old mill quarter", "Brookside", "Westgate"]

NEIGHBOURHOODS = ["Millbrook", "Hillside", "Oakfield", "Brookside", "Westgate", "Elm Grove", "Northfield Town Centre"]

PEOPLE = ["older residents living alone", "private renters", "parents of young children", "disabled residents",
          "young people", "shift workers", "small shop owners", "people on low incomes",
          "new arrivals to the town", "carers", "people without a car", "tenants in high-rise flats"]

FEELINGS = ["frustrated", "worried", "hopeful", "tired of being asked and not heard", "keen to act",
            "unsure where to start", "angry", "surprised"]

VENUES = [
    ("Millbrook Community Centre", "Station Road, Northfield",
     "Step-free entrance from the car park, accessible toilet on the ground floor and a hearing loop in the main hall."),
    ("St Mary's Church Hall", "Church Lane, Northfield",
     "Ramp at the side door, accessible toilet, large-print agendas and a quiet room."),
    ("Northfield Library", "Market Square, Northfield",
     "Lift to the first-floor meeting room, hearing loop, and seating with arms."),
    ("Oakfield Primary School", "Oakfield Road, Northfield",
     "Step-free throughout, accessible toilet, free creche in the next classroom."),
    ("Hillside Youth and Community Hub", "Hillside Avenue, Northfield",
     "Level access, accessible parking bays by the door, British Sign Language interpreter on request."),
    ("The Old Mill Arts Space", "Canal Walk, Northfield",
     "Step-free ground floor, accessible toilet, low lighting and a quiet corner."),
    ("Westgate Mosque Community Room", "Westgate, Northfield",
     "Level access from the car park, separate quiet room, refreshments for all dietary needs."),
    ("Northfield Town Hall", "Market Square, Northfield",
     "Lift to the council chamber, hearing loop, accessible toilets on every floor."),
]

SPEAKERS = [
    ("Northfield Borough Council", "Climate and sustainability officer"),
    ("Northfield Borough Council", "Public health team"),
    ("A resident of {place}", "Tenant and member of the residents' association"),
    ("Northfield Climate Centre", "Volunteer researcher"),
    ("The county wildlife trust", "Community engagement officer"),
    ("A local GP practice", "Practice nurse"),
    ("Northfield Youth Forum", "Young volunteers"),
    ("A local small business", "Owner of a shop on the high street"),
    ("The University of Northfield", "Researcher in climate adaptation"),
    ("A parent at Oakfield Primary", "Member of the parents' group"),
]

ORGANISERS = ["Northfield Climate Centre", "Millbrook Tenants' and Residents' Association", "Northfield Youth Forum",
              "Friends of Northfield Park", "Northfield Interfaith Forum"]

TALK_TITLES = ["What we know about {problem} in Northfield", "Living with {problem}", "How others tackled {problem}",
               "The council's plans for {title_lc}", "{title} in numbers", "A street's story: {problem}"]

INPUT_SUMMARIES = [
    "The talk set out what is already known about {problem} around {place}, who is most affected, and what "
    "the main organisations are responsible for.",
    "A first-hand account of {problem}, and of how long it took to find out who could help. The speaker asked "
    "the room to think about {people} in particular.",
    "A short overview of what other towns have done, with examples of residents working with the council to "
    "{ask}.",
    "The speaker explained the current plans, the budget available and where residents can still shape them, "
    "and answered questions about {problem}.",
]

QUESTIONS = ["How does {title_lc} affect our lives in Northfield, and who is hit hardest?",
             "What could we do ourselves, as neighbours, about {problem}?",
             "What should {actor} change, and by when?",
             "What would Northfield look like if we got {title_lc} right?",
             "Which ideas should we take forward first?"]

NOTES = [
    "People at this table were {feeling} about {problem}.",
    "{People_cap} are hit hardest by {problem}, and are rarely asked what would help.",
    "Several people had never heard that anyone was responsible for {problem}.",
    "Suggestion to {ask}, starting around {place}.",
    "One person had seen a town nearby {ask_past}, and offered to share what they learned.",
    "Worry that {actor} will not act unless many residents ask together.",
    "Agreement that we could {ask} ourselves, without waiting for anyone.",
    "Disagreement about whether the money should go first to {place} or to {place2}.",
    "The table wanted {actor} to explain their plans in plain English.",
    "Ideas should be tested with {people} before anything is decided.",
    "Some doubt that anything will change; people have raised {problem} before.",
    "A volunteer rota could help {people} who cannot come to meetings.",
    "Noted that {problem} is worse in winter around {place}.",
    "Noted that {problem} got worse over the last few summers around {place}.",
    "Ask {actor} for a named contact, not a general inbox.",
    "People want regular updates, at the centre and on paper, not only online.",
    "The school gate and the market are better places to reach people than public meetings.",
    "Keep costs low so that {people} are not left out.",
    "Start small: one street or block first, then share what worked.",
]

POINT_TEMPLATES = ["{Ask}", "{Ask}, starting with {place}", "Ask {actor} to {ask}", "{Ask}, with help for {people}"]

DETAILS = [
    "The assembly asks {actor} to {ask}, starting with {place}, and to report back to residents within six months.",
    "Volunteers will {ask}, beginning around {place}, so that {people} get help first.",
    "A question for {actor}: what will be done about {problem}, and when?",
    "Residents agreed to {ask}, and to ask {actor} for the support needed to keep it going.",
]

UPDATE_NOTES = {
    "shared": ["Sent to {actor} with the assembly summary.", "Raised at the council's scrutiny committee.",
               "Presented at the ward forum at {place}."],
    "acknowledged": ["{Actor} replied and promised a fuller answer.", "Discussed with officers; a meeting is planned.",
                     "{Actor} said it will consider this in next year's budget."],
    "in-progress": ["Volunteers have started, beginning around {place}.", "A working group meets every month.",
                    "Funding has been found for a first phase."],
    "adopted": ["{Actor} has agreed to this and published a timetable.", "Included in the council's new climate plan."],
    "done": ["Finished and shared at the follow-up meeting.", "Completed; photos and a short report are online."],
    "declined": ["{Actor} said there is no budget this year.", "{Actor} replied that this is not its responsibility."],
}

# Which statuses can follow which: a plausible follow-up trail, oldest first.
NEXT_STATUS = {
    None: ["shared", "shared", "in-progress"],
    "shared": ["acknowledged", "acknowledged", "declined", "in-progress"],
    "acknowledged": ["in-progress", "adopted", "declined"],
    "in-progress": ["done", "adopted", "in-progress"],
    "adopted": ["in-progress", "done"],
    "done": [],
    "declined": ["shared"],
}

COMMITTEES = [("House of Commons Environmental Audit Committee", "{title} and local communities"),
              ("House of Commons Levelling Up, Housing and Communities Committee", "{title}: what residents need"),
              ("House of Lords Built Environment Committee", "Adapting towns to climate change"),
              ("Northfield Borough Council Scrutiny Committee", "Review of the council's work on {title_lc}"),
              ("The Climate Change Committee", "Progress in adapting to climate change")]

SUPPORT_WEIGHTS = (["strong"] * 4) + (["broad"] * 4) + (["mixed"] * 2) + ["low"]
ID_CHARS = string.ascii_letters + string.digits + "-_"


# ---------------------------------------------------------------------------
# Building one record.
# ---------------------------------------------------------------------------

def _slugify(text: str, words: int = 5) -> str:
    return "-".join(re.findall(r"[a-z0-9]+", text.lower())[:words])


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _past(ask: str) -> str:
    """An ask after "had seen a town nearby ...", without having to conjugate it."""
    return f"manage to {ask}"


class _Phrases:
    """Fills templates with a random choice from the theme's and the shared pools."""

    def __init__(self, rng: random.Random, theme: dict):
        self.rng, self.theme = rng, theme

    def fill(self, template: str, **fixed) -> str:
        rng, t = self.rng, self.theme
        place, place2 = rng.sample(PLACES, 2)
        ask = fixed.get("ask") or rng.choice(t["asks"])
        actor = fixed.get("actor") or rng.choice(t["actors"])
        values = dict(problem=fixed.get("problem") or rng.choice(t["problems"]), ask=ask, Ask=_cap(ask),
                      ask_past=_past(ask), actor=actor, Actor=_cap(actor), place=place, place2=place2,
                      people=rng.choice(PEOPLE), People_cap=_cap(rng.choice(PEOPLE)), feeling=rng.choice(FEELINGS),
                      title=t["title"], title_lc=t["title"].lower())
        return template.format(**values)


def _random_date(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    return start + dt.timedelta(days=rng.randint(0, max(0, (end - start).days)))


RESPONSES = {"acknowledged": "noted", "adopted": "accepted", "declined": "rejected", "in-progress": "partly"}
PHOTO_EVERY = 10  # realistic: every tenth held assembly has two consented photos


def make_record(index: int, light: bool = False, photos: bool = True) -> tuple[str, dict]:
    """Return (slug, record) for synthetic assembly number ``index``.

    `light` is the shape of the first benchmarks (a third with evidence, notes
    inline, no answers); the default is as heavy as a real record: evidence,
    notes files, a recap story, answers from the bodies asked (``_files`` holds
    the files the record points to; ``make_project`` writes them)."""
    rng = random.Random(f"{SEED}-{index}")
    theme = THEMES[rng.randrange(len(THEMES))]
    p = _Phrases(rng, theme)

    upcoming = rng.random() < UPCOMING_SHARE
    if upcoming:
        date = _random_date(rng, TODAY + dt.timedelta(days=1), LAST_DAY)
    else:
        date = _random_date(rng, FIRST_DAY, TODAY - dt.timedelta(days=1))
    slug = f"{date.isoformat()}-{theme['slug']}-{index:04d}"

    venue_name, address, access = rng.choice(VENUES)
    start_hour = rng.choice([10, 14, 18, 18, 19])
    questions = [p.fill(q) for q in rng.sample(QUESTIONS, rng.randint(2, 3))]
    organisers = ["Northfield Climate Centre"] + rng.sample(ORGANISERS[1:], rng.randint(0, 1))

    record: dict = {
        "title": f"People's Assembly on {theme['title']}" + rng.choice(["", f", {date:%B %Y}", f" in {rng.choice(NEIGHBOURHOODS)}"]),
        "date": date,
        "time": Quoted(f"{start_hour}:30-{start_hour + 2}:30"),
        "draft": False,
        "venue": {"name": venue_name, "address": address, "access": access},
        "organisers": organisers,
        "themes": list(theme["tags"]) + [extra for extra in rng.sample(["climate adaptation", "community", "fairness"],
                                                                        rng.randint(0, 1)) if extra not in theme["tags"]],
    }
    if rng.random() < 0.2:
        record["venue"]["online"] = f"https://meet.northfieldclimate.example/{theme['slug']}-{index:04d}"

    inputs = []
    for n in range(rng.randint(2, 3)):
        speaker, role = rng.choice(SPEAKERS)
        item = {"title": p.fill(rng.choice(TALK_TITLES)),
                "speaker": p.fill(speaker), "role": role,
                "kind": rng.choice(["talk", "talk", "story", "video", "slides"]),
                "summary": p.fill(rng.choice(INPUT_SUMMARIES))}
        if item["kind"] in ("video", "slides") or rng.random() < 0.3:
            item["url"] = f"https://northfieldclimate.example/resources/{theme['slug']}/{index:04d}-{n + 1}"
        inputs.append(item)

    problem1, problem2 = rng.sample(theme["problems"], 2)  # for the summary
    if upcoming:
        record["registration"] = f"https://northfieldclimate.example/register/{slug}"
        record["summary"] = (f"An evening to talk about {theme['title'].lower()} in Northfield: "
                             f"{problem1}, {problem2}, and what residents "
                             f"want to change. Everyone is welcome and no expertise is needed.")
        record["input"] = inputs
        record["questions"] = questions
        return slug, record

    # ----- a held assembly: the full record -----
    groups = []
    n_groups = rng.randint(6, 8)
    for g in range(n_groups):
        notes = [p.fill(t) for t in rng.sample(NOTES, rng.randint(4, 7))]
        groups.append({"group": f"Table {g + 1}", "participants": rng.randint(4, 9),
                       "question": rng.randint(1, len(questions)),
                       "notes": "".join(f"- {line}\n" for line in notes)})
    attendance = sum(g["participants"] for g in groups) + rng.randint(0, 8)

    asks = rng.sample(theme["asks"], len(theme["asks"]))
    points = [{"point": p.fill(rng.choice(POINT_TEMPLATES), ask=asks[k % len(asks)]),
               "support": rng.choice(SUPPORT_WEIGHTS)} for k in range(rng.randint(5, 7))]

    outcomes = []
    for k in range(rng.randint(4, 6)):
        ask = asks[k % len(asks)]
        kind = rng.choice(["recommendation", "recommendation", "community-action", "question"])
        actor = rng.choice(theme["actors"])
        outcome = {"id": f"{_slugify(ask, 4)}-{k + 1}", "title": _cap(ask),
                   "detail": p.fill(DETAILS[{"recommendation": 0, "community-action": 1, "question": 2}[kind]]
                                    if rng.random() < 0.8 else DETAILS[3], ask=ask, actor=actor),
                   "kind": kind,
                   "directed_to": ["Northfield Climate Centre"] if kind == "community-action" else [_cap(actor)],
                   "status": "proposed",
                   "updates": []}
        # A follow-up trail: 1-3 updates, dated after the assembly, oldest first, never after today.
        when, status = date, None
        answered = light or kind == "community-action"
        for _ in range(rng.randint(1, 3)):
            choices = NEXT_STATUS[status]
            if not choices:
                break
            status = rng.choice(choices)
            when = min(when + dt.timedelta(days=rng.randint(7, 120)), TODAY)
            update = {"date": when, "status": status,
                      "note": p.fill(rng.choice(UPDATE_NOTES[status]), actor=actor)}
            if not answered and status in RESPONSES and outcome["updates"]:  # the body's answer
                update["from"] = outcome["directed_to"][0]
                update["response"] = RESPONSES[status]
                if not light and status in ("acknowledged", "adopted", "in-progress"):  # a promise with a date
                    update["promised_by"] = when + dt.timedelta(days=rng.choice([30, 90, 180, 365]))
                answered = when
            if rng.random() < 0.25:
                update["link"] = f"https://northfieldclimate.example/updates/{slug}/{outcome['id']}"
            outcome["updates"].append(update)
        if not light and answered is not True and answered and rng.random() < 0.5:
            # the assembly's own judgement of the answer, at a later meeting (not one named: any day after)
            judged = min(answered + dt.timedelta(days=rng.randint(14, 200)), TODAY)
            outcome["verdicts"] = [{"date": judged, "on": outcome["directed_to"][0],
                                    "verdict": rng.choice(["satisfied", "partly satisfied", "not satisfied"]),
                                    "score": rng.randint(0, 10),
                                    "note": p.fill("The room discussed the answer from {actor} about {problem}.",
                                                   actor=actor)}]
        if not light and kind != "community-action":
            outcome["asked"] = date + dt.timedelta(days=rng.randint(1, 6))
            first = outcome["updates"][0]["date"] if outcome["updates"] else None
            if first is not None and first < outcome["asked"]:
                outcome["asked"] = first
        outcomes.append(outcome)

    record.update({
        "summary": (f"{attendance} residents met at {venue_name} to talk about {theme['title'].lower()} in Northfield, "
                    f"from {problem1} to {problem2}. {n_groups} tables "
                    f"agreed on {len(outcomes)} proposals, including to {asks[0]}."),
        "attendance": attendance,
        "recap_video": "https://www.youtube.com/watch?v=" + "".join(rng.choice(ID_CHARS) for _ in range(11)),
        "input": inputs,
        "questions": questions,
        "deliberation": groups,
        "integration": points,
        "outcomes": outcomes,
    })
    files: dict[str, str | bytes] = {}
    if not light:
        # three groups keep their notes in files, and there is a recap story
        for g in groups[:3]:
            name = f"notes/{_slugify(g['group'])}.md"
            files[name] = g.pop("notes")
            g["notes_file"] = name
        files["recap.md"] = "\n\n".join(p.fill(rng.choice(INPUT_SUMMARIES)) + " " + p.fill(DETAILS[3],
                                        ask=rng.choice(asks), actor=rng.choice(theme["actors"])) for _ in range(4)) + "\n"
        record["recap"] = "recap.md"
        if photos and index % PHOTO_EVERY == 0:
            record["photos"] = [{"file": f"photos/hall-{k}.jpg", "alt": f"Tables set out in the hall, view {k}",
                                 "caption": "The hall before the assembly.", "consent": True} for k in (1, 2)]
            for k in (1, 2):
                files[f"photos/hall-{k}.jpg"] = _photo(index * 10 + k)
    record["_files"] = files
    if not light or rng.random() < EVIDENCE_SHARE:
        to, inquiry = rng.choice(COMMITTEES)
        entry = {"to": to, "inquiry": p.fill(inquiry), "deadline": date + dt.timedelta(days=rng.randint(20, 90)),
                 "outcomes": [o["id"] for o in rng.sample(outcomes, rng.randint(2, 3))], "word_limit": 3000}
        if entry["deadline"] < TODAY and rng.random() < 0.5:
            entry["reference"] = f"CLI{rng.randint(1, 999):04d}"
            entry["url"] = f"https://committees.parliament.example/writtenevidence/{rng.randint(10000, 99999)}/html/"
        if not light:  # submissions in the language each is asked for: English mostly, some Welsh and French
            entry["language"] = rng.choice(["en-GB"] * 6 + ["cy", "fr"])
        record["evidence"] = [entry]
    return slug, record


# ---------------------------------------------------------------------------
# Writing YAML that looks hand-written: multi-line text as `|` blocks.
# ---------------------------------------------------------------------------

class _Dumper(yaml.SafeDumper):
    def ignore_aliases(self, data):
        # Records may not use anchors/aliases (folkmoot refuses them); PyYAML
        # would otherwise emit `&id001`/`*id001` for objects used twice, such
        # as the same date in two updates.
        return True


class Quoted(str):
    """Text always written in double quotes (e.g. `time: "18:30-20:30"`, as the contract shows)."""


def _str(dumper: yaml.SafeDumper, value: str):
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)
_Dumper.add_representer(Quoted, lambda dumper, value: dumper.represent_scalar("tag:yaml.org,2002:str", str(value), style='"'))


def _photo(seed: int) -> bytes:
    """A 1600 by 1067 JPEG with grain, about the size of a resized phone photo."""
    import io

    from PIL import Image, ImageDraw

    rng = random.Random(seed)
    image = Image.new("RGB", (1600, 1067), (rng.randrange(150, 230), rng.randrange(150, 230), rng.randrange(150, 230)))
    draw = ImageDraw.Draw(image)
    for _ in range(40):
        x, y = rng.randrange(1600), rng.randrange(1067)
        draw.ellipse((x, y, x + rng.randrange(40, 200), y + rng.randrange(40, 200)),
                     fill=(rng.randrange(256), rng.randrange(256), rng.randrange(256)))
    image = Image.blend(image, Image.effect_noise(image.size, 60).convert("RGB"), 0.15)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85)
    return out.getvalue()


def record_yaml(slug: str, record: dict) -> str:
    header = f"# Synthetic record {slug}, generated by benchmarks/synth.py.\n\n"
    return header + yaml.dump(record, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)


def make_project(n: int, dest: Path, source: Path = REPO, light: bool = False, photos: bool = True) -> Path:
    """Create project folder ``dest`` with ``n`` synthetic assemblies; return ``dest``.

    mkdocs.yml, content/ (and templates/, if any) are copied from ``source``,
    the repository by default. ``dest`` must not exist yet or be empty
    (refuses to overwrite anything).
    """
    dest, source = Path(dest), Path(source)
    if dest.exists() and any(dest.iterdir()):
        raise FileExistsError(f"{dest} exists and is not empty")
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copy2(source / "mkdocs.yml", dest / "mkdocs.yml")
    shutil.copytree(source / "content", dest / "content")
    if (source / "templates").is_dir():  # an organisation's template overrides, if the repo has any
        shutil.copytree(source / "templates", dest / "templates")
    base = dest / "assemblies"
    base.mkdir()
    for i in range(n):
        slug, record = make_record(i, light, photos)
        folder = base / slug
        folder.mkdir()
        for name, content in record.pop("_files", {}).items():
            path = folder / name
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(content, encoding="utf-8")
        (folder / "assembly.yml").write_text(record_yaml(slug, record), encoding="utf-8")
    return dest


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write a folkmoot project with N synthetic assemblies.")
    parser.add_argument("n", type=int, help="number of assemblies")
    parser.add_argument("dest", type=Path, help="project folder to create (must not exist or be empty)")
    parser.add_argument("--light", action="store_true",
                        help="the first benchmarks' lighter records (a third with evidence, no files, answers or photos)")
    args = parser.parse_args(argv)
    try:
        make_project(args.n, args.dest, light=args.light)
    except FileExistsError as exc:
        print(f"synth.py: {exc}", file=sys.stderr)
        return 1
    print(f"Wrote {args.n} assemblies to {args.dest / 'assemblies'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
