"""The learned second reader of topical disclosures (health, personal situation, business).

The rules of ``topics.py`` flag a sentence when they can say why; prose worded in a way no rule
names yet slips past them.  This detector asks the model of ``learned_topics.py`` about the
whole prompt (a long paste: its start and end) and flags the most likely topic when the model
is sure enough; the finding points at the sentence holding the word that spoke most for it.
"""

from __future__ import annotations

from collections.abc import Iterable

from aideon_desktop.core.privacy.context import ScanContext
from aideon_desktop.core.privacy.findings import Finding
from aideon_desktop.core.privacy.learned_topics import TopicModel, topic_model
from aideon_desktop.core.privacy.registry import HEURISTIC, Detector, register
from aideon_desktop.core.privacy.topic_features import TOPICS, features


def prompt_features(ctx: ScanContext) -> list[str]:
    """The model's features of a scanned prompt (its lexicon hits give the cues)."""
    return features(ctx.lower, [topic for topic in TOPICS if ctx.hits_of(topic)])


def _anchor(ctx: ScanContext, feature: str | None) -> tuple[int, int]:
    """Where in the text the model's strongest feature sits: its sentence, or the whole text."""
    if feature is not None:
        needle = feature[2:] if feature[1:2] == ":" else feature
        if feature.startswith("h:"):
            hits = ctx.hits_of(needle)
            pos = hits[0].start if hits else -1
        elif needle == "0":
            pos = -1
        else:
            pos = ctx.lower.find(needle)
        if pos >= 0:
            return ctx.sentence_bounds(pos)
    return ctx.content_span


@register
class LearnedTopicDetector(Detector):
    name = "topic_learned"
    category = "health"  # findings carry the topic the model chose
    stage = "topic"
    precedence = HEURISTIC
    labels = TOPICS

    def prepare(self) -> None:
        topic_model()

    def candidates(self, ctx: ScanContext) -> Iterable[list[str]]:
        if ctx.text.strip():
            yield prompt_features(ctx)

    def validate(self, ctx: ScanContext, candidate: list[str]) -> Finding | None:
        model: TopicModel = topic_model()
        verdict = model.verdict(candidate)
        if verdict is None:
            return None
        topic, probability = verdict
        start, end = _anchor(ctx, model.strongest(candidate, topic))
        reason = f"reads like a {topic.replace('_', ' ')} disclosure (learned model, p={probability:.2f})"
        return self.finding(start, end, reason, category=topic)  # type: ignore[arg-type]
