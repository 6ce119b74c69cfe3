"""Whole-text structure (argmine.structure.document): thesis, paragraph claims, one tree."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest

import argmine
from argmine.layout import detect_layout
from argmine.maps import ArgumentMap, Label
from argmine.parsing import parse
from argmine.structure.decoder import EdgeFunction
from argmine.structure.document import (
    PLAN_PATTERN,
    ROOT_BONUS,
    DocumentUnits,
    ParagraphEdges,
    paragraph_tree,
    uses_document_structure,
)
from argmine.text.cues import OPPONENT_PATTERN
from argmine.types import (
    Analysis,
    ArgumentUnit,
    ParagraphPlace,
    RelationKind,
    Span,
    Stance,
    UnitRole,
)

LONG_TEXTS = Path(__file__).resolve().parent.parent / "fixtures" / "long-texts"


def _thesis(analysis: Analysis) -> ArgumentUnit:
    """The central claim: the one unit in that role that restates nothing (its restatement in
    the conclusion is in the central-claim role too)."""
    restating = {r.source for r in analysis.relations if r.kind is RelationKind.RESTATEMENT}
    central = [unit for unit in analysis.units if unit.role is UnitRole.CENTRAL_CLAIM]
    (thesis,) = [unit for unit in central if unit.id not in restating]
    assert {unit.id for unit in central} - {thesis.id} <= restating
    return thesis


@pytest.fixture(scope="module")
def op_ed() -> Analysis:
    return argmine.analyze((LONG_TEXTS / "op_ed_five_features.txt").read_text(encoding="utf-8"))


def test_no_unit_on_the_op_ed_metadata_lines(op_ed: Analysis) -> None:
    header_end = op_ed.text.index("Every spring")
    assert all(unit.start >= header_end for unit in op_ed.units)
    assert len(op_ed.layout.spans if op_ed.layout else ()) == 4


def test_the_announced_thesis_is_central_and_the_five_items_attach_to_it(op_ed: Analysis) -> None:
    central = _thesis(op_ed)
    assert "five distinctive features" in central.text
    parent = {relation.source: relation.target for relation in op_ed.relations}
    for ordinal in ("First,", "Second,", "Third,", "Fourth,", "Fifth,"):
        item = next(unit for unit in op_ed.units if unit.text.startswith(ordinal))
        assert parent[item.id] == central.id, ordinal
    assert ArgumentMap.from_analysis(op_ed).depth <= 5


def test_the_conclusion_restates_the_thesis_and_the_tree_is_one(op_ed: Analysis) -> None:
    central = _thesis(op_ed)
    restatements = [r for r in op_ed.relations if r.kind is RelationKind.RESTATEMENT]
    assert len(restatements) == 1
    assert restatements[0].target == central.id
    restatement = op_ed.unit(restatements[0].source)
    assert restatement.text.startswith("In conclusion")
    assert restatement.role is UnitRole.CENTRAL_CLAIM
    sources = [relation.source for relation in op_ed.relations]
    assert sorted(sources) == sorted(u.id for u in op_ed.units if u.id != central.id)


def test_short_single_paragraph_texts_keep_the_microtext_model() -> None:
    text = (
        "Cities should ban cars. Streets would be safer. Shops fear losses. But people walk more."
    )
    spans = [Span(0, 23), Span(24, 47), Span(48, 66), Span(67, 88)]
    assert not uses_document_structure(spans, detect_layout(text))
    essay = "A b c.\n\nD e f.\n\nG h i."
    many = [Span(0, 2), Span(2, 6), Span(8, 10), Span(10, 14), Span(16, 18), Span(18, 22)]
    assert uses_document_structure(many, detect_layout(essay))
    long_paragraph = "A b.\n\n" + "C d. " * 41
    spans = [Span(0, 4)] + [Span(6 + 5 * i, 10 + 5 * i) for i in range(41)]
    assert not uses_document_structure(spans, detect_layout(long_paragraph))
    # a debate transcript goes through it whatever the length of a turn (its learned
    # attachment model decodes each turn)
    turn = "SMITH: " + "We win. " * 41
    transcript = turn + "\n" + "JONES: No.\nSMITH: Yes.\n" * 10
    spans = [Span(7 + 8 * i, 14 + 8 * i) for i in range(41)]
    spans += [Span(m.start(), m.end()) for m in re.finditer(r"(?:No|Yes)\.", transcript)]
    assert uses_document_structure(spans, detect_layout(transcript))


def _brute_force(size: int, edges: ParagraphEdges, roots: list[int]) -> float:
    """The best forest weight over every parent assignment (checks the exact decoder); an edge
    into a root weighs ROOT_BONUS more."""
    best = float("-inf")
    others = [unit for unit in range(size) if unit not in roots]
    for heads in itertools.product(range(size), repeat=len(others)):
        parents: dict[int, int | None] = {root: None for root in roots}
        parents.update(dict(zip(others, heads, strict=True)))
        if any(
            parents[unit] == unit or (unit, parents[unit]) not in edges.weights for unit in others
        ):
            continue
        acyclic = True
        for unit in others:
            seen, node = set(), unit
            while node is not None and acyclic:
                acyclic = node not in seen
                seen.add(node)
                node = parents[node]
        if acyclic:
            weight = sum(
                edges.weights[(u, parents[u])][0] + ROOT_BONUS * (parents[u] in roots)  # type: ignore[index]
                for u in others
            )
            best = max(best, weight)
    return best


@pytest.mark.parametrize("roots", [[0], [2], [1, 3]])
def test_paragraph_trees_are_exact_under_their_roots(roots: list[int]) -> None:
    weights = [
        [0.0, 0.9, 0.1, 0.4],
        [0.2, 0.0, 0.8, 0.3],
        [0.7, 0.6, 0.0, 0.5],
        [0.1, 0.95, 0.35, 0.0],
    ]
    edges = ParagraphEdges(
        {
            (i, j): (weights[i][j], EdgeFunction.SUPPORT)
            for i in range(4)
            for j in range(4)
            if i != j
        }
    )
    parents, total = paragraph_tree(4, edges, roots, {})
    assert [unit for unit, parent in enumerate(parents) if parent is None] == roots
    assert total == pytest.approx(_brute_force(4, edges, roots))


def test_a_forced_head_is_kept() -> None:
    edges = ParagraphEdges(
        {
            (i, j): (1.0 if j == 0 else 0.1, EdgeFunction.SUPPORT)
            for i in range(3)
            for j in range(3)
            if i != j
        }
    )
    parents, _total = paragraph_tree(3, edges, [0], {2: 1})
    assert parents == [None, 0, 1]


def test_an_items_elaboration_stays_inside_the_item() -> None:
    """Units 1 and 2 open one item each, unit 3 elaborates unit 1's item: although its best
    edge goes to unit 2, it attaches inside its own item."""
    weights = {(i, j): (0.1, EdgeFunction.SUPPORT) for i in range(4) for j in range(4) if i != j}
    weights[(3, 2)] = (1.0, EdgeFunction.SUPPORT)
    edges = ParagraphEdges(weights)
    assert paragraph_tree(4, edges, [0], {})[0][3] == 2
    parents, _total = paragraph_tree(4, edges, [0], {}, within={3: 1})
    assert parents[3] == 1


@pytest.mark.parametrize(
    "path",
    [
        Path(__file__).resolve().parent.parent / "fixtures" / "texts" / "op_ed_transit.txt",
        LONG_TEXTS / "op_ed_five_features.txt",
    ],
)
def test_every_unit_of_an_enumeration_item_attaches_inside_the_item(path: Path) -> None:
    """ "First, free fares would take pressure off families. A monthly pass now costs …, and
    many parents simply drive their children instead. Second, …": the last clause elaborates
    the first item; it used to attach to the second item's claim."""
    analysis = argmine.analyze(path.read_text(encoding="utf-8"))
    parent = {relation.source: relation.target for relation in analysis.relations}
    items = [
        item for move in analysis.moves if move.kind.value == "enumeration" for item in move.items
    ]
    checked = 0
    for item in items:
        inside = [u for u in analysis.units if item.start <= u.start < item.end]
        elaboration = inside[1:]  # the first unit opens the item
        for unit in elaboration:
            target = analysis.unit(parent[unit.id])
            assert item.start <= target.start < item.end, (unit.text, target.text)
            checked += 1
    assert checked >= 2


