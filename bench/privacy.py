"""Privacy detector: precision/recall per corpus and category, and scan latency.

Every public corpus is split deterministically (a hash of the prompt) into a *study* part,
which may be read while the detector is built, and an *untouched* part, which is only ever
scored.  The untouched numbers are the honest ones.  The seed's keyword rule and, where it can
be installed without a model, Presidio's pattern recognizers are scored side by side.

Run: uv run python bench/privacy.py            (add --with presidio-analyzer to compare)
     uv run python bench/privacy.py --latency  (timings only)   --accuracy (tables only)
Latency is measured in this process on one core (scan is single-threaded).
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import re
import statistics
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from aideon_desktop.core.privacy import prepare, scan  # noqa: E402

SHARED = ROOT.parent / "shared" / "privacy"
CORPORA = ("dev.jsonl", "peer.jsonl", "peer2.jsonl")
STUDY_SHARE = 60  # percent of each corpus that may be looked at
SPLIT_SALT = "aideon-privacy-split-v1"
SEED_KEYWORDS = re.compile(r"\b(password|ssn|personal|private|confidential)\b", re.IGNORECASE)
# peer2's bar leaves these out (PEER2.md: out of the project's definition, or weak peer scores).
PEER2_OUT_OF_DEFINITION = frozenset({"business_id", "vehicle_registration", "crypto_wallet"})

Row = dict[str, object]
Predict = Callable[[str], bool]


def split_of(prompt: str) -> str:
    """'study' or 'untouched': a stable hash of the prompt, about 60 % / 40 %."""
    digest = hashlib.sha256(f"{SPLIT_SALT}\n{prompt}".encode()).digest()
    return "study" if int.from_bytes(digest[:4], "big") % 100 < STUDY_SHARE else "untouched"


def load_rows(path: Path) -> list[Row]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def corpus_part(name: str, part: str) -> list[Row]:
    """Rows of a shared corpus in one part ('study', 'untouched' or 'all')."""
    rows = load_rows(SHARED / name)
    return rows if part == "all" else [r for r in rows if split_of(str(r["prompt"])) == part]


def in_bar(name: str, row: Row) -> bool:
    """Whether a row counts toward the issue's bar for its corpus."""
    if name != "peer2.jsonl":
        return True
    return not row.get("weak") and row["category"] not in PEER2_OUT_OF_DEFINITION


def seed_rule(text: str) -> bool:
    return bool(SEED_KEYWORDS.search(text))


def _offline_tldextract() -> None:
    """Presidio's email recognizer asks tldextract, which fetches the public suffix list from
    the network by default: use the snapshot bundled with tldextract instead."""
    try:
        import tldextract
        import tldextract.tldextract as module
    except ImportError:
        return
    module.TLD_EXTRACTOR = tldextract.TLDExtract(suffix_list_urls=())


def presidio_rule() -> Predict | None:
    """Presidio's regex/checksum recognizers, without its NLP engine (no model needed).  A
    prompt counts as sensitive when any recognizer scores a span at 0.5 or more (peer2's "weak"
    rows are those Presidio itself scores below 0.5)."""
    _offline_tldextract()
    try:
        from presidio_analyzer import predefined_recognizers as pr
        from presidio_analyzer.nlp_engine import NlpArtifacts
    except Exception:  # noqa: BLE001 - absent, or its spaCy import fails without a model
        return None
    recognizers = []
    for name in dir(pr):
        cls = getattr(pr, name)
        if not (isinstance(cls, type) and name.endswith("Recognizer")):
            continue
        if "Spacy" in name or "Stanza" in name or "Transformers" in name or "Gliner" in name:
            continue
        try:
            recognizer = cls()
        except Exception:  # noqa: BLE001 - needs a model or arguments
            continue
        if hasattr(recognizer, "patterns") and recognizer.patterns:
            recognizers.append(recognizer)
    empty = NlpArtifacts([], [], [], [], None, "en")

    def predict(text: str) -> bool:
        for recognizer in recognizers:
            results = recognizer.analyze(text, recognizer.supported_entities, empty)
            if any(r.score >= 0.5 for r in results or ()):
                return True
        return False

    return predict


def evaluate(rows: list[Row], predict: Predict) -> dict[str, list[int]]:
    """category → [tp, fp, fn, n]."""
    by_cat: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    for row in rows:
        got, want = predict(str(row["prompt"])), bool(row["sensitive"])
        cell = by_cat[str(row["category"])]
        cell[3] += 1
        if got and want:
            cell[0] += 1
        elif got:
            cell[1] += 1
        elif want:
            cell[2] += 1
    return dict(by_cat)


def pr_cell(tp: int, fp: int, fn: int) -> str:
    p = f"{tp / (tp + fp):.3f}" if tp + fp else "  -  "
    r = f"{tp / (tp + fn):.3f}" if tp + fn else "  -  "
    return f"P={p} R={r}"


