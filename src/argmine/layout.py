"""Layout: the lines of a document that carry no argument, and its paragraphs' places.

Whole texts come with a headline, a byline, a date, the author's affiliation, a language menu,
a restated prompt, a salutation and a sign-off, headings between sections, speaker labels in
transcripts. They stay in the text but must not become argument units, and a thesis is found
by where it stands: the introduction, the body paragraphs, the conclusion.

The rules read lines (text between line breaks) in three zones: the **header** (lines from the
top until the first line of running text), the **footer** (the same from the bottom) and the
**body** in between, where only headings and speaker labels are recognised. The word lists
they use are the ``*_WORDS`` / ``*_PATTERN`` constants below, in one place.

>>> layout = detect_layout("Free Buses Now\\nBy Ann Lee\\n\\nThe city should run free buses. "
...     "Fares keep people in cars.\\n\\nSincerely,\\nAnn")
>>> for span in layout.spans:
...     print(span.kind.value, span.start, span.end)
title 0 14
byline 15 25
signoff 87 97
signoff 98 101
>>> for paragraph in layout.paragraphs:
...     print(paragraph.place.value, paragraph.start)
body 27
"""

from __future__ import annotations

import itertools
import re
import statistics
from collections.abc import Iterable, Sequence

import attrs

from argmine.moves.lexicon import default_lexicon, opening_pattern
from argmine.types import Layout, LayoutKind, LayoutSpan, Paragraph, ParagraphPlace, Span

#: A line with this many words or fewer may be a title, heading or sign-off line.
MAX_TITLE_WORDS = 15
#: A longer title must be in title case, as press releases' are ("Remarks by President
#: Biden and Vice President Harris in a Briefing to Preview the First Images from …").
MAX_TITLE_CASE_WORDS = 30
#: Speaker labels ("LEHRER: …") that make a text a transcript (:func:`is_transcript`). Every
#: ElecDeb debate has 45 or more; on a 3-turn exchange (13 segments) the unit filter kept 2,
#: so short dialogues, where the debate-trained models were never measured, do not count.
MIN_SPEAKER_TURNS = 20
#: A question on a line of its own at the top with at most this many words is a prompt.
MAX_PROMPT_WORDS = 35