def test_a_quotation_or_a_question_in_the_readers_mouth_is_not_the_thesis() -> None:
    """A quoted voice ("…," my grandmother used to say) and "You might ask how …" put
    words in someone else's mouth; the author's standpoint is the sentence after them."""
    text = (
        '"You should never trust a robot with your feelings," my grandmother used to say. '
        "You might ask how a computer could ever tell what a student feels. "
        "Classrooms would benefit from software that reads students' faces.\n\n"
        "First, a teacher cannot watch thirty faces at once. The software notices when a "
        "student looks confused, so the teacher can explain the lesson again.\n\n"
        "Second, bored students stop learning. If the program sees boredom, it can change the "
        "exercise before the class is lost.\n\n"
        "In conclusion, classrooms would benefit from software that reads faces, because it "
        "helps teachers see every student.\n"
    )
    analysis = argmine.analyze(text, parser="bundled")
    central = _thesis(analysis)
    assert central.text == "Classrooms would benefit from software that reads students' faces."


def _central(text: str) -> str:
    analysis = argmine.analyze(text, parser="bundled")
    central = _thesis(analysis)
    return central.text


def test_a_value_judgement_is_a_stance_and_the_sentence_building_on_it_is_not_the_thesis() -> None:
    """ "… would be very helpful" states the standpoint; "That would let …" (a demonstrative
    subject) builds on it, though it closes the introduction (the old rule chose it)."""
    text = (
        "Wow! Computers can now read the feelings on our faces. Having such software in every "
        "classroom would be very helpful. That would let teachers see at once who is lost.\n\n"
        "First, a teacher cannot watch thirty faces at the same time. The software notices a "
        "confused face, so the teacher can explain the lesson again.\n\n"
        "Second, bored students stop learning. When the program sees boredom, it can offer a "
        "harder exercise.\n\n"
        "In the end, software that reads faces would let teachers help every student.\n"
    )
    assert _central(text) == "Having such software in every classroom would be very helpful."


