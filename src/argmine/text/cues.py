"""Cues of the author's own standpoint in a unit's words, shared by the thesis score of
whole texts (:mod:`argmine.structure.document`), the unit features of the microtext model
(:mod:`argmine.structure.features`) and the segmenter (:mod:`argmine.segment`): a stance in
the unit's main clause, an opinion in the first person, and the words of another voice (a
question, a quotation, the other side)."""

from __future__ import annotations

import re
from collections.abc import Iterable

from argmine.moves.lexicon import default_lexicon, opening_pattern
from argmine.types import ParsedText, Sentence, Span, Token

__all__ = [
    "INDIRECT_QUESTION_PATTERN",
    "OPINION_PATTERN",
    "OPPONENT_PATTERN",
    "QUOTED_PATTERN",
    "REFUTATION_PATTERN",
    "STANCE_PATTERN",
    "main_clause_stance",
    "other_voice",
    "unit_tokens",
]

#: How one feels, not what one holds: "we feel anxious" describes, "I feel (that) X" opines.
_FEELINGS = (
    r"anxious|nervous|afraid|scared|sad|happy|glad|bad|good|great|better|worse|tired|sick|"
    r"fine|safe|comfortable|uncomfortable|lonely|guilty|sorry|proud|excited|angry|stressed|"
    r"embarrassed|hungry|free|alive|empty|lost|awful|terrible|relieved|overwhelmed"
)
#: The author speaking for themselves: "I believe", "in my opinion" … ("I think of George
#: Floyd every day" remembers and "we feel anxious" describes: no opinion).
OPINION_PATTERN = re.compile(
    r"\b(?:i|we)\s+(?:strongly\s+|firmly\s+|really\s+|personally\s+|truly\s+)?"
    r"(?:believe|think|argue|would argue|agree|disagree|support|oppose|am convinced)\b"
    r"(?!\s+(?:also\s+|often\s+|still\s+|now\s+)?(?:of|about)\b)"
    r"|\b(?:i|we)\s+(?:strongly\s+|firmly\s+|really\s+|personally\s+|truly\s+)?feel\b"
    r"(?!\s+(?:so\s+|very\s+|really\s+|a bit\s+|a little\s+)?(?:" + _FEELINGS + r")\b)"
    r"|\bin my (?:opinion|view|eyes)\b|\bmy (?:position|opinion|view|stance) is\b"
    # an appeal: "We urge you strongly to speak out now", "I call on the council to …",
    # "I strongly encourage you to make the change", "I suggest that …"; one to someone
    # else describes ("we encourage cross-sectoral partnerships", "I ask all my patients")
    r"|\b(?:i|we)\s+(?:strongly\s+|therefore\s+|would\s+)?"
    r"(?:(?:urge|implore|call on|call upon|appeal to|recommend)\b"
    r"|(?:encourage|advise|ask)\s+(?:you|everyone|that)\b|(?:suggest|propose)\s+(?:that|we)\b)",
    re.IGNORECASE,
)
#: The author's standpoint: an opinion, an obligation ("should", "shouldn't", "must"), or a
#: value judgement on the topic ("… is a great idea", "would be very nice", "is harmful").
STANCE_PATTERN = re.compile(
    OPINION_PATTERN.pattern
    + r"|\b(?:should|must)(?:n['’]t)?\b|\b(?:ought to|need to|needs to|has to|have to)\b"
    r"|\bit is (?:clear|obvious|important|essential|necessary|better|wrong|right) (?:that|to)\b"
    r"|\bit is (?:high |about )?time (?:for|to|that)\b"
    r"|\b(?:is|are|was|were|be|been)\s+(?:not\s+)?(?:(?:a|an|very|really|so|extremely|truly|"
    r"such a|quite|pretty)\s+)*(?:good|great|bad|terrible|excellent|wonderful|amazing|"
    r"incredible|outstanding|nice|beneficial|helpful|harmful|useful|useless|"
    r"valuable|dangerous|unfair|fair|wise|unwise|smart|foolish|important|necessary|essential|"
    r"wrong|right|better|worse|best|worst)\b",
    re.IGNORECASE,
)
#: Dependency relations of clauses that only qualify something else (a relative, an adverbial
#: or a subject clause): a modal in them is no standpoint ("the reasons why phones should …").
_EMBEDDING_RELATIONS = frozenset({"acl", "acl:relcl", "advcl", "csubj", "csubj:pass"})
#: Someone else's words: a unit that opens with a quotation mark quotes another voice.
QUOTED_PATTERN = re.compile(r'^\W*?["“‘]')
#: Double quotation marks, straight or curly: a stance marker after an odd number of them is
#: inside a quotation.
_QUOTE_MARKS = re.compile(r'["“”]')
#: A question put in the reader's mouth ("You might ask how …"), asked without a "?".
INDIRECT_QUESTION_PATTERN = re.compile(
    r"^\W*(?:you|one|some|people|many)\s+(?:might|may|could|would|will)\s+(?:ask|wonder)\b",
    re.IGNORECASE,
)
#: Saying that what the other side says is false ("they are mistaken", "That is not the case",
#: "These people are wrong"): an answer to an objection even without a "But".
REFUTATION_PATTERN = re.compile(
    r"\b(?:is|are|was|were|'s|'re)\s+(?:simply\s+|just\s+|completely\s+|clearly\s+)?"
    r"(?:wrong|mistaken|incorrect|false|untrue|not true|not correct|not right|not the case)\b",
    re.IGNORECASE,
)
#: The other side's voice, which a paragraph claim rebuts rather than supports.
OPPONENT_PATTERN = re.compile(
    r"^\W*(?:some|many|other|most)?\s*(?:people|critics|opponents|others|skeptics|some)\s+"
    r"(?:(?:may|might|would|will|could)\s+)?(?:(?:also|even|still|probably)\s+)?"
    r"(?:say|argue|claim|believe|think|feel|object|contend|suggest|"
    # "Some may disagree (with me)", not "Many people disagree with the electoral college"
    # (which the author opposes too)
    r"disagree(?!\s+with\s+(?!me\b|this\b|that\b|my\b|us\b)))"
    r"|^\W*(?:it is (?:often\s+)?(?:argued|said|claimed))"
    # "A possible consumer concern might be that …", "One common objection is that …"
    r"|^\W*(?:a|one|another)\s+(?:[\w-]+\s+){0,2}(?:concern|objection|criticism|"
    r"counter-?argument)\s+(?:might|may|could|would|is)\b"
    # "Critics …", "Admittedly, …", "Of course …": the lexicon's one-word attributions and
    # its admission markers.
    + "|"
    + opening_pattern(
        default_lexicon().phrases(frame="admission")
        | {
            m.phrase
            for m in default_lexicon()
            if m.structure == "attribution" and " " not in m.phrase
        }
    ).pattern,
    re.IGNORECASE,
)