def total(cells: dict[str, list[int]]) -> list[int]:
    return [sum(v[i] for v in cells.values()) for i in range(4)]


def report(name: str, part: str, rules: dict[str, Predict]) -> None:
    rows = corpus_part(name, part)
    bar = [row for row in rows if in_bar(name, row)]
    print_table(f"{name} — {part} part ({len(rows)} prompts)", rows, rules, bar)


def print_table(
    title: str, rows: list[dict], rules: dict[str, Predict], bar: list[dict] | None = None
) -> None:
    """Precision and recall per category for every rule, side by side, then all rows (and the
    rows the issue's bar counts, where that is not all of them)."""
    scored = {label: evaluate(rows, predict) for label, predict in rules.items()}
    print(f"\n{title}")
    print(f"{'category':22} {'n':>4}  " + "  ".join(f"{label:17}" for label in rules))
    for cat in sorted(scored["aideon"]):
        n = scored["aideon"][cat][3]
        cells = "  ".join(f"{pr_cell(*scored[label][cat][:3]):17}" for label in rules)
        print(f"{cat:22} {n:4}  {cells}")
    print(
        f"{'ALL':22} {len(rows):4}  "
        + "  ".join(f"{pr_cell(*total(s)[:3]):17}" for s in scored.values())
    )
    if bar is not None and len(bar) != len(rows):
        in_bar_scores = [total(evaluate(bar, predict)) for predict in rules.values()]
        print(
            f"{'BAR ROWS (issue 14)':22} {len(bar):4}  "
            + "  ".join(f"{pr_cell(*s[:3]):17}" for s in in_bar_scores)
        )


def sample_texts(size: int, runs: int) -> list[str]:
    """``runs`` prompts of ``size`` characters, each dev prompts joined at random (seeded)."""
    rng = random.Random(size)
    prompts = [str(r["prompt"]) for r in load_rows(SHARED / "dev.jsonl")]
    texts = []
    for _ in range(runs):
        text = ""
        while len(text) < size:
            text += rng.choice(prompts) + "\n"
        texts.append(text[:size])
    return texts


def latency_samples(texts: list[str], rules: dict[str, Predict]) -> dict[str, list[float]]:
    """Milliseconds per text for each rule, the rules interleaved text by text (and their order
    turned each time) so that load from the rest of the machine falls on all of them alike."""
    samples: dict[str, list[float]] = {label: [] for label in rules}
    order = list(rules.items())
    for i, text in enumerate(texts):
        turn = order[i % len(order) :] + order[: i % len(order)]
        for label, predict in turn:
            t0 = time.perf_counter()
            predict(text)
            samples[label].append((time.perf_counter() - t0) * 1000)
    return samples


def pct(xs: list[float], q: int) -> float:
    return statistics.quantiles(xs, n=100)[q - 1]


def latency_table(rules: dict[str, Predict]) -> None:
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"\nlatency, one core (ms; {os.cpu_count()} cores, load average {load:.2f} at start)")
    print(
        f"{'prompt size':12} "
        + " ".join(f"{label + ' p50':>14} {label + ' p99':>14}" for label in rules)
        + "  target p99"
    )
    for label, texts, target in (
        ("2000 ch", sample_texts(2_000, 400), 2.0),
        ("64000 ch", sample_texts(64_000, 100), 25.0),
        ("64000 mixed", mixed_script_texts(64_000, 30), 25.0),
    ):
        samples = latency_samples(texts, rules)
        cells = [f"{pct(xs, 50):14.3f} {pct(xs, 99):14.3f}" for xs in samples.values()]
        print(f"{label:>12}  " + " ".join(cells) + f"  <= {target} ms")


_CJK_OR_THAI = re.compile(r"[\u0e00-\u0e7f\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")


def mixed_script_texts(size: int, runs: int) -> list[str]:
    """Long Latin texts with a Chinese, Japanese, Korean or Thai prompt of the project's own
    cases every 2,000 characters (a pasted multilingual thread; such text takes other paths
    than Latin text alone)."""
    rng = random.Random(size + 1)
    cjk = [
        str(row["prompt"])
        for path in OWN_CASES
        if path.exists()
        for row in load_rows(path)
        if _CJK_OR_THAI.search(str(row["prompt"]))
    ]
    return [
        "".join(text[i : i + 2_000] + rng.choice(cjk) for i in range(0, size, 2_000))[:size]
        for text in sample_texts(size, runs)
    ]