def test_an_essay_plan_is_not_the_thesis() -> None:
    """ "In this essay I will talk about …" announces topics; the standpoint is its reason
    (the old rule chose the plan, which the conclusion repeats)."""
    text = (
        "In this essay I will talk about homework and the trouble it brings to families, "
        "because homework is harmful for young children.\n\n"
        "Children who spend their evenings on worksheets have no time to play. Play teaches "
        "them to share and to solve problems.\n\n"
        "Homework also causes fights at home. Parents have to push tired children every "
        "night.\n\n"
        "With this essay I talked about homework and the trouble it brings to families.\n"
    )
    central = _central(text)
    assert "homework is harmful for young children" in central
    assert "In this essay" not in central


def test_a_counterclaim_inside_a_body_paragraph_rebuts_the_thesis() -> None:
    """The paragraph's claim is its first sentence; "Some people say …" later in it answers
    the thesis, not that claim (the old rule hung it under the paragraph claim)."""
    text = (
        "Many towns are building new parks. Our town centre needs a park too.\n\n"
        "Families who have to live in small flats have no garden at all. A park gives every "
        "family a garden.\n\n"
        "Children need a safe place to play. Some people say that parks cost too much money. "
        "But a park costs less than a new road.\n\n"
        "In the end, green space makes a town better for everyone.\n"
    )
    analysis = argmine.analyze(text, parser="bundled")
    central = _thesis(analysis)
    heads = {relation.source: relation for relation in analysis.relations}
    objection = next(u for u in analysis.units if u.text.startswith("Some people say"))
    claim = next(u for u in analysis.units if u.text.startswith("Children need"))
    assert objection.role is UnitRole.CLAIM
    assert claim.role is UnitRole.CLAIM
    assert heads[objection.id].target == central.id
    assert heads[objection.id].kind is RelationKind.REBUT
    assert heads[claim.id].target == central.id


def test_a_stance_counts_in_the_main_clause_only() -> None:
    """A modal inside a relative clause qualifies a noun, it is no standpoint; negated modals
    and value judgements are. Someone else's words in quotation marks are not the author's
    standpoint, "I think of …" remembers and "we feel anxious" describes rather than opines."""
    sentences = [
        ("Families who have to live in small flats have no garden at all.", False),
        ("Phones shouldn't be used while driving.", True),
        ("I believe that parks help.", True),
        ("A park is a great idea.", True),
        ("Parks cost money.", False),
        ('The industry says, "You should call it biomed."', False),
        ("I think of my grandmother every day.", False),
        ("We think also of our brothers and sisters abroad.", False),
        # how one feels is no opinion, what one feels about the topic is (GUM_essay_evolved)
        ("Before a talk we feel anxious and our hearts race.", False),
        ("I feel students deserve a longer break.", True),
        # an appeal states what the author wants done
        ("We urge the council to keep the library open.", True),
    ]
    text = "\n\n".join(sentence for sentence, _ in sentences)
    spans, start = [], 0
    for sentence, _ in sentences:
        start = text.index(sentence, start)
        spans.append(Span(start, start + len(sentence)))
    document = DocumentUnits.of(parse(text, parser="bundled"), spans, detect_layout(text))
    assert list(document.stance) == [stance for _, stance in sentences]


