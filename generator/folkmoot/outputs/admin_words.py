"""The form editor's words: a label for every field of the record, and a hint where the
record's own comments used to explain it, in the site's language (marked for the
catalogue here, translated where the form is made, see `admin.py`)."""

from __future__ import annotations

from folkmoot.text.i18n import N_

# By the field's path in the record ("outcomes.updates.from"), or by its name alone
LABELS = {
    "title": N_("Title"), "date": N_("Date"), "time": N_("Time"), "draft": N_("Draft (not published yet)"),
    "language": N_("Language of this record"), "venue": N_("Venue"), "venue.name": N_("Name of the place"),
    "venue.address": N_("Address"), "venue.access": N_("Access"), "venue.online": N_("Link to join online"),
    "registration": N_("Registration link"), "organisers": N_("Organisers"), "themes": N_("Themes"),
    "summary": N_("Summary"), "attendance": N_("How many took part"), "recap_video": N_("Recap video"),
    "recap": N_("Recap story file"),
    "input": N_("Input: what set the scene"), "input.title": N_("What it was about"),
    "input.speaker": N_("Given by"), "input.role": N_("Their role"), "input.kind": N_("Kind"),
    "input.url": N_("Link to watch or read it"), "input.summary": N_("Summary"),
    "questions": N_("Questions the groups discussed"), "questions.item": N_("Question"),
    "deliberation": N_("Deliberation: the small groups"), "deliberation.group": N_("Group label"),
    "deliberation.participants": N_("How many in the group"), "deliberation.question": N_("Question number"),
    "deliberation.notes": N_("Notes"), "deliberation.notes_file": N_("Notes file"),
    "integration": N_("Integration: what the room agreed"), "integration.point": N_("Point"),
    "integration.support": N_("Support in the room"),
    "outcomes": N_("Outcomes: ideas and what happened to them"), "outcomes.id": N_("Short name (id)"),
    "outcomes.title": N_("The idea"), "outcomes.detail": N_("More detail"), "outcomes.kind": N_("Kind"),
    "outcomes.directed_to": N_("Sent to"), "outcomes.themes": N_("Themes"),
    "outcomes.status": N_("Progress at the start"), "outcomes.asked": N_("Date it was sent"),
    "outcomes.respond_by": N_("Answer due by"), "outcomes.updates": N_("Updates"),
    "outcomes.updates.date": N_("Date"), "outcomes.updates.status": N_("Progress now"),
    "outcomes.updates.note": N_("What happened"), "outcomes.updates.link": N_("Link"),
    "outcomes.updates.from": N_("Answer from"), "outcomes.updates.response": N_("Their answer"),
    "outcomes.updates.promised_by": N_("They promised to act by"), "outcomes.verdicts": N_("The assembly's verdicts"),
    "outcomes.verdicts.date": N_("Date"), "outcomes.verdicts.on": N_("On the answer from"),
    "outcomes.verdicts.verdict": N_("Verdict"), "outcomes.verdicts.score": N_("Score out of 10"),
    "outcomes.verdicts.at": N_("At the assembly (folder name)"), "outcomes.verdicts.note": N_("Note"),
    "evidence": N_("Evidence to a committee or body"), "evidence.to": N_("To"), "evidence.inquiry": N_("Inquiry"),
    "evidence.deadline": N_("Deadline"), "evidence.outcomes": N_("Outcomes to include (their short names)"),
    "evidence.reference": N_("Reference once published"), "evidence.url": N_("Link once published"),
    "evidence.word_limit": N_("Word limit"), "evidence.language": N_("Language of the document"),
    "photos": N_("Photos"), "photos.file": N_("Photo"), "photos.alt": N_("Description for people who cannot see it"),
    "photos.caption": N_("Caption"), "photos.credit": N_("Credit"),
    "photos.consent": N_("Everyone recognisable agreed to its publication"),
    "body": N_("Text"),
}

HINTS = {
    "title": N_("For example: People's Assembly on Heat."),
    "date": N_("The day of the assembly. The folder's name starts with it."),
    "time": N_("Start and end, for example 18:30-20:30."),
    "draft": N_("A draft is checked but not published. In a public repository its text can still be read on GitHub."),
    "language": N_("Only when this record is in another language than the site, for example cy or fr."),
    "themes": N_("Each theme gets its own page. Use the same words as other assemblies."),
    "summary": N_("One to three sentences on what happened and what people asked for."),
    "recap": N_("The name of a Markdown file in this assembly's folder, for example recap.md. Edit it under "
                 "Recap stories and group notes."),
    "recap_video": N_("A YouTube or Vimeo address. The site shows it only after a reader chooses to play it."),
    "input.speaker": N_("A public speaker or a role, never a participant's name."),
    "deliberation.group": N_("A label such as Table 1, never people's names."),
    "deliberation.notes": N_("What the group said, without names. Markdown works: **bold**, lists with -."),
    "deliberation.notes_file": N_("Instead of notes here: a Markdown file in this assembly's folder, e.g. notes/table-1.md."),
    "outcomes.id": N_("Lowercase letters, digits and hyphens, unique in this record, never changed once published."),
    "outcomes.directed_to": N_("Bodies listed in the site's settings; write any other in the file itself."),
    "outcomes.status": N_("Where the idea stood after the assembly. Later changes go under Updates."),
    "outcomes.updates": N_("Add one each time something happens: sent, answered, in progress, done."),
    "outcomes.updates.from": N_("With an answer: the body that gave it, one of those the idea was sent to."),
    "outcomes.updates.promised_by": N_("Only with an answer: the date by which the body said it would act."),
    "outcomes.verdicts.at": N_("The folder of the assembly where the answer was judged, if it was judged at one."),
    "evidence.outcomes": N_("Leave empty to include every outcome."),
    "photos": N_("Photos are made smaller and lose place and camera details in the browser before they are saved."),
    "photos.alt": N_("What the photo shows, in a sentence."),
    "photos.consent": N_("Only photos with consent are published."),
}

# What one item of a list is called, on its "Add ..." button
SINGULAR = {"input": N_("talk, video or story"), "deliberation": N_("group"), "integration": N_("point"),
            "outcomes": N_("outcome"), "outcomes.updates": N_("update"), "outcomes.verdicts": N_("verdict"),
            "evidence": N_("submission"), "photos": N_("photo"), "questions": N_("question"),
            "organisers": N_("organiser"), "themes": N_("theme"), "outcomes.themes": N_("theme"),
            "outcomes.directed_to": N_("body"), "evidence.outcomes": N_("outcome")}

COLLECTIONS = {"assemblies": N_("Assemblies"), "assembly": N_("Assembly"),
               "texts": N_("Recap stories and group notes")}
