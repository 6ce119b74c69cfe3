"""Layout lines and paragraph places (argmine.layout), on texts written for these tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from argmine.layout import detect_layout, text_lines, without_layout
from argmine.types import Layout, LayoutKind, LayoutSpan, ParagraphPlace, Span

LONG_TEXTS = Path(__file__).resolve().parent.parent / "fixtures" / "long-texts"


def kinds(text: str) -> list[tuple[str, str]]:
    return [(span.kind.value, text[span.start : span.end]) for span in detect_layout(text).spans]


def test_op_ed_header_lines_are_layout_and_paragraphs_have_places() -> None:
    text = (LONG_TEXTS / "op_ed_five_features.txt").read_text(encoding="utf-8")
    assert kinds(text) == [
        ("menu", "English | Español | Français | Deutsch"),
        ("title", "Why Rural Schools Deserve Their Own Funding Formula"),
        ("byline", "12 March 2024 | By Helen Marsh"),
        ("affiliation", "Helen Marsh is a professor of education policy at Northfield University."),
    ]
    places = [paragraph.place for paragraph in detect_layout(text).paragraphs]
    assert places == [ParagraphPlace.INTRODUCTION] + [ParagraphPlace.BODY] * 6 + [
        ParagraphPlace.CONCLUSION
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Should museums be free?\n\nMuseums keep the treasures of a nation. Entry should be "
            "free.\n\nFree entry brings in visitors.",
            [("prompt", "Should museums be free?")],
        ),
        (
            "Dear Principal,\n\nI think phones should be allowed at lunch. They help in "
            "emergencies.\n\nSincerely,\nSTUDENT_NAME",
            [
                ("salutation", "Dear Principal,"),
                ("signoff", "Sincerely,"),
                ("signoff", "STUDENT_NAME"),
            ],
        ),
        (
            "Monday, May 18, 2015\n\nThe council voted to close the library on Sundays. "
            "Readers are angry.",
            [("date", "Monday, May 18, 2015")],
        ),
        (
            "Cars should leave the centre. Streets would be safer.\n\nNoise\n\nTraffic noise "
            "keeps people awake. Quiet streets help them sleep.\n\nAir\n\nExhaust harms "
            "children's lungs. Clean air protects them.",
            [("heading", "Noise"), ("heading", "Air")],
        ),
        (
            "MODERATOR: Welcome to the debate. Our first question is on taxes.\nSMITH: We "
            "should cut taxes for families. They carry the heaviest load.",
            [("speaker", "MODERATOR:"), ("speaker", "SMITH:")],
        ),
        (
            "The Politics of Fear\n\nBy Ann Lee\n\nThe mayor leaves the podium after "
            "her speech on the flood, June 16, 2016.\n(Official City Photo by Tom Ray) Public "
            "Domain\n\nFear spreads fast in a crisis. Leaders should calm people down.",
            [
                ("title", "The Politics of Fear"),
                ("byline", "By Ann Lee"),
                (
                    "caption",
                    "The mayor leaves the podium after her speech on the flood, June 16, 2016.",
                ),
                ("credit", "(Official City Photo by Tom Ray) Public Domain"),
            ],
        ),
        (
            "Mutation testing finds weak tests. It changes the code and runs them.\n\n"
            "Figure 1. Original and mutant application.\n\nA showdown at the booth. Image: "
            "Nick Moreau.\n\nA test that still passes on a mutant checks too little.",
            [
                ("caption", "Figure 1. Original and mutant application."),
                ("credit", "A showdown at the booth. Image: Nick Moreau."),
            ],
        ),
        (
            # a letter's addressee lines: alone in the header, or below an address block
            "Sir de Villiers Graaff,\n\nLeader of the Opposition, House of Assembly,\n\n"
            "CAPE TOWN\n\nSir,\n\nWe urge you to speak out now. The country is watching.",
            [
                ("salutation", "Sir de Villiers Graaff,"),
                ("address", "Leader of the Opposition, House of Assembly,"),
                ("heading", "CAPE TOWN"),
                ("salutation", "Sir,"),
            ],
        ),
        (
            # a letter's head: place and date lines above the salutation (GUM letters)
            "Genoa City, Wis.\n\nSept15,1946.\n\nDear John;\n\nThank you for your call. "
            "He will have to pay.\n\nIt was a surprise to us.",
            [
                ("address", "Genoa City, Wis."),
                ("address", "Sept15,1946."),
                ("salutation", "Dear John;"),
            ],
        ),
        (
            # a salutation quoted under running text leaves the text above it alone
            "My grandmother wrote to me every week, and every letter began the same way.\n\n"
            "Short line\n\nDear child,\n\nYou should eat more.",
            [("heading", "Short line"), ("salutation", "Dear child,")],
        ),
        (
            # a title of more than 15 words in title case (a press release's)
            "Remarks by President Biden and Vice President Harris in a Briefing to Preview "
            "the First Images from the James Webb Space Telescope\n\nThank you. These "
            "images will change how we see the universe.",
            [
                (
                    "title",
                    "Remarks by President Biden and Vice President Harris in a Briefing to "
                    "Preview the First Images from the James Webb Space Telescope",
                )
            ],
        ),
    ],
)
def test_layout_kinds(text: str, expected: list[tuple[str, str]]) -> None:
    assert kinds(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # a one-line opening statement is running text, not a title
        "I oppose it.\n\nThe motion would cost jobs. Prices would rise.",
        # a hard-wrapped sentence goes on in lower case on the next line
        "Our city should make public transit free for\neveryone under eighteen. It would "
        "cut traffic.",
        # a question that opens a paragraph with more sentences after it
        "Have you ever asked for advice? Most people have. Advice helps us decide.",
        # a sentence cut by a stray break is no heading
        "Phones help students.\n\nThe pictures that the\n\nteacher showed were clear.",
        # a long opening sentence without a final stop is no title unless in title case
        "Many students in our school would like to bring their phones to lunch and use them "
        "with their friends every day\n\nThe school should allow it. Phones help.",
    ],
)
def test_running_text_is_not_layout(text: str) -> None:
    assert kinds(text) == []


def test_one_paragraph_is_body_and_two_are_introduction_and_body_or_conclusion() -> None:
    one = detect_layout("Cats are wise. Dogs are loyal.")
    assert [p.place for p in one.paragraphs] == [ParagraphPlace.BODY]
    two = detect_layout("Cats are wise.\n\nDogs are loyal.")
    assert [p.place for p in two.paragraphs] == [ParagraphPlace.INTRODUCTION, ParagraphPlace.BODY]
    concluding = detect_layout("Cats are wise.\n\nIn conclusion, cats win.")
    assert concluding.paragraphs[-1].place is ParagraphPlace.CONCLUSION


@pytest.mark.parametrize(
    ("closing", "places"),
    [
        # "In conclusion" opens the block before a closing line: both conclude
        ("In conclusion, cats win.\n\nThank you for reading my letter.", ["conclusion"] * 2),
        ("Concluding my letter, cats win.\n\nThank you for reading it.", ["conclusion"] * 2),
        ("As you can see, cats win.\n\nThank you for reading my letter.", ["conclusion"] * 2),
        # "Finally" opens the last item of a list, a body paragraph
        ("Finally, cats purr.\n\nCats are simply the better pet.", ["body", "conclusion"]),
    ],
)
def test_a_conclusion_may_open_the_block_before_the_last(closing: str, places: list[str]) -> None:
    text = "Cats are wise.\n\nFirst, cats are clean.\n\nSecond, cats are quiet.\n\n" + closing
    found = [p.place.value for p in detect_layout(text).paragraphs]
    assert found == ["introduction", "body", "body", *places]


def test_a_text_without_blank_lines_has_one_paragraph_per_line() -> None:
    lines = text_lines("Cats are wise.\nDogs are loyal.\nFish are calm.")
    assert [line.block for line in lines] == [0, 1, 2]


def test_units_lose_their_layout_part_and_layout_only_units_go() -> None:
    text = "Free Buses\nThe city should run free buses."
    layout = Layout(spans=[LayoutSpan(0, 10, LayoutKind.TITLE)])
    assert without_layout(text, [Span(0, 10), Span(0, 42)], layout) == (Span(11, 42),)


def test_documents_without_a_layout_load_and_bad_layouts_are_refused() -> None:
    import argmine
    from argmine.errors import InvalidDocumentError
    from argmine.types import Analysis, Paragraph

    old = '{"schema": "argmine/1", "text": "Yes.", "sentences": [], "units": [], '
    old += '"relations": [], "moves": []}'
    assert argmine.from_json(old).layout is None
    overlapping = Layout(
        spans=[LayoutSpan(0, 3, LayoutKind.TITLE), LayoutSpan(2, 4, LayoutKind.DATE)]
    )
    with pytest.raises(InvalidDocumentError, match="out of order"):
        Analysis("Yes.", [], layout=overlapping)
    with pytest.raises(InvalidDocumentError, match="outside the text"):
        Analysis("Yes.", [], layout=Layout(paragraphs=[Paragraph(0, 9, ParagraphPlace.BODY)]))