@pytest.mark.parametrize(
    ("text", "plan"),
    [
        ("In this essay I will discuss the school day.", True),
        ("I'll talk about three reasons.", True),
        ("we gonna explain the problems of Venus", True),
        ("In this essay I argue that uniforms should go.", False),
        ("I will argue that cars should be banned.", False),
        ("Now lets look at the pros of the first policy, shall we?", True),
        ("Let us consider the costs first.", True),
        ("Let them decide for themselves.", False),
        ("This essay will contain the benefits that this option will provide.", True),
        ("There are many reasons and evidence to support my statement.", True),
        ("There are many reasons why schools should ban phones.", False),
        ("As you can see above I talk about some benefits that you should consider.", True),
        ("I talked to my teacher about it.", False),
    ],
)
def test_an_essay_plan_announces_topics_not_a_standpoint(text: str, plan: bool) -> None:
    assert bool(PLAN_PATTERN.search(text)) is plan


@pytest.mark.parametrize(
    ("text", "voiced"),
    [
        ("Some people say that uniforms help.", True),
        ("Others might also say that home schooling has nothing to do with it.", True),
        ("Some may disagree, saying that guidelines help students.", True),
        ("Some people may disagree with me.", True),
        ("Many people disagree with the electoral college.", False),
        ("Some might even argue that phones are harmless.", True),
        ("A possible consumer concern might be that the cars still need a driver.", True),
        ("One common objection is that buses are slow.", True),
        ("A concern for safety drives the law.", False),
        ("Some students say nothing at all.", False),
        ("People who drive need their phones.", False),
    ],
)
def test_the_other_sides_voice(text: str, voiced: bool) -> None:
    assert bool(OPPONENT_PATTERN.search(text)) is voiced


def test_an_attack_needs_a_voice_of_the_other_side_a_turn_or_a_concession() -> None:
    """In the author's own reasoning "X, but Y" denies an expectation; X is no objection.
    "Some people say …" is one, and the "But …" that follows answers it."""
    text = (
        "Our school should start classes at nine. Teenagers learn better when they are awake.\n\n"
        "Sleep matters a great deal for growing bodies, but many students sleep less than "
        "seven hours. Tired students forget what they learned the day before. Their grades "
        "drop at the end of every term.\n\n"
        "Some people say that a later start ruins sports practice. But the teams can train "
        "at lunch instead of after school.\n\n"
        "In the end, a later start would make our school a better place to learn.\n"
    )
    analysis = argmine.analyze(text, parser="bundled")
    units = {unit.id: unit for unit in analysis.units}
    attackers = [units[r.source].text for r in analysis.relations if r.kind.is_attack]
    assert all(text.startswith(("Some people say", "But")) for text in attackers), attackers
    assert any(text.startswith("Some people say") for text in attackers)
    # the turn after the objection answers it
    objection = next(u for u in analysis.units if u.text.startswith("Some people say"))
    answer = next(u for u in analysis.units if u.text.startswith("But the teams"))
    (reply,) = [r for r in analysis.relations if r.source == answer.id]
    assert (reply.target, reply.kind) == (objection.id, RelationKind.REBUT)
    own = [u for u in analysis.units if "Sleep matters" in u.text or "seven hours" in u.text]
    assert own
    assert all(unit.stance is Stance.PRO for unit in own)
    argument_map = ArgumentMap.from_analysis(analysis)
    central = argument_map.central_claim
    assert central is not None
    assert argument_map.label(central.id) is Label.IN