MONTH_WORDS = (
    "january|february|march|april|may|june|july|august|september|october|november|december|"
    "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
)
WEEKDAY_WORDS = "monday|tuesday|wednesday|thursday|friday|saturday|sunday"
#: Words a date line may carry besides the date ("Published: 3 May 2024, 10:15 GMT").
DATE_FILLER_WORDS = frozenset(
    {"published", "updated", "posted", "last", "on", "at", "am", "pm", "a.m.", "p.m.", "gmt"}
    | {"utc", "et", "est", "edt", "pst", "bst", "cet", "of", "the", "modified", "date"}
)
DATE_PATTERN = re.compile(
    r"\b\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}\b|\b\d{4}[/.-]\d{1,2}[/.-]\d{1,2}\b|\b\d{1,2}:\d{2}\b"
    rf"|\b(?:{MONTH_WORDS})\.?(?!\w)|\b(?:{WEEKDAY_WORDS})\b|\b\d{{1,4}}(?:st|nd|rd|th)?\b",
    re.IGNORECASE,
)
BYLINE_PATTERN = re.compile(
    r"^(?:(?:written|words|text|story|reporting|opinion)\s+)?by\s+\S", re.IGNORECASE
)
#: Separators of a navigation or language menu ("English | Español | Français").
MENU_SEPARATORS = re.compile(r"\s[|•·/]\s|\s*\|\s*")
#: Roles named in an author's affiliation line ("Ann Lee is a professor of law at …").
AFFILIATION_ROLE_WORDS = frozenset(
    {"professor", "lecturer", "fellow", "researcher", "director", "editor", "columnist"}
    | {"correspondent", "contributor", "analyst", "economist", "author", "writer", "journalist"}
    | {"founder", "president", "chair", "dean", "scientist", "reporter", "commentator"}
)
#: Institutions that make a verbless line an affiliation ("Professor of Law, Lee University").
INSTITUTION_WORDS = frozenset({"university", "institute", "college", "foundation", "academy"})
AFFILIATION_PATTERN = re.compile(
    r"^(?:[A-Z][\w.'’-]*\s+){1,4}(?:is|was|serves as|teaches)\s+(?:a|an|the)?\b", re.UNICODE
)
SALUTATION_PATTERN = re.compile(
    r"^(?:dear|to whom it may concern|hello|hi|hey|greetings|good (?:morning|afternoon|day))\b"
    r"|^to\b.*:$|^to:"
    # the addressee alone on a line: "Sir,", "Sir de Villiers Graaff,", "Madam Speaker:"
    r"|^(?:sir|sirs|madam|gentlemen|ladies and gentlemen|mr|mrs|ms|dr)\b[^.!?]*[,:]$",
    re.IGNORECASE,
)
#: Words a title or heading does not end with: a line ending with one was cut mid-sentence.
DANGLING_WORDS = frozenset(
    {"the", "a", "an", "of", "to", "in", "on", "at", "for", "and", "or", "but", "with", "by"}
    | {"from", "that", "this", "is", "are", "was", "were", "be", "my", "our", "your", "their"}
    | {"his", "her", "its", "as", "if", "than", "then", "so", "whole", "about", "because"}
)
SIGNOFF_PATTERN = re.compile(
    r"^(?:sincerely|sincerly|sincerily|sincerley|sencerly|sincearly|regards|best regards|"
    r"kind regards|warm regards|yours|respectfully|thank you|thanks|cheers|best wishes|best|"
    r"love|from|your (?:student|friend|son|daughter))\b",
    re.IGNORECASE,
)
#: Credit and licence lines of pictures ("Image: …", "… is licensed under CC BY-SA 4.0").
CREDIT_PATTERN = re.compile(
    r"^(?:image|photo|picture|photograph|source|credit|illustration)s?\s*:|licensed under|"
    r"\(?(?:photo|image|picture|illustration) by\b|©|"
    r"\b(?:image|photo|picture|credit)s?:\s+[A-Z]|\bcc[ -]by\b|\bpublic domain\)?\.?$",
    re.IGNORECASE,
)
#: A numbered caption ("Figure 1. Original and mutant application.", "Table 2: …").
CAPTION_PATTERN = re.compile(
    r"^(?:figure|fig\.|listing|table|chart|map|plate|image|photo)\s*\d+[a-z]?\s*[.:]",
    re.IGNORECASE,
)
#: Longest caption above a picture credit (one or two sentences).
MAX_CAPTION_WORDS = 60
#: An address line above a letter's salutation ("Genoa City, Wis.", "Leader of the
#: Opposition, House of Assembly,", "Sept15,1946.") is short.
MAX_ADDRESS_WORDS = 10
PROMPT_PATTERN = re.compile(r"^(?:prompt|question|topic|task|essay question)\s*:", re.IGNORECASE)
SPEAKER_PATTERN = re.compile(r"^(?:[A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,3}):\s")
#: Openers of a concluding paragraph ("In conclusion, …", "In the end, …"): the lexicon's
#: ``conclusion`` frame and ``concluding`` role.
CONCLUSION_PATTERN = opening_pattern(
    default_lexicon().phrases(frame="conclusion") | default_lexicon().phrases(role="concluding")
)
#: ... those that open a conclusion before a closing paragraph: not the last item of a list
#: ("Finally, …"), which a body paragraph opens as well.
SUMMARY_PATTERN = opening_pattern(
    default_lexicon().phrases(frame="conclusion")
    | (default_lexicon().phrases(role="concluding") - default_lexicon().phrases(frame="ordinal"))
)
EMAIL_PATTERN = re.compile(r"\S+@\S+\.\w+")
#: Question headings need real paragraphs around them: a text whose blocks have a median
#: length below this many words (a dialogue, a list) has none.
MIN_MEDIAN_BLOCK_WORDS = 25
_LETTER = re.compile(r"[^\W\d_]")
_WORD = re.compile(r"[^\W_]+(?:['’.-][^\W_]+)*", re.UNICODE)
_TERMINAL = ".!?;,"
#: How a salutation below the header ends ("Sir,", "Dear John;", "Dear Mr. Gorbachev:").
_OPENING = (",", ":", ";")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v]*\n|\u2029")


