"""Property: whatever surrounds the records (the settings in mkdocs.yml, photos
of any size and transparency, a cache someone has tampered with), `check`
never raises; when it reports no errors the build succeeds, every output
parses, and nothing the records keep off the site is in it.

Issue 23 found problems of all three kinds that records alone never show: a
misspelt time zone, a phone screenshot too tall for WebP, colour hidden
under transparent pixels, and cached entries that published a draft.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import random

import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from PIL import Image

from conftest import ROOT, build, copy_project
from folkmoot.commands.check import check_project
from test_property import assert_every_output_parses, texts, words

OPEN, DRAFT = "2025-03-14-assembly", "2025-04-10-budget"
DRAFT_WORDS, SECRET_ALT = "Zqdraftwords", "Zqsecretphoto"
BODIES = ["Northfield Borough Council", "Northfield Council", "NBC", "Ward Forum"]



def mostly(good, bad):
    """`good` seven times in eight: each setting is usually right, so that with all of them
    together a good share of examples pass check and are built."""
    return st.one_of(*[good] * 7, bad)


links = mostly(st.sampled_from(["https://example.org/", "https://northfield.example/council/"]),
               st.one_of(texts, st.sampled_from(["javascript:alert(1)", "ftp://x", "", "http://[::1"])))
days = mostly(st.integers(1, 400), st.one_of(st.integers(-5, 100_000), texts, st.none(), st.booleans(),
                                             st.floats(allow_nan=True)))
recipient = st.fixed_dictionaries({}, optional={
    "aliases": mostly(st.lists(st.one_of(words, st.sampled_from(BODIES)), max_size=3), texts),
    "url": links, "response_days": days})
recipients = mostly(st.dictionaries(st.sampled_from(BODIES), recipient, max_size=3),
                    st.one_of(st.dictionaries(st.one_of(words, st.just("")), st.one_of(st.none(), texts, recipient),
                                              max_size=3), st.lists(words, max_size=2), texts))
options = st.fixed_dictionaries({
    "repository": mostly(st.just("private"), st.sampled_from(["public", "secret", None, True])),
}, optional={
    "organisation": mostly(st.fixed_dictionaries({}, optional={"name": words, "url": links, "contact": links,
                                                               "about": texts}), texts),
    "timezone": mostly(st.sampled_from(["Europe/London", "Asia/Kolkata", "America/Argentina/Buenos_Aires", "UTC"]),
                       st.sampled_from(["Europe/Londn", "", "../../etc/passwd", 5])),
    "response_days": days, "review_days": days, "recipients": recipients,
})
top = st.fixed_dictionaries({}, optional={
    "site_name": mostly(words, st.just("<b>Org</b>")), "site_url": links,
    "language": st.sampled_from(["en", "cy", "fr", "ar", "xx", "de-CH"]),
})

# (mode, width, height, colour hidden under fully transparent pixels)
SIZES = [(1, 1), (2, 3), (40, 30), (1080, 17000), (17000, 1080), (3201, 12), (12, 3201)]
photos = st.tuples(st.sampled_from(["RGB", "RGBA", "LA", "P", "L", "I;16", "1", "CMYK"]), st.sampled_from(SIZES),
                   st.booleans())
# what is done to each cached entry between two checks
tampering = st.lists(st.sampled_from(["publish", "drop", "empty", "truncate", "garbage", "retype", "keep"]),
                     min_size=1, max_size=4)


def image(mode: str, size: tuple[int, int], hidden: bool) -> bytes:
    """A picture in `mode`: JPEG where that is how such a picture comes, else PNG; with
    `hidden`, its left half is fully transparent over bright red."""
    picture = Image.linear_gradient("L").resize(size).convert("RGBA")
    if hidden:
        left = Image.new("RGBA", (max(1, size[0] // 2), size[1]), (255, 0, 0, 0))
        picture.paste(left, (0, 0))
    out = io.BytesIO()
    if mode in ("RGB", "CMYK"):
        picture.convert(mode).save(out, "JPEG", quality=80)
    elif mode == "P":
        picture.convert("P").save(out, "PNG", transparency=0, compress_level=1)
    else:
        picture.convert(mode).save(out, "PNG", compress_level=1)
    return out.getvalue()


def write_project(root, site: dict, plugin: dict, shown: tuple, withheld: tuple) -> None:
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    for key in ("site_name", "site_url"):
        if key in site:
            config[key] = site[key]
    if "language" in site:
        config["theme"]["language"] = site["language"]
    config["plugins"] = ["search", {"folkmoot": plugin}]
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    record = {"title": "Assembly on the Budget", "date": dt.date(2025, 3, 14),
              "outcomes": [{"title": "Publish the budget", "directed_to": BODIES[:2] + ["Ward Forum"],
                            "asked": dt.date(2025, 3, 20),
                            "updates": [{"date": dt.date(2025, 4, 1), "from": "Northfield Council", "response": "noted"}]}],
              "photos": [{"file": "photos/shown.png", "alt": "The room", "consent": True},
                         {"file": "photos/withheld.png", "alt": SECRET_ALT, "consent": False}]}
    folder = root / "assemblies" / OPEN
    (folder / "photos").mkdir(parents=True)
    (folder / "assembly.yml").write_text(yaml.safe_dump(record, allow_unicode=True, sort_keys=False), encoding="utf-8")
    (folder / "photos/shown.png").write_bytes(image(*shown))
    (folder / "photos/withheld.png").write_bytes(image(*withheld))
    draft = root / "assemblies" / DRAFT
    draft.mkdir()
    (draft / "assembly.yml").write_text(f"title: {DRAFT_WORDS}\ndate: 2025-04-10\ndraft: true\n", encoding="utf-8")


def tamper(root, actions: list[str], seed: int) -> None:
    """Do the next action to each entry of the cache, as a pull request or a crash could."""
    rng = random.Random(seed)
    for i, entry in enumerate(sorted((root / ".cache/plugin/folkmoot").glob("*/*"))):
        action = actions[i % len(actions)]
        data = entry.read_bytes()
        try:
            kept = json.loads(data)
        except ValueError:
            kept = None
        if action == "publish" and isinstance(kept, dict) and isinstance(kept.get("assembly"), dict):
            kept["assembly"]["draft"] = False
            for photo in kept["assembly"].get("photos", []):
                photo["consent"] = True
            entry.write_text(json.dumps(kept))
        elif action == "drop" and isinstance(kept, dict):
            entry.write_text(json.dumps({**kept, "assembly": None, "problems": []}))
        elif action == "empty":
            entry.write_bytes(b"")
        elif action == "truncate":
            entry.write_bytes(data[:rng.randrange(len(data) + 1)])
        elif action == "garbage":
            entry.write_text(json.dumps(rng.choice([[], {}, None, 5, "x", {"assembly": {"slug": 1}, "problems": [[]]}])))
        elif action == "retype" and isinstance(kept, dict) and isinstance(kept.get("assembly"), dict):
            kept["assembly"][rng.choice(sorted(kept["assembly"]))] = rng.choice([None, 5, "x", [], {}, True])
            entry.write_text(json.dumps(kept))


def assert_nothing_unpublishable(site) -> None:
    for path in site.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".xml", ".json", ".csv", ".ics", ".js", ".txt"):
            text = path.read_text(encoding="utf-8", errors="replace")
            assert DRAFT_WORDS not in text and SECRET_ALT not in text, path
        assert "withheld" not in path.name and "budget" not in path.name.lower(), path
        if path.suffix in (".webp", ".png", ".jpg"):
            with Image.open(path) as picture:
                assert max(picture.size) <= 16383, path
                if picture.mode in ("RGBA", "LA", "PA"):
                    rgba = picture.convert("RGBA")
                    hidden = Image.eval(rgba.getchannel("A"), lambda a: 255 if a == 0 else 0)
                    colour = Image.new("RGBA", rgba.size, (0, 0, 0, 0))
                    colour.paste(rgba, mask=hidden)
                    assert colour.convert("RGB").getbbox() is None, f"colour under transparent pixels in {path}"


@settings(max_examples=40, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                 HealthCheck.data_too_large])
@given(site=top, plugin=options, shown=photos, withheld=photos, actions=tampering, seed=st.integers(0, 2**16))
def test_settings_photos_and_a_tampered_cache_never_stop_what_check_passes(tmp_path_factory, site_env, site, plugin,
                                                                          shown, withheld, actions, seed):
    root = copy_project(tmp_path_factory.mktemp("around"), with_assemblies=False)
    write_project(root, site, plugin, shown, withheld)
    check_project(root)  # fills the cache with the checked records
    tamper(root, actions, seed)
    _, problems = check_project(root)
    for problem in problems.items:
        assert problem.message and problem.path and "\n" not in str(problem)
    event("check found errors" if problems.errors else "built")
    for problem in problems.errors:
        event(f"error: {problem.message[:40]}")
    if problems.errors:
        return
    site_dir = build(root, root / "site", site_env)
    assert_every_output_parses(site_dir)
    assert_nothing_unpublishable(site_dir)
    assert (site_dir / "assemblies" / OPEN / "index.html").is_file()