def test_a_conclusion_that_sums_up_its_reasons_restates_the_thesis() -> None:
    """ "These are my reasons to say that …" closes the essay: it restates the thesis (the
    lexicon's ``concluding`` role), though it shares few words with it and its stance sits in
    a complement clause."""
    text = (
        "Many towns are building new parks. Our town centre needs a park too.\n\n"
        "Families who live in small flats have no garden at all. A park gives every family a "
        "garden.\n\n"
        "Children need a safe place to play after school. Streets are full of cars.\n\n"
        "These are my reasons to say that green space matters for everyone here.\n"
    )
    analysis = argmine.analyze(text, parser="bundled")
    central = _thesis(analysis)
    (restatement,) = [r for r in analysis.relations if r.kind is RelationKind.RESTATEMENT]
    units = {unit.id: unit for unit in analysis.units}
    assert units[restatement.source].text.startswith("These are my reasons")
    assert restatement.target == central.id


def test_background_before_the_thesis_gets_no_unit() -> None:
    """The introduction's scene-setting sentences argue nothing; the sentence before the
    thesis that voices the other side does, and so does everything after the thesis."""
    text = (
        "Cell phones are everywhere today. Almost every student carries one to school. "
        "Some people say that phones distract students in class. I believe schools should "
        "let students keep their phones.\n\n"
        "Phones help in an emergency. A parent can reach a child at once.\n\n"
        "Phones are also useful tools. Students can look up words and check facts.\n\n"
        "In conclusion, schools should let students keep their phones.\n"
    )
    analysis = argmine.analyze(text, parser="bundled")
    central = _thesis(analysis)
    assert central.text.startswith("I believe schools should")
    starts = [unit.text for unit in analysis.units]
    assert not any(t.startswith(("Cell phones are everywhere", "Almost every")) for t in starts)
    assert any(t.startswith("Some people say") for t in starts)
    assert analysis.units[0].start == text.index("Some people say")
    assert len(analysis.relations) == len(analysis.units) - 1


def test_a_turn_against_an_objection_answers_it_whatever_the_label() -> None:
    """ "But …" (or "they are wrong") after "Some people say …" rebuts it even where the
    microtext model says support; an attack label from a unit that voices no side and turns
    against no objection becomes a support."""
    from argmine.structure.document import _attacks

    texts = (
        "Some people say that parks cost too much.",
        "But a park costs less than a road.",
        "Parks are cheap to run.",
        "But roads are loud.",
        "These people are simply wrong about the costs.",
        "That is not the case, because parks pay for themselves.",
    )
    document = DocumentUnits(
        spans=tuple(Span(i, i + 1) for i in range(6)),
        texts=texts,
        paragraph=(0,) * 6,
        places=(ParagraphPlace.BODY,) * 6,
        words=(frozenset(),) * 6,
        stance=(False,) * 6,
        anaphoric=(False,) * 6,
        verbless=(False,) * 6,
        sentence=tuple(range(6)),
    )
    support, attack = EdgeFunction.SUPPORT, EdgeFunction.ATTACK
    assert _attacks(document, 1, 0, support, conceding=())
    assert _attacks(document, 0, 2, attack, conceding=())
    assert not _attacks(document, 0, 2, support, conceding=())
    assert not _attacks(document, 3, 2, attack, conceding=())
    assert not _attacks(document, 2, 1, attack, conceding=())
    assert _attacks(document, 2, 1, attack, conceding=(2,))
    # calling the objection false answers it too
    assert _attacks(document, 4, 0, support, conceding=())
    assert not _attacks(document, 4, 2, support, conceding=())
    assert _attacks(document, 5, 0, support, conceding=())


def test_a_line_without_a_verb_is_not_the_thesis() -> None:
    """A place line with no salutation under it, which the layout rules let through ("Genoa
    City, Wis."), makes a one-line first paragraph, whose last unit the thesis score favours;
    a thesis is a clause, so a unit without a verb is not one."""
    text = (
        "Genoa City, Wis.\n\n"
        "Thank you for your call of this afternoon. It was a surprise to learn that the "
        "judge decided the case.\n\n"
        "The letters are the property of the family. They were written to her mother.\n\n"
        "We ask you to return the letters to Isabelle.\n"
    )
    analysis = argmine.analyze(text, parser="bundled")
    thesis = _thesis(analysis)
    assert thesis.text != "Genoa City, Wis."
    document = DocumentUnits.of(
        parse(text, parser="bundled"),
        [Span(u.start, u.end) for u in analysis.units],
        detect_layout(text),
    )
    assert document.verbless == tuple(u.text == "Genoa City, Wis." for u in analysis.units)