@attrs.frozen
class Line:
    """One non-empty line of the text, whitespace trimmed, and its block (paragraph)."""

    start: int
    end: int
    text: str
    block: int

    @property
    def words(self) -> list[str]:
        return _WORD.findall(self.text)


def text_lines(text: str) -> list[Line]:
    """The non-empty lines of ``text``; blocks are separated by blank lines, or by single line
    breaks in a text that has no blank line between its running lines."""
    breaks = [match.end() for match in _PARAGRAPH_BREAK.finditer(text)]
    lines = []
    for match in re.finditer(r"[^\n\u2029]+", text):
        stripped = match.group().strip()
        if not stripped:
            continue
        start = match.start() + match.group().index(stripped)
        block = sum(1 for offset in breaks if offset <= start)
        lines.append(Line(start, start + len(stripped), stripped, block))
    if len({line.block for line in lines}) == 1 and len(lines) > 1:
        lines = [attrs.evolve(line, block=number) for number, line in enumerate(lines)]
    return lines


def _is_date(line: Line) -> bool:
    dates = DATE_PATTERN.findall(line.text)
    if not dates or not any(not part.isdigit() or len(part) == 4 for part in dates):
        return False
    rest = DATE_PATTERN.sub(" ", line.text)
    leftover = [w for w in _WORD.findall(rest) if w.lower() not in DATE_FILLER_WORDS]
    return len(leftover) == 0 and len(line.words) <= 10


def _menu_items(line: Line) -> list[str]:
    return [item for item in MENU_SEPARATORS.split(line.text) if item.strip()]


def _is_menu(line: Line) -> bool:
    items = _menu_items(line)
    return len(items) >= 3 and all(len(_WORD.findall(item)) <= 3 for item in items)


def _is_affiliation(line: Line) -> bool:
    words = {word.lower() for word in line.words}
    if len(line.words) > 40 or not _one_sentence(line):
        return False
    if AFFILIATION_PATTERN.match(line.text) and words & AFFILIATION_ROLE_WORDS:
        return True
    # "Professor of Economics, Lakeside University": no verb, mostly capitalised words
    capitalised = sum(1 for word in line.words if word[0].isupper())
    return (
        bool(words & INSTITUTION_WORDS)
        and not line.text.endswith((".", "!", "?"))
        and capitalised * 2 >= len(line.words)
    )


def _title_case(words: Sequence[str]) -> bool:
    """Whether nearly all words of four letters or more (numbers aside) are capitalised
    ("Remarks by the President in a Briefing to Preview …"), as in a title; short function
    words need not be."""
    long = [bare for word in words if len(bare := word.lstrip("\"'“‘(")) > 3 and bare.isalpha()]
    return bool(long) and sum(word[0].isupper() for word in long) >= 0.85 * len(long)


def _is_title(line: Line) -> bool:
    words = line.words
    return (
        (
            0 < len(words) <= MAX_TITLE_WORDS
            or (len(words) <= MAX_TITLE_CASE_WORDS and _title_case(words))
        )
        and not re.sub(r"\s*\[\d+\]$", ".", line.text).endswith(tuple(_TERMINAL + "-–—"))
        and (line.text[0].isalnum() or line.text[0] in "\"'“‘(")
        and words[-1].lower() not in DANGLING_WORDS
        and line.text.count('"') % 2 == 0
    )


