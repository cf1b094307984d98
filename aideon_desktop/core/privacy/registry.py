"""The detector registry: which detectors exist, in which stage they run, and who wins.

Each detector is a small class (``Detector``) that declares its category, its stage and its
precedence tier, yields candidates and validates them.  Detectors register themselves with
``@register``; the registry, not a hand-ordered call list, runs them and settles overlaps.

Stages run in this order:

1. ``value`` — private values (cards, IDs, bank details, secrets, contact details).  When two
   value findings overlap, the registry keeps one, by precedence tier (highest first), then
   the longer span, then the earlier start:

   ====  ===============  ==========================================================
   tier  name             what it means
   ====  ===============  ==========================================================
   100   KNOWN_SHAPE      a published credential format (ghp_…, AKIA…, JWT, PEM key)
    90   CHECKSUM         a value whose check digits validate (Luhn card, IBAN mod-97,
                          national IDs from the stdnum catalogue), and a run of 12+
                          wallet words (the whole phrase beats a label on its first word)
    80   LABELLED         a value named by its label ("password:", "SSN", "MRN",
                          "JIRA_API_TOKEN=", "curl --user"), in any of 12 languages
    70   STRUCTURED       a value of a known format with no checksum (email, phone,
                          IP, street address, routing/sort-code pairs)
    50   HEURISTIC        a guess from the value's looks (random-looking strings)
   ====  ===============  ==========================================================

2. ``record`` — detectors that see the accepted value findings and add the rest of the same
   record: the expiry date, security code and holder's name beside a card, the city and
   post code after a street address.  They never remove anything.
3. ``topic`` — sentence-level disclosures (health, personal situation, confidential
   business).  They do not compete with values or with each other, except that a second
   reader (``second_reader``: the learned model) only adds a topic the rules did not find;
   it names the topics it can report in ``labels``, and it is not run at all when the rules
   have found every one of them (it could add nothing).
"""

from __future__ import annotations

import bisect
import importlib
import inspect
import pkgutil
import re
import sys
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, ClassVar, Literal, NamedTuple

from aideon_desktop.core.privacy.context import ScanContext
from aideon_desktop.core.privacy.findings import Category, Finding

Stage = Literal["value", "record", "topic"]
STAGES: tuple[Stage, ...] = ("value", "record", "topic")

KNOWN_SHAPE, CHECKSUM, LABELLED, STRUCTURED, HEURISTIC = 100, 90, 80, 70, 50


class Detector:
    """One recognizer: declares what it finds and how it decides.

    Subclasses set ``name``, ``category``, ``precedence`` (a tier above) and, for documentation
    and tests, ``patterns``/``labels``; they implement ``candidates`` and ``validate``.
    """

    name: ClassVar[str]
    category: ClassVar[Category]
    stage: ClassVar[Stage] = "value"
    precedence: ClassVar[int] = STRUCTURED
    patterns: ClassVar[tuple[Any, ...]] = ()
    labels: ClassVar[tuple[str, ...]] = ()
    # A topic detector that only adds what others missed; its ``labels`` are the categories it
    # may report (it is skipped when the rules found all of them).
    second_reader: ClassVar[bool] = False

    def prepare(self) -> None:
        """Build the detector's tables now (data files, compiled patterns); by default none."""

    def candidates(self, ctx: ScanContext) -> Iterable[Any]:
        raise NotImplementedError

    def validate(self, ctx: ScanContext, candidate: Any) -> Finding | None:
        raise NotImplementedError

    def find(self, ctx: ScanContext) -> Iterator[Finding]:
        for candidate in self.candidates(ctx):
            finding = self.validate(ctx, candidate)
            if finding is not None:
                yield finding

    def finding(
        self, start: int, end: int, reason: str, category: Category | None = None
    ) -> Finding:
        return Finding(category or self.category, start, end, self.name, reason)


class RecordDetector(Detector):
    """A ``record`` stage detector: completes the records of accepted value findings."""

    stage: ClassVar[Stage] = "record"

    def complete(self, ctx: ScanContext, accepted: Sequence[Finding]) -> Iterator[Finding]:
        raise NotImplementedError


_REGISTERED: dict[str, type[Detector]] = {}


def register(cls: type[Detector]) -> type[Detector]:
    if cls.name in _REGISTERED and _REGISTERED[cls.name] is not cls:
        raise ValueError(f"two detectors are named {cls.name!r}")
    _REGISTERED[cls.name] = cls
    return cls


_instances: list[Detector] | None = None
_plan: tuple[list[Detector], _Plan] | None = None  # the plan, and the detectors it sorts


def detectors() -> list[Detector]:
    """Every registered detector, by stage, then precedence (highest first), then name."""
    global _instances
    if _instances is None:
        from aideon_desktop.core.privacy import detectors as package

        for module in pkgutil.iter_modules(package.__path__):
            importlib.import_module(f"{package.__name__}.{module.name}")
        _instances = sorted(
            (cls() for cls in _REGISTERED.values()),
            key=lambda d: (STAGES.index(d.stage), -d.precedence, d.name),
        )
    return _instances


class _Plan(NamedTuple):
    """The detectors sorted once by what ``run`` does with them."""

    value_tiers: list[list[Detector]]
    records: list[RecordDetector]
    topic_rules: list[Detector]
    second_readers: list[Detector]