def test_a_reason_after_a_concession_supports_the_main_clause() -> None:
    """ "Although X, Y because Z": the cause move's effect is "Although X, Y", and Z gives the
    reason for Y, not for the conceded X (on the first 150 student essays four such reasons
    hung under the conceded clause)."""
    text = (
        "Schools keep changing their rules. I believe that students should plan their own "
        "projects.\n\n"
        "Although it can be stressful at times, this freedom helps students in the long run "
        "because it teaches them to manage their time. They learn to finish work early.\n\n"
        "In conclusion, students should plan their own projects.\n"
    )
    analysis = argmine.analyze(text, parser="bundled")
    parent = {relation.source: relation for relation in analysis.relations}
    reason = next(u for u in analysis.units if u.text.startswith("because it teaches"))
    main = next(u for u in analysis.units if u.text.startswith("this freedom helps"))
    assert parent[reason.id].target == main.id
    assert parent[reason.id].kind is RelationKind.SUPPORT


def test_an_essay_plan_gets_no_unit() -> None:
    """ "In this essay I will explain …" announces the argument and argues nothing."""
    text = (
        "Phones are everywhere in schools today. I believe that schools should allow phones "
        "at lunch. In this essay I will explain my reasons.\n\n"
        "First, phones help in emergencies. Parents can reach their children at once.\n\n"
        "In conclusion, schools should allow phones at lunch.\n"
    )
    analysis = argmine.analyze(text, parser="bundled")
    assert not any("In this essay" in unit.text for unit in analysis.units)
    assert "should allow phones" in _thesis(analysis).text


def test_a_closing_thank_you_and_a_signpost_get_no_unit() -> None:
    """ "Thank you for reading my letter" thanks the reader and "Now let's look at the cons"
    points the way; neither argues, so neither is a unit. The thesis stays, and so does "I
    hope you make the right choice and …", which asks for something."""
    text = (
        "Dear Principal,\n\n"
        "Phones are everywhere in schools today. I believe that schools should allow phones "
        "at lunch.\n\n"
        "First, phones help in emergencies. Parents can reach their children at once.\n\n"
        "Now let's look at the cons of a ban. A ban is hard to enforce, because teachers "
        "cannot search every bag.\n\n"
        "In conclusion, schools should allow phones at lunch. Thank you for taking the time to "
        "read my letter. I hope you make the right choice and keep phones at lunch.\n"
    )
    analysis = argmine.analyze(text, parser="bundled")
    assert not any("Thank you" in unit.text for unit in analysis.units)
    assert any(unit.text.startswith("I hope you make") for unit in analysis.units)
    assert not any("look at the cons" in unit.text for unit in analysis.units)
    assert any(unit.text.startswith("A ban is hard") for unit in analysis.units)
    assert "should allow phones" in _thesis(analysis).text


def test_a_letters_head_courtesy_and_appeal() -> None:
    """GUM's letters: the lines above the salutation are the letter's head (no units), a
    thank-you opening states no standpoint, and "We urge you to …" is the author's appeal."""
    text = (
        "Genoa City, Wis.\n\n"
        "Dear John;\n\n"
        "Thank you for your call of this afternoon.\n\n"
        "The letters belong to the family. If he keeps them, he will have to face a court.\n\n"
        "We will call you next week.\n"
    )
    analysis = argmine.analyze(text, parser="bundled")
    assert [span.kind.value for span in analysis.layout.spans] == ["address", "salutation"]
    assert all("Genoa" not in unit.text for unit in analysis.units)
    assert "face a court" in _thesis(analysis).text
    appeal = argmine.analyze(
        "In one week the government opens its new parliament. It is opposed by every group "
        "in the country.\n\n"
        "The country is becoming an armed camp. Trade is being boycotted.\n\n"
        "We urge you strongly to speak out now.\n",
        parser="bundled",
    )
    assert _thesis(appeal).text == "We urge you strongly to speak out now."


def test_a_speakers_courtesy_is_not_the_thesis() -> None:
    """A speech that opens with its courtesy ("It gives me great pleasure to be here …",
    GUM_speech_school) states its standpoint later."""
    text = (
        "It gives me great pleasure to be here today as the guest of the new school.\n\n"
        "Open courses reach students who cannot pay fees. Teachers share what they make.\n\n"
        "I must emphasize that open courses have given Africa a good example to follow.\n\n"
        "Let us keep building them together.\n"
    )
    assert _central(text).startswith("I must emphasize that open courses")