def _is_salutation(line: Line) -> bool:
    return bool(SALUTATION_PATTERN.match(line.text)) and len(line.words) <= 8


def _one_sentence(line: Line) -> bool:
    return re.search(r"[.!?]\s+\S", line.text) is None


def _is_signoff(line: Line) -> bool:
    words = len(line.words)
    closing = words <= 4 if line.text.endswith(".") else words <= 8
    return bool(SIGNOFF_PATTERN.match(line.text)) and closing


def _is_credit(line: Line) -> bool:
    return bool(CREDIT_PATTERN.search(line.text)) and len(line.words) <= 40


def _is_tags(line: Line) -> bool:
    tokens = line.text.split()
    return len(tokens) >= 2 and 2 * sum(token.startswith("#") for token in tokens) >= len(tokens)


def _stands_alone(lines: Sequence[Line], index: int) -> bool:
    """Whether a line ends where its content ends: the next line is another block or starts
    a new sentence (a hard-wrapped sentence goes on in lower case)."""
    following = lines[index + 1] if index + 1 < len(lines) else None
    if following is None or following.block != lines[index].block:
        return True
    return not following.text[0].islower()


def _header_kind(line: Line, alone: bool) -> LayoutKind | None:
    """The kind of a header line, or None for the first line of running text."""
    text = line.text
    if not alone:
        return None
    if _is_menu(line):
        return LayoutKind.MENU
    if _is_tags(line):
        return LayoutKind.TAGS
    if (BYLINE_PATTERN.match(text) or EMAIL_PATTERN.search(text)) and len(line.words) <= 14:
        return LayoutKind.BYLINE
    if _is_date(line):
        return LayoutKind.DATE
    if any(BYLINE_PATTERN.match(item.strip()) for item in _menu_items(line)[1:]):
        return LayoutKind.BYLINE  # "May 3, 2024 | By Ann Lee"
    if _is_salutation(line):
        return LayoutKind.SALUTATION
    if PROMPT_PATTERN.match(text):
        return LayoutKind.PROMPT
    if text.endswith("?") and len(line.words) <= MAX_PROMPT_WORDS and _one_sentence(line):
        return LayoutKind.PROMPT
    if _is_credit(line):
        return LayoutKind.CREDIT
    if _is_affiliation(line):
        return LayoutKind.AFFILIATION
    if _is_title(line):
        return LayoutKind.TITLE
    return None


def _footer_kind(line: Line, under_signoff: bool) -> LayoutKind | None:
    if _is_signoff(line):
        return LayoutKind.SIGNOFF
    short = len(line.words) <= 6 and not line.text.endswith(("!", "?"))
    if short and (under_signoff or line.text.startswith(("-", "–", "—"))):
        return LayoutKind.SIGNOFF  # the name under "Sincerely,"
    if _is_affiliation(line) and AFFILIATION_PATTERN.match(line.text):
        return LayoutKind.AFFILIATION
    if _is_credit(line):
        return LayoutKind.CREDIT
    if _is_date(line):
        return LayoutKind.DATE
    return None


def _header(lines: Sequence[Line]) -> list[tuple[int, LayoutKind]]:
    found: list[tuple[int, LayoutKind]] = []
    for index in range(len(lines) - 1):  # the last line is never all header
        kind = _header_kind(lines[index], alone=_stands_alone(lines, index))
        if kind is None:
            break
        found.append((index, kind))
    return found


def _footer(lines: Sequence[Line], first_free: int) -> list[tuple[int, LayoutKind]]:
    found: list[tuple[int, LayoutKind]] = []
    index = len(lines) - 1
    while index > first_free:
        above = lines[max(first_free, index - 3) : index]
        kind = _footer_kind(lines[index], any(_is_signoff(line) for line in above))
        if kind is None:
            break
        found.append((index, kind))
        index -= 1
    return sorted(found)


