"""The `folkmoot` command: new, check, build, serve."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from folkmoot import __version__


def cmd_check(args) -> int:
    from folkmoot.commands.review import check

    return check(Path(args.root).resolve(), args.format)


def cmd_review(args) -> int:
    from folkmoot.commands.review import review

    return review(Path(args.root), args.format)


def cmd_digest(args) -> int:
    from folkmoot.commands.digest import print_digest

    return print_digest(Path(args.root), args.since, args.format)


def cmd_report(args) -> int:
    from folkmoot.commands.report import write_report

    return write_report(Path(args.root), args.start, args.end, Path(args.out) if args.out else None, args.force)


def cmd_social(args) -> int:
    from folkmoot.commands.social import write_posts

    return write_posts(Path(args.root), args.slug, Path(args.out) if args.out else None, tuple(args.hashtag or ()))


def cmd_letter(args) -> int:
    from folkmoot.commands.letter import write_letter

    return write_letter(Path(args.root), args.body, Path(args.out) if args.out else None, args.force)


def cmd_new(args) -> int:
    from folkmoot.commands.new import ScaffoldError, new_assembly

    try:
        folder = new_assembly(Path(args.root), args.title, args.date, args.slug)
    except ScaffoldError as exc:
        print(f"folkmoot new: {exc}", file=sys.stderr)
        return 1
    print(f"Created {folder}/assembly.yml, a draft with its title and date. Add the rest in the form at /admin/ "
          "or by hand (the guide \"Writing a record\" shows every field), then run `folkmoot check`.")
    return 0


def cmd_evidence(args) -> int:
    from folkmoot.commands.evidence import EvidenceError, write_evidence

    try:
        for path, words, limit in write_evidence(Path(args.root), args.slug, args.theme, args.to, args.inquiry,
                                                 args.word_limit, Path(args.out) if args.out else None,
                                                 args.language, args.force):
            over = f", {words - limit:,} over the limit of {limit:,}!" if words > limit else f" (limit {limit:,})"
            print(f"Wrote {path}.docx and .odt: {words:,} words{over}")
    except EvidenceError as exc:
        print(f"folkmoot evidence: {exc}", file=sys.stderr)
        return 1
    return 0


def cmd_import_notes(args) -> int:
    from folkmoot.commands.import_notes import ImportError_, import_notes

    try:
        done, problems = import_notes(Path(args.root), args.slug, Path(args.spreadsheet))
    except ImportError_ as exc:
        print(f"folkmoot import-notes: {exc}", file=sys.stderr)
        return 1
    for line in done:
        print(f"Imported {line}")
    for problem in problems.sorted():
        print(problem)
    if problems.errors:
        print(f"{len(problems.errors)} row(s) or group(s) refused; fix them in the spreadsheet and import again "
              "(notes already imported are not added twice).")
        return 1
    print("Done. Run `folkmoot check`, read the notes through, and commit.")
    return 0


def cmd_clean_photos(args) -> int:
    from folkmoot.commands.photos import PhotoError, clean_photos

    try:
        for line in clean_photos(Path(args.root), args.paths):
            print(f"Cleaned {line}")
    except PhotoError as exc:
        print(f"folkmoot clean-photos: {exc}", file=sys.stderr)
        return 1
    print("Done. Run `folkmoot check`, then commit the photos.")
    return 0


def cmd_add_photos(args) -> int:
    from folkmoot.commands.photos import PhotoError, add_photos

    try:
        added = add_photos(Path(args.root), args.slug, [Path(f) for f in args.files])
    except PhotoError as exc:
        print(f"folkmoot add-photos: {exc}", file=sys.stderr)
        return 1
    for path in added:
        print(f"Added {path} (upright, at most 1,600 pixels, no place, time or phone details)")
    print(f"Now write each photo's `alt:` in assemblies/{args.slug}/assembly.yml, set `consent: true` once everyone "
          "recognisable has agreed, and run `folkmoot check`.")
    return 0


def cmd_changes(args) -> int:
    from folkmoot.commands import github
    from folkmoot.commands.check import check_project

    root = Path(args.root).resolve()
    try:
        slugs = github.changed_slugs(root, args.base)
    except github.ChangesError as exc:
        print(f"folkmoot changes: {exc}", file=sys.stderr)
        return 1
    project, problems = check_project(root)
    text = github.changes_summary(project, problems, slugs)
    github.write_summary(text)
    print(text, end="")
    return 0


def _answers(args):
    from folkmoot.commands.init import Answers

    return Answers(site_url=args.site_url or "", website=args.website or "", contact=args.contact or "",
                   about=" ".join((args.about or "").split()), language=args.language or "en",
                   repository="private" if args.private else "public", repo_url=args.repo_url or "")


def _answer_options(p) -> None:
    """What only the organisation knows: given here, nothing is left to FILL IN."""
    p.add_argument("--site-url", help="where the site will be published, e.g. https://riverside.github.io/assemblies/")
    p.add_argument("--website", help="your organisation's own website")
    p.add_argument("--contact", help="your contact page (never a person's email)")
    p.add_argument("--about", help="two or three sentences about your organisation, for evidence documents")
    p.add_argument("--language", help="the site's language: en, cy, fr ... (default en)")
    p.add_argument("--repo-url", help="the site's repository on GitHub, for the Edit links")
    p.add_argument("--private", action="store_true", help="the repository is private (GitHub Pages then needs a paid plan)")


def cmd_setup(args) -> int:
    import os

    from folkmoot.commands import github
    from folkmoot.commands.init import InitError
    from folkmoot.commands.setup import set_up, summary

    answers = _answers(args)
    repository = args.github_repository or os.environ.get("GITHUB_REPOSITORY", "")
    try:
        left = set_up(Path(args.root), args.name, answers, repository)
    except InitError as exc:
        print(f"folkmoot setup: {exc}", file=sys.stderr)
        return 1
    github.write_summary(summary(left, answers.site_url, repository))
    print(f"Filled in mkdocs.yml for {args.name}." + (
        "" if not left else "\nStill to fill in:\n" + "\n".join(f"  {line}" for line in left)))
    return 0


def cmd_init(args) -> int:
    from folkmoot.commands.init import InitError, init_site

    dest = Path(args.folder)
    if not args.name and not args.starter:
        print('folkmoot init: give your organisation\'s name, e.g. --name "Riverside Climate Hub".', file=sys.stderr)
        return 1
    try:
        written = init_site(dest, args.name, answers=_answers(args), starter=args.starter)
    except InitError as exc:
        print(f"folkmoot init: {exc}", file=sys.stderr)
        return 1
    left = sum("FILL IN" in line for line in (dest / "mkdocs.yml").read_text(encoding="utf-8").splitlines()[1:])
    if args.starter:
        print(f"Created a starter in {dest} ({len(written)} files): its \"Set up this site\" workflow fills it in.")
        return 0
    print(f"Created a site for {args.name} in {dest} ({len(written)} files). Next:\n"
          f"  cd {dest}\n  git init -b main && git add . && git commit -m 'Our assemblies site'\n"
          + ("  make site\n" if not left else
             f"  make site    # `check` first lists the {left} line(s) of mkdocs.yml marked FILL IN, to fill in\n"))
    return 0


def cmd_build(args) -> int:
    from folkmoot.engine import work
    from folkmoot.mkdocs_plugin.run import BuildError, build_site

    before = work.tally()
    try:
        site = build_site(Path(args.root), Path(args.site_dir) if args.site_dir else None, strict=args.strict)
    except BuildError as exc:
        print(exc, file=sys.stderr)
        return 1
    from folkmoot.commands.budget import build_summary

    done = work.since(before)
    if any(done.values()):
        print(f"Built the site in {site}.")
    print(build_summary(Path(args.root).resolve(), site))
    print(f"Work done (the rest was reused from .cache/): {work.summary(done)}.")
    if args.work_report:
        work.write_report(Path(args.work_report), done)
    import gc

    gc.freeze()  # the interpreter's last collection then passes over a big build's objects: 0.5 s at 1,000
    return 0


def cmd_offline(args) -> int:
    from folkmoot.commands.offline import make_offline

    try:
        changed = make_offline(Path(args.root) / args.site_dir)
    except FileNotFoundError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"Made {changed} page(s) open from disk: unzip the preview and open index.html.")
    return 0


def cmd_serve(args) -> int:
    from folkmoot.mkdocs_plugin.run import BuildError, serve

    try:
        serve(Path(args.root), args.dev_addr)
    except BuildError as exc:
        print(exc, file=sys.stderr)
        return 1
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="folkmoot", description="Publish the outcomes of People's Assemblies.")
    parser.add_argument("--root", default=".", help="the project folder (default: the current folder)")
    parser.add_argument("--version", action="version", version=f"folkmoot {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("check", help="check every record and report every problem")
    p.add_argument("--format", choices=("text", "github"),
                   help="github: annotations on each line of a pull request and a job summary "
                        "(the default when GITHUB_ACTIONS is set)")
    p.set_defaults(func=cmd_check)

    p = sub.add_parser("new", help="start a record for a new assembly")
    p.add_argument("title", help='the title, e.g. "People\'s Assembly on Heat"')
    p.add_argument("--date", required=True, help="the date, YYYY-MM-DD")
    p.add_argument("--slug", help="the folder name (default: date plus a word from the title)")
    p.set_defaults(func=cmd_new)

    p = sub.add_parser("evidence", help="write submission-ready evidence (.docx and .odt)")
    p.add_argument("slug", nargs="?", help="the assembly whose `evidence:` entries to write")
    p.add_argument("--theme", help="combine the outcomes on this theme from every published assembly")
    p.add_argument("--to", help="with --theme: who the evidence is for, e.g. a committee")
    p.add_argument("--inquiry", default="", help="with --theme: the inquiry's title")
    p.add_argument("--word-limit", type=int, default=3000, help="with --theme: the word limit (default 3000)")
    p.add_argument("--language", default="", help="with --theme: the language to write it in, e.g. cy "
                   "(default: English for Parliament, else the site's)")
    p.add_argument("--out", help="folder to write to (default: evidence/)")
    p.add_argument("--force", action="store_true", help="replace documents there already, even if edited")
    p.set_defaults(func=cmd_evidence)

    p = sub.add_parser("import-notes", help="add group notes from a spreadsheet (.csv or .xlsx) to a record")
    p.add_argument("slug", help="the assembly, e.g. 2025-11-13-flooding")
    p.add_argument("spreadsheet", help="the .csv or .xlsx file: columns group, note (or notes), participants, question")
    p.set_defaults(func=cmd_import_notes)

    p = sub.add_parser("review", help="list outcomes due for review, overdue answers and broken promises, with file:line")
    p.add_argument("--format", choices=("text", "issue"), default="text",
                   help="issue: Markdown for the GitHub issue the scheduled workflow keeps up to date (empty when nothing is due)")
    p.set_defaults(func=cmd_review)

    p = sub.add_parser("digest", help="print the newsletter digest of what changed since a day, as HTML or text")
    p.add_argument("--since", required=True, help="the first day, e.g. 2026-06-01; the digest runs to today")
    p.add_argument("--format", choices=("text", "html"), default="text")
    p.set_defaults(func=cmd_digest)
    p = sub.add_parser("report", help="write a progress report (.docx and .odt) for any period")
    p.add_argument("--from", dest="start", required=True, help="the first day, e.g. 2025-11-13")
    p.add_argument("--to", dest="end", required=True, help="the last day, by today")
    p.add_argument("--out", help="folder to write to (default: reports/)")
    p.add_argument("--force", action="store_true", help="replace a report there already, even if edited")
    p.set_defaults(func=cmd_report)
    p = sub.add_parser("social", help="write an assembly's carousel (slides and PDF), captions and alt text for "
                                      "Instagram, LinkedIn, TikTok and short posts")
    p.add_argument("slug", help="the assembly's folder name, e.g. 2025-11-13-flooding")
    p.add_argument("--out", help="folder to write to (default: social/<slug>/)")
    p.add_argument("--hashtag", action="append", help="a hashtag for the captions (repeat for more; default: "
                                                      "`social: hashtags:` in mkdocs.yml)")
    p.set_defaults(func=cmd_social)

    p = sub.add_parser("letter", help="write a letter (.docx and .odt) chasing a body's unanswered outcomes")
    p.add_argument("body", help='the body, as written in directed_to, e.g. "Northfield Borough Council"')
    p.add_argument("--out", help="folder to write to (default: letters/)")
    p.add_argument("--force", action="store_true", help="replace a letter there already, even if edited")
    p.set_defaults(func=cmd_letter)

    p = sub.add_parser("add-photos", help="add photos to an assembly: upright, resized, with every private detail removed")
    p.add_argument("slug", help="the assembly, e.g. 2025-11-13-flooding")
    p.add_argument("files", nargs="+", help="the photos, e.g. straight from a phone")
    p.set_defaults(func=cmd_add_photos)

    p = sub.add_parser("clean-photos", help="rewrite photos in place without place, phone or owner details, at most "
                       "1,600 pixels")
    p.add_argument("paths", nargs="*", help="photos or folders (default: every photo under assemblies/)")
    p.set_defaults(func=cmd_clean_photos)

    p = sub.add_parser("init", help="make a new site for your organisation in a new folder")
    p.add_argument("folder", help="the folder to create (it must be new or empty)")
    p.add_argument("--name", help='your organisation\'s name, e.g. "Riverside Climate Hub"')
    p.add_argument("--starter", action="store_true",
                   help="a starter for no organisation yet, set up later by its \"Set up this site\" workflow "
                        "(what the release job publishes as a template repository)")
    _answer_options(p)
    p.set_defaults(func=cmd_init)

    p = sub.add_parser("setup", help="fill in a new site's mkdocs.yml (what the \"Set up this site\" workflow runs)")
    p.add_argument("--name", required=True, help="your organisation's name")
    _answer_options(p)
    p.add_argument("--github-repository", help="owner/name on GitHub, for the site's address and Edit links "
                                                "(default: $GITHUB_REPOSITORY)")
    p.set_defaults(func=cmd_setup)

    p = sub.add_parser("changes", help="list the assemblies changed since a git commit, with their problems")
    p.add_argument("--base", required=True, help="the commit to compare with, e.g. origin/main")
    p.set_defaults(func=cmd_changes)

    p = sub.add_parser("build", help="check, then build the site into site/")
    p.add_argument("--site-dir", help="where to write the site (default: site/)")
    p.add_argument("--strict", action="store_true", help="treat MkDocs warnings as errors")
    p.add_argument("--work-report", metavar="FILE",
                   help="write how much work the build did (catalogues, templates, QR codes, cards, photos, "
                        "documents) as JSON, for tests and benchmarks")
    p.set_defaults(func=cmd_build)

    p = sub.add_parser("offline", help="make a built site's links work when it is opened from disk (pull request "
                                       "previews)")
    p.add_argument("site_dir", nargs="?", default="site", help="the built site (default: site/)")
    p.set_defaults(func=cmd_offline)

    p = sub.add_parser("serve", help="preview the site, reloading when a record changes")
    p.add_argument("--dev-addr", default="127.0.0.1:8000", help="address to serve on")
    p.set_defaults(func=cmd_serve)

    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