BLIND = ROOT / "tests" / "data" / "privacy_blind_study"
BLIND_SCORED_ONLY = tuple(
    ROOT / "tests" / "data" / name
    for name in (
        "privacy_blind_untouched",
        "privacy_holdout3",
        "privacy_holdout4",
        "privacy_holdout5",
        "privacy_holdout6",
        "privacy_holdout7",
        "privacy_holdout8",
        "privacy_holdout9",
        "privacy_holdout10",
    )
)
# The project's own cases (written while the detector was built: study material, not a judge).
OWN_CASES = tuple(
    ROOT / "tests" / "data" / name
    for name in (
        "privacy_own_cases.jsonl",
        "privacy_varied.jsonl",
        "privacy_generalization.jsonl",
        "privacy_round3_cases.jsonl",
        "privacy_prose4.jsonl",
        "privacy_prose5.jsonl",
        "privacy_prose6.jsonl",
        "privacy_learned6_check.jsonl",
        "privacy_ids4.jsonl",
        "privacy_secrets4.jsonl",
        "privacy_ids7.jsonl",
        "privacy_prose7.jsonl",
        "privacy_lead7.jsonl",
        "privacy_lead8.jsonl",
        "privacy_lead8b.jsonl",
        "privacy_prose8.jsonl",
        # three writers who never saw the project (round eight; first scored before any rule
        # of that round: a .871/.593, b .879/.483, c .833/.410), then prose8's study material
        "privacy_topics8_a.jsonl",
        "privacy_topics8_b.jsonl",
        "privacy_topics8_c.jsonl",
        # round nine: private values inside pasted e-mails, CSV, logs and configs, and the same
        # shapes with nothing private (before any rule of that round: study P .800 R .800,
        # untouched P 1.000 R .800)
        "privacy_lead9.jsonl",
        # round nine: sample data presented as such (placeholder people, streets, domains and
        # dummy numbers in 12 languages) beside the user's own data in the same forms (before
        # any rule: study P .500 R 1.000, untouched P .333 R 1.000)
        "privacy_lead9b.jsonl",
        "privacy_formats9.jsonl",  # secrets in file formats, disguised cards and accounts
        # prose9: personal situations and confidential business, 20 languages, half negatives
        "privacy_prose9.jsonl",
        # round ten: published secret shapes (gitleaks, trufflehog, providers' docs) and
        # personal-ID formats (stdnum, Presidio's recognizers), business numbers and
        # placeholders as hard negatives (before any rule: study P .993 R .852, untouched P .995
        # R .859; written by scripts/generate_shapes10_cases.py)
        "privacy_shapes10.jsonl",
        # round ten: short messy chat messages (typos, no accents, slang, code-switching) in 20
        # languages, half hard negatives (before any rule of that round: study P .985 R .637,
        # untouched P .973 R .692)
        "privacy_messy10.jsonl",
        # round ten: health, personal situations and confidential business told at length
        # (letters, diaries, forum posts, third persons) in 17 languages, half hard negatives
        # (before any rule of that round: study P .819 R .831, untouched P .895 R .739)
        "privacy_narrative10.jsonl",
        # round ten: cards, IBANs, bank accounts and national IDs written in disguised forms
        # (separators, digit scripts, words, tables, URLs), half hard negatives of the same
        # shapes (before any rule of that round: study P .985 R .805, untouched P .914 R .780;
        # written by scripts/generate_disguise10_cases.py)
        "privacy_disguise10.jsonl",
    )
)


def blind_sets() -> list[Path]:
    """The blind sets: study halves (tests/data/privacy_blind_study), the untouched halves and
    the fresh sets written blind later (only ever scored), and any other folders of *.jsonl
    named by PRIVACY_BLIND_DIRS (os.pathsep-separated)."""
    folders = [BLIND, *BLIND_SCORED_ONLY] + [
        Path(d) for d in os.environ.get("PRIVACY_BLIND_DIRS", "").split(os.pathsep) if d
    ]
    return [path for folder in folders for path in sorted(folder.glob("*.jsonl"))]


def report_file(path: Path, rules: dict[str, Predict]) -> None:
    """One blind file, per category (no study/untouched split: each file is one or the other)."""
    rows = load_rows(path)
    print_table(f"{path.parent.name}/{path.name} ({len(rows)} prompts)", rows, rules)


def main() -> None:
    what = sys.argv[1:]  # "--latency" (only the timings) or "--accuracy" (only the tables)
    rules: dict[str, Predict] = {
        "aideon": lambda t: scan(t).sensitive,
        "seed keyword rule": seed_rule,
    }
    presidio = presidio_rule()
    if presidio is None:
        print(
            "Presidio: not compared — presidio-analyzer is not installed in this environment "
            "(try `uv run --with presidio-analyzer python bench/privacy.py`)."
        )
    else:
        rules["presidio patterns"] = presidio
    if "--latency" not in what:
        for name in CORPORA:
            if not (SHARED / name).exists():
                print(f"\n{name}: missing under {SHARED}")
                continue
            for part in ("all", "study", "untouched"):
                report(name, part, rules)
        for path in blind_sets():
            report_file(path, rules)
        for path in OWN_CASES:
            if path.exists():
                report_file(path, rules)
    if "--accuracy" in what:
        return
    prepare()  # as the app does at start-up: builds the tables, then gc.freeze()
    latency_table(rules)


if __name__ == "__main__":
    main()
