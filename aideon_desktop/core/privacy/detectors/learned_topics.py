"""The learned second reader of topical disclosures (health, personal situation, business).

The rules of ``topics.py`` flag a sentence when they can say why; prose worded in a way no rule
names yet slips past them.  This detector asks the model of ``learned_topics.py`` about the
prompt (a long paste: its start and end, piece by piece) and flags the most likely topic when the model
is sure enough; the finding points at the sentence holding the word that spoke most for it.
"""

from __future__ import annotations

from collections.abc import Iterable

from aideon_desktop.core.privacy.context import ScanContext
from aideon_desktop.core.privacy.drafting import invented_people, names_a_person
from aideon_desktop.core.privacy.findings import Finding
from aideon_desktop.core.privacy.learned_topics import NUMBER, Evidence, TopicModel, topic_model
from aideon_desktop.core.privacy.registry import HEURISTIC, Detector, register
from aideon_desktop.core.privacy.sentences import Sentence
from aideon_desktop.core.privacy.topic_features import TOPICS, chunks, tokens

# Kinds of topic words that mean nothing alone: a unit of dose, a setback ("expired"), papers,
# caring, a death, a drug; detectors/topics.py reads them only beside their partner.  They are no
# cue of a topic for the model (it learned its cues without them).
NOT_A_CUE = {
    "health": frozenset({"units", "to_doctor"}),
    "personal_situation": frozenset({"setback", "papers", "care", "loss", "substances"}),
    # kinds added after the model was trained (round 9): the rules read them, the model never did
    "confidential_business": frozenset({"staff", "decided", "verdicts"}),
}


def topics_hit(ctx: ScanContext) -> list[str]:
    """The topical groups the shared lexicon pass found in the prompt (the model's cues)."""
    found = []
    for topic in TOPICS:
        hits = ctx.hits_of(topic)
        skip = NOT_A_CUE.get(topic)
        if hits and (skip is None or any(h.kind not in skip for h in hits)):
            found.append(topic)
    return found


def _anchor(ctx: ScanContext, feature: str | None) -> tuple[int, int]:
    """Where in the text the model's strongest feature sits: its sentence, or the whole text."""
    if feature is not None:
        if feature.startswith("h:"):
            hits = ctx.hits_of(feature[2:])
            pos = hits[0].start if hits else -1
        elif feature == NUMBER:
            pos = -1
        else:
            pos = ctx.lower.find(feature)
        if pos >= 0:
            return ctx.sentence_bounds(pos)
    return ctx.content_span


def impersonal_question(ctx: ScanContext) -> bool:
    """Is the prompt a question that names nobody ("Che cos'è la NASpI e chi ne ha diritto?"),
    alone or with the asker saying what it is for ("… Mi serve per una lezione", round 10)?  A
    question about a topic discloses nothing, however topical its words; one that speaks of the
    asker, someone close or a named person ("Is my HbA1c of 8 bad?") may."""
    start, end = ctx.content_span
    if end - start > _QUESTION_REACH:
        return False
    asked = False
    for s in _sentences(ctx, start, end):
        if s.relation or s.person_spoken_of or s.described_person or names_a_person(s.text):
            return False
        if s.text.rstrip().endswith(("?", "？")) and not (s.first_person or s.plural):
            asked = True
        elif not s.of("drafting", "purpose"):
            return False  # a sentence neither a question nor what the question is for
    return asked


_QUESTION_REACH = 400


def _sentences(ctx: ScanContext, start: int, end: int) -> Iterable[Sentence]:
    """The sentences of ``ctx.text[start:end]``, in order."""
    at = start
    while at < end:
        lo, hi = ctx.sentence_bounds(at)
        if ctx.text[lo:hi].strip():
            yield Sentence(ctx, lo, hi)
        at = max(hi, at + 1)


def form_of_nobody(ctx: ScanContext) -> bool:
    """A template, an example, a policy or a newsletter (drafting's not_real and blank_form
    words) in a text where neither the writer nor anyone close to them speaks or is spoken of
    ("편지 양식을 만들어 주세요… 이름, 주소, 금액은 빈칸으로", round 10): nobody's matter."""
    if not (ctx.hits_of("drafting", "blank_form") or ctx.hits_of("drafting", "not_real")):
        return False
    start, end = ctx.content_span
    if end - start > _FORM_REACH:
        return False  # a long paste is read as it is, not as a form asked for
    if any(ctx.hits_of("confidential_business", kind) for kind in _KEPT_BACK):
        return False  # "Board decided …; prepare an internal FAQ": a matter, whatever the form
    return not any(_someone_in(s) for s in _sentences(ctx, start, end))


def _someone_in(s: Sentence) -> bool:
    """Does a sentence speak of the writer, us, someone close or someone described?"""
    return bool(
        s.first_person or s.plural or s.relation or s.person_spoken_of or s.described_person
    )


_FORM_REACH = 2_000
_KEPT_BACK = ("decided", "secrecy", "hush", "embargo", "labels", "not_yet")


def public_already(ctx: ScanContext, topic: str) -> bool:
    """A business matter the text says is published already and nowhere says is kept back:
    what the topic rules set aside, the model too (round 9)."""
    if topic != "confidential_business" or not ctx.hits_of("context", "published"):
        return False
    kept = ("secrecy", "embargo", "labels")
    return not any(ctx.hits_of("confidential_business", kind) for kind in kept)


@register
class LearnedTopicDetector(Detector):
    name = "topic_learned"
    category = "health"  # findings carry the topic the model chose
    stage = "topic"
    precedence = HEURISTIC
    labels = TOPICS
    second_reader = True

    def prepare(self) -> None:
        topic_model()
        tokens("warm")  # (compiles the word pattern for text within the BMP)

    def candidates(self, ctx: ScanContext) -> Iterable[list[str]]:
        if ctx.text.strip():
            yield topics_hit(ctx)

    def validate(self, ctx: ScanContext, candidate: list[str]) -> Finding | None:
        model: TopicModel = topic_model()
        best: tuple[float, str, Evidence] | None = None
        for piece in chunks(ctx.lower):
            evidence = model.evidence(piece, candidate)
            verdict = model.verdict(model.text_probabilities(evidence))
            if verdict is not None and (best is None or verdict[1] > best[0]):
                best = (verdict[1], verdict[0], evidence)
        if best is None or impersonal_question(ctx) or invented_people(ctx):
            return None  # a topic question, or a text that says its people are invented
        if form_of_nobody(ctx):
            return None  # a template, a newsletter, a policy asked for, naming no one
        probability, topic, evidence = best
        if public_already(ctx, topic):
            return None
        start, end = _anchor(ctx, model.strongest(evidence, topic))
        reason = f"reads like a {topic.replace('_', ' ')} disclosure (learned model, p={probability:.2f})"
        return self.finding(start, end, reason, category=topic)  # type: ignore[arg-type]