def unit_tokens(parsed: ParsedText, unit: Span) -> Iterable[tuple[Sentence, int, Token]]:
    """The unit's words with their sentence and 1-based index in it."""
    for sentence in parsed.sentences:
        if sentence.start < unit.end and unit.start < sentence.end:
            for index, token in enumerate(sentence.tokens, start=1):
                if unit.start <= token.start < unit.end:
                    yield sentence, index, token


def main_clause_stance(parsed: ParsedText, unit: Span) -> bool:
    """Whether a stance marker of the unit stands in its main clause: the path from the
    marker's first word up to the unit's top word crosses no relative, adverbial or subject
    clause ("how fast you have to learn it", "the reasons why phones should …" are no
    standpoint), and the marker is not inside quotation marks (The industry says, "You
    should call it biomed": someone else's words)."""
    text = parsed.text[unit.start : unit.end]
    tokens = list(unit_tokens(parsed, unit))
    for match in STANCE_PATTERN.finditer(text):
        if len(_QUOTE_MARKS.findall(text, 0, match.start())) % 2:
            continue
        offset = unit.start + match.start()
        found = next(((s, i) for s, i, t in tokens if t.end > offset), None)
        if found is None:
            continue
        sentence, index = found
        embedded, seen = False, set()
        while index and index not in seen:
            seen.add(index)
            token = sentence.tokens[index - 1]
            head = token.head
            inside = head and unit.start <= sentence.tokens[head - 1].start < unit.end
            if not inside:
                break
            embedded = embedded or token.deprel in _EMBEDDING_RELATIONS
            index = head
        if not embedded:
            return True
    return False


def other_voice(text: str) -> tuple[bool, bool, bool]:
    """Whether the unit asks (also in the reader's mouth), quotes or voices the other side:
    words that are not the author's standpoint."""
    return (
        text.rstrip().endswith("?") or bool(INDIRECT_QUESTION_PATTERN.match(text)),
        bool(QUOTED_PATTERN.match(text)),
        bool(OPPONENT_PATTERN.search(text)),
    )