def test_the_granted_side_of_a_but_is_not_the_thesis_and_an_encouragement_is() -> None:
    """ "X was a smart idea in its day, but …" grants a point (student essay 3A3AD368D10E);
    "I strongly encourage you to …" is the author's appeal, the standpoint."""
    text = (
        "The town council meets on Monday. The old bus line was a smart idea in the sixties, "
        "but as the town grows, it is necessary to change how we travel. The line is slow. "
        "For these reasons, I strongly encourage you to vote for the new tram.\n\n"
        "The buses are always late. Workers lose an hour every day.\n\n"
        "A tram carries more people. It would cut traffic in the centre.\n\n"
        "In summation, the town should build the tram.\n"
    )
    assert _central(text) == (
        "For these reasons, I strongly encourage you to vote for the new tram."
    )


def test_a_body_paragraph_that_closes_on_its_own_conclusion_has_two_claims() -> None:
    """A body paragraph that opens with its claim and closes with "That is why …" states a
    second claim: both attach to the thesis (student essay 80C861916EB4), and the unit
    before the closing conclusion supports it."""
    text = (
        "Schools should start later in the morning. Teenagers need more sleep than adults.\n\n"
        "Early classes hurt learning. Tired students cannot store what they hear. Many of them "
        "fall asleep in the first class. That is why the first lessons are wasted.\n\n"
        "Later starts also make the roads safer. Fewer teenagers drive while sleepy.\n\n"
        "In conclusion, schools should start later.\n"
    )
    analysis = argmine.analyze(text, parser="bundled")
    thesis = _thesis(analysis)
    by_text = {unit.text: unit for unit in analysis.units}
    closing = by_text["That is why the first lessons are wasted."]
    opening = by_text["Early classes hurt learning."]
    targets = {r.source: r.target for r in analysis.relations}
    assert closing.role is UnitRole.CLAIM
    assert opening.role is UnitRole.CLAIM
    assert targets[closing.id] == targets[opening.id] == thesis.id
    assert targets[by_text["Many of them fall asleep in the first class."].id] == closing.id


def test_the_answer_to_an_objection_attacks_the_objection_not_its_elaboration() -> None:
    """ "Some may say X. They believe that … However, Y." (student essay 5D7515123676): the
    turn answers the objection, so it rebuts the objection, which no longer defeats the
    thesis. Left to the scores the answer supported "They believe that …"."""
    text = (
        "Students should be allowed to take classes at home. Distance learning helps many "
        "of them.\n\n"
        "Home is quiet. Students can focus on their work there.\n\n"
        "Some may say that students who take classes at home will not do their homework. "
        "They believe that students will watch television instead. However, taking classes "
        "at home would be a big benefit to students. Students know how important an "
        "education is.\n\n"
        "In conclusion, students should be allowed to take classes at home.\n"
    )
    analysis = argmine.analyze(text, parser="bundled")
    by_text = {unit.text: unit for unit in analysis.units}
    answer = by_text["However, taking classes at home would be a big benefit to students."]
    objection = next(u for u in analysis.units if u.text.startswith("Some may say"))
    (relation,) = [r for r in analysis.relations if r.source == answer.id]
    assert (relation.target, relation.kind) == (objection.id, RelationKind.REBUT)
    assert ArgumentMap.from_analysis(analysis).label(_thesis(analysis).id) is Label.IN


def test_a_one_line_therefore_paragraph_concludes_the_paragraph_before() -> None:
    """ "Therefore X." alone on a line after a body paragraph (student essay 5C2F188C0177)
    concludes what precedes it: a claim supported by the paragraph it closes, not a claim
    without support."""
    text = (
        "Many teenagers ignore advice. I believe that seeking several opinions helps people "
        "choose well.\n\n"
        "First, other opinions keep you out of trouble. My brother wanted to sneak out one "
        "night. Everyone in the family told him no, and he stayed home.\n\n"
        "Therefore anything you say to someone can change their whole life around.\n\n"
        "In conclusion, seeking several opinions helps people choose well.\n"
    )
    analysis = argmine.analyze(text, parser="bundled")
    closing = next(u for u in analysis.units if u.text.startswith("Therefore"))
    supporters = [r for r in analysis.relations if r.target == closing.id]
    assert closing.role is UnitRole.CLAIM
    assert supporters
    assert all(r.kind is RelationKind.SUPPORT for r in supporters)