def _run_plan() -> _Plan:
    global _plan
    every = detectors()
    if _plan is None or _plan[0] is not every:
        topics = [d for d in every if d.stage == "topic"]
        plan = _Plan(
            _value_tiers(every),
            [d for d in every if isinstance(d, RecordDetector)],
            [d for d in topics if not d.second_reader],
            [d for d in topics if d.second_reader],
        )
        _plan = (every, plan)
    return _plan[1]


Ranked = tuple[int, Finding]  # (precedence tier of the detector that found it, finding)


def resolve(ranked: Iterable[Ranked]) -> list[Ranked]:
    """Keep, of overlapping value findings, the one of higher tier, then longer, then earlier."""
    order = sorted(ranked, key=lambda r: (-r[0], -(r[1].end - r[1].start), r[1].start))
    starts: list[int] = []
    kept: list[Ranked] = []  # sorted by start, never overlapping
    for tier, finding in order:
        i = bisect.bisect_left(starts, finding.start)
        if i > 0 and kept[i - 1][1].end > finding.start:
            continue
        if i < len(kept) and kept[i][1].start < finding.end:
            continue
        starts.insert(i, finding.start)
        kept.insert(i, (tier, finding))
    return kept


def prepare() -> None:
    """Build every detector's tables ahead of the first scan, and every table of the privacy
    package that is built on first use by a function of no arguments (``functools.cache``):
    a word list read from its data file, a pattern compiled from one (each 0.1-1 ms in the
    first scan that asked; a user's first scans are a bench's p99).

    The detectors are prepared in reverse order (the phone numbers' before the IBANs' and the
    IDs'): the regular-expression module keeps the last 512 patterns compiled from a string,
    libphonenumber's ~1,400 pass through it (it keeps them itself too), and a pattern stdnum
    compiles at each check (an IBAN country's format) must still be there after them."""
    for detector in reversed(detectors()):
        detector.prepare()
    for build in _cached_tables():
        build()
    _read_number_databases()


# ``numdb.get('cn/loc')`` in a stdnum module's source: a database it reads on its first check.
_NUMDB_READ = re.compile(r"""numdb\.get\(['"]([\w/]+)['"]\)""")


def _read_number_databases() -> None:
    """Read now the number databases of the stdnum modules the detectors loaded (the Chinese
    ID's birth places, Malaysian and Indonesian regions, Belgian banks…): stdnum reads each on
    its module's first check, the Chinese one in 25-60 ms of a user's scan."""
    from stdnum import numdb

    names = set()
    for name, module in list(sys.modules.items()):
        if name.startswith("stdnum.") and module is not None:
            try:
                names.update(_NUMDB_READ.findall(inspect.getsource(module)))
            except (OSError, TypeError):
                continue  # no source to read: its databases load on first use
    for name in sorted(names):
        numdb.get(name)


def _cached_tables() -> list[Any]:
    """The ``functools.cache`` functions of no arguments in the loaded privacy modules."""
    package = __name__.rsplit(".", 1)[0]
    builders = []
    for name, module in list(sys.modules.items()):
        if name != package and not name.startswith(package + "."):
            continue
        for value in vars(module).values():
            if (
                hasattr(value, "cache_info")
                and getattr(value, "__module__", None) == name
                and not _required_parameters(value)
            ):
                builders.append(value)
    return builders


def _required_parameters(fn: Any) -> bool:
    try:
        parameters = inspect.signature(fn).parameters.values()
    except (TypeError, ValueError):
        return True
    return any(
        p.default is p.empty and p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD) for p in parameters
    )


def _value_tiers(every: list[Detector]) -> list[list[Detector]]:
    """The value detectors grouped by precedence tier, highest first."""
    tiers: dict[int, list[Detector]] = {}
    for d in every:
        if d.stage == "value":
            tiers.setdefault(d.precedence, []).append(d)
    return [tiers[tier] for tier in sorted(tiers, reverse=True)]


def run(ctx: ScanContext) -> list[Finding]:
    """All stages over one prompt.

    Value detectors run tier by tier, highest first; after each tier the findings kept so far
    are published as ``ctx.claimed``, so a lower tier may skip a candidate that would overlap
    one of them (it would lose to it anyway).  The result is the same as resolving everything
    at the end."""
    plan = _run_plan()
    accepted: list[Ranked] = []
    for tier in plan.value_tiers:
        found = [(d.precedence, f) for d in tier for f in d.find(ctx)]
        if found:
            accepted = resolve([*accepted, *found])
            ctx.claim([f for _tier, f in accepted])
    found = [f for _tier, f in accepted]
    records = [(d.precedence, f) for d in plan.records for f in d.complete(ctx, found)]
    if records:
        found = [f for _tier, f in resolve([*accepted, *records])]
    return sorted([*found, *_topics(ctx, plan)], key=lambda f: (f.start, f.end))


def _topics(ctx: ScanContext, plan: _Plan) -> list[Finding]:
    """The topic findings: every rule's, then a second reader's where no rule found its topic
    (one finding per topic, not the same disclosure twice).  A second reader is not asked when
    the rules found every topic it can report (its ``labels``): it could add nothing."""
    topics = [f for d in plan.topic_rules for f in d.find(ctx)]
    found = {f.category for f in topics}
    for d in plan.second_readers:
        if d.labels and found.issuperset(d.labels):
            continue
        topics += [f for f in d.find(ctx) if f.category not in found]
    return topics