def _median_block_words(lines: Sequence[Line]) -> float:
    sizes: dict[int, int] = {}
    for line in lines:
        sizes[line.block] = sizes.get(line.block, 0) + len(line.words)
    return float(statistics.median(sizes.values())) if sizes else 0.0


def _heading(lines: Sequence[Line], index: int, essay_like: bool) -> bool:
    """A short unpunctuated line (or a question) alone in its block, with text after it."""
    line = lines[index]
    own_block = (index == 0 or lines[index - 1].block != line.block) and (
        index + 1 < len(lines) and lines[index + 1].block != line.block
    )
    following = lines[index + 1].text if index + 1 < len(lines) else ""
    if not own_block or not line.text[0].isupper() or not following[:1].isupper():
        return False
    if line.text.endswith("?"):
        return essay_like and len(line.words) <= MAX_TITLE_WORDS and _one_sentence(line)
    return _is_title(line) and len(line.words) <= 10


def _speaker_label(line: Line) -> LayoutSpan | None:
    match = SPEAKER_PATTERN.match(line.text)
    if match is None:
        return None
    return LayoutSpan(line.start, line.start + len(match.group().rstrip()), LayoutKind.SPEAKER)


def layout_spans(text: str) -> tuple[LayoutSpan, ...]:
    """The layout lines (and speaker labels) of ``text``, in text order."""
    lines = text_lines(text)
    header = _header(lines)
    first_free = header[-1][0] + 1 if header else 0
    footer = _footer(lines, first_free)
    last_free = footer[0][0] - 1 if footer else len(lines) - 1
    spans = [LayoutSpan(lines[i].start, lines[i].end, kind) for i, kind in (*header, *footer)]
    essay_like = _median_block_words(lines) >= MIN_MEDIAN_BLOCK_WORDS
    for index in range(first_free, last_free + 1):
        line = lines[index]
        if _is_salutation(line) and _stands_alone(lines, index) and line.text.endswith(_OPENING):
            # below an address block: "Sir,", "Dear John;"
            spans.append(LayoutSpan(line.start, line.end, LayoutKind.SALUTATION))
        elif first_free < index < last_free and _heading(lines, index, essay_like):
            spans.append(LayoutSpan(line.start, line.end, LayoutKind.HEADING))
        elif _is_credit(line) and _stands_alone(lines, index) and len(line.words) <= 25:
            spans.append(LayoutSpan(line.start, line.end, LayoutKind.CREDIT))
        elif CAPTION_PATTERN.match(line.text) and len(line.words) <= MAX_CAPTION_WORDS:
            spans.append(LayoutSpan(line.start, line.end, LayoutKind.CAPTION))
        elif (label := _speaker_label(line)) is not None:
            spans.append(label)
    spans += _address_block(lines, spans)
    return tuple(sorted(spans + _captions(lines, spans), key=lambda span: span.start))


def _address_block(lines: Sequence[Line], spans: Sequence[LayoutSpan]) -> list[LayoutSpan]:
    """A letter's head: when every line above a salutation is short and alone in its block,
    the ones that the other rules left are address, place or date lines ("Genoa City, Wis.",
    "Leader of the Opposition, House of Assembly,"). The last such salutation counts: the
    addressee's name may stand above the address as one too ("Sir de Villiers Graaff,")."""
    taken = {span.start for span in spans}
    for salutation in sorted(
        (span.start for span in spans if span.kind is LayoutKind.SALUTATION), reverse=True
    ):
        above = [(index, line) for index, line in enumerate(lines) if line.start < salutation]
        if all(
            len(line.words) <= MAX_ADDRESS_WORDS
            and not line.text.endswith(("?", "!"))
            and _stands_alone(lines, index)
            for index, line in above
        ):
            return [
                LayoutSpan(line.start, line.end, LayoutKind.ADDRESS)
                for _index, line in above
                if line.start not in taken
            ]
    return []