@pytest.mark.parametrize(
    ("conclusion", "restated"),
    [
        # the reason split off a restatement does not restate the thesis on its own
        (
            "In conclusion, phones should be allowed at lunch, because students need to reach "
            "their parents.",
            "In conclusion, phones should be allowed at lunch,",
        ),
        # a sentence may open with "So": that is no clause going on from another
        ("So I think that schools should let students keep them.", "So I think that"),
    ],
)
def test_the_restatement_is_a_sentences_own_clause(conclusion: str, restated: str) -> None:
    text = (
        "Phones are everywhere today. I believe that phones should be allowed at lunch.\n\n"
        "Phones help in emergencies. Parents can reach their children at once.\n\n"
        "Phones also help students plan their day. They check the bus times.\n\n"
        + conclusion
        + "\n"
    )
    analysis = argmine.analyze(text, parser="bundled")
    (relation,) = [r for r in analysis.relations if r.kind is RelationKind.RESTATEMENT]
    assert analysis.unit(relation.source).text.startswith(restated)


def test_a_question_is_no_paragraph_claim() -> None:
    """ "How would this help the teachers?" opens a paragraph that answers it: the answer is
    the paragraph's claim, the question is no claim."""
    text = (
        "Phones are everywhere today. I believe that schools should allow phones at lunch.\n\n"
        "How would this help the students? Phones let students reach their parents in an "
        "emergency. A call takes a few seconds.\n\n"
        "In conclusion, schools should allow phones at lunch.\n"
    )
    analysis = argmine.analyze(text, parser="bundled")
    roles = {unit.text: unit.role for unit in analysis.units}
    assert roles["How would this help the students?"] is UnitRole.PREMISE
    assert roles["Phones let students reach their parents in an emergency."] is UnitRole.CLAIM


def test_what_follows_the_answer_argues_with_the_answer() -> None:
    """After "However, Y" the rest of the paragraph goes on with the answer (student essay
    073F001C3DAB): it may not attach to the objection or its elaboration, where the map
    showed the author's own reasons as the other side's."""
    text = (
        "Schools should offer classes from home. Many students would learn better there.\n\n"
        "Home is quiet. Students can focus on their work there.\n\n"
        "People may argue that students at home would not do their work. They would watch "
        "television instead. However, this is not a problem, because learning from home is "
        "only an option. Teachers still grade every assignment. A student who fails can "
        "simply return to school.\n\n"
        "In conclusion, schools should offer classes from home.\n"
    )
    analysis = argmine.analyze(text, parser="bundled")
    units = list(analysis.units)
    objection = next(i for i, u in enumerate(units) if u.text.startswith("People may argue"))
    answer = next(i for i, u in enumerate(units) if u.text.startswith("However"))
    parent = {r.source: r.target for r in analysis.relations}
    other_side = {u.id for u in units[objection:answer]}
    after = [u for u in units[answer + 1 :] if not u.text.startswith("In conclusion")]
    assert [u.text.split()[0] for u in after] == ["because", "Teachers", "A"]
    assert all(parent[u.id] not in other_side for u in after)
    assert all(u.stance is Stance.PRO for u in after)


def test_an_objection_answered_in_its_own_words_does_not_defeat_the_thesis() -> None:
    """ "Some may say X, however, Y" in one unit (student essay 4D4548484E40) states the
    author's answer: no attack on the thesis. An unanswered "Some people say X." still is
    one, and the thesis is then out."""
    head = (
        "Students should design their own summer projects. Choice makes them care.\n\n"
        "Projects they choose take more effort. They read more about the topic.\n\n"
    )
    answered = argmine.analyze(
        head + "Some may say that teachers should design every project, however, they are "
        "not the ones who do the work.\n\n"
        "In conclusion, students should design their own summer projects.\n",
        parser="bundled",
    )
    assert not [r for r in answered.relations if r.kind is RelationKind.REBUT]
    assert ArgumentMap.from_analysis(answered).label(_thesis(answered).id) is Label.IN
    unanswered = argmine.analyze(
        head + "Some may say that teachers should design every project.\n\n"
        "In conclusion, students should design their own summer projects.\n",
        parser="bundled",
    )
    assert ArgumentMap.from_analysis(unanswered).label(_thesis(unanswered).id) is Label.OUT