def _captions(lines: Sequence[Line], spans: Sequence[LayoutSpan]) -> list[LayoutSpan]:
    """The line right above a picture credit in the same block, when it is short enough to
    be the picture's caption ("President X walks away from the lectern …, June 16, 2016.")."""
    taken = {span.start for span in spans}
    credits = {span.start for span in spans if span.kind is LayoutKind.CREDIT}
    return [
        LayoutSpan(above.start, above.end, LayoutKind.CAPTION)
        for above, line in itertools.pairwise(lines)
        if line.start in credits
        and above.block == line.block
        and above.start not in taken
        and len(above.words) <= MAX_CAPTION_WORDS
    ]


def paragraphs(text: str, spans: Iterable[LayoutSpan]) -> tuple[Paragraph, ...]:
    """The blocks of running text (layout lines left out) with their place in the text.

    One block is ``body``; the first of several is the ``introduction``; the last of three or
    more, or of two when it opens with "In conclusion" or the like, is the ``conclusion``. In
    a text of four or more, a conclusion that opens the block before the last ("In conclusion,
    X." then "Thank you for reading, I hope you …") runs to the end: both are ``conclusion``.
    """
    whole_lines = {(span.start, span.end) for span in spans if span.kind is not LayoutKind.SPEAKER}
    blocks: dict[int, list[Line]] = {}
    for line in text_lines(text):
        if (line.start, line.end) not in whole_lines and _LETTER.search(line.text):
            blocks.setdefault(line.block, []).append(line)
    bounds = [(members[0].start, members[-1].end) for _block, members in sorted(blocks.items())]
    count = len(bounds)
    places = [ParagraphPlace.BODY] * count
    if count > 1:
        places[0] = ParagraphPlace.INTRODUCTION
        last_start = bounds[-1][0]
        concluding = CONCLUSION_PATTERN.match(text[last_start:])
        if count > 2 or concluding:
            places[-1] = ParagraphPlace.CONCLUSION
        if count > 3 and not concluding and SUMMARY_PATTERN.match(text[bounds[-2][0] :]):
            places[-2] = ParagraphPlace.CONCLUSION
    return tuple(
        Paragraph(start, end, place) for (start, end), place in zip(bounds, places, strict=True)
    )


def detect_layout(text: str) -> Layout:
    """Layout spans and paragraphs of a text (see the module docstring)."""
    spans = layout_spans(text)
    return Layout(spans=spans, paragraphs=paragraphs(text, spans))


def without_layout(text: str, units: Iterable[Span], layout: Layout) -> tuple[Span, ...]:
    """Units with the layout lines cut out: a unit left with no letter (a page number, a stray
    "1") is dropped, one that starts or ends on a layout line keeps its other part."""
    result = []
    covered = sorted((span.start, span.end) for span in layout.spans)
    for unit in units:
        pieces = [(unit.start, unit.end)]
        for start, end in covered:
            pieces = [
                part
                for piece_start, piece_end in pieces
                for part in (
                    (piece_start, min(piece_end, start)),
                    (max(piece_start, end), piece_end),
                )
                if part[0] < part[1]
            ]
        words = [(s, e) for s, e in pieces if _LETTER.search(text[s:e])]
        if not words:
            continue
        start, end = words[0][0], words[-1][1]
        while start < end and not text[start].isalnum() and text[start] not in "\"'“‘(":
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        result.append(Span(start, end))
    return tuple(result)


def is_transcript(layout: Layout) -> bool:
    """Whether the text is a transcript of turns: the switch rule for the models learned from
    debates (the unit filter, the role threshold)."""
    turns = sum(1 for span in layout.spans if span.kind is LayoutKind.SPEAKER)
    return turns >= MIN_SPEAKER_TURNS
