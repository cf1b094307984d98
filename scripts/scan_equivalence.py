"""Safety net for speed work on the privacy scan: the findings must not change.

Scans a large fixed set of texts and writes every finding (category, detector, span, reason) of
every text, one JSON line per text, to a file; ``--compare`` then says whether a second run's
file is byte-for-byte the same.  The texts:

- every prompt of ../shared/privacy/*.jsonl, tests/data/privacy_*.jsonl and the jsonl files in
  tests/data/privacy_*/ (balanced, and again in strict mode);
- the same prompts joined into 8,000-character pastes (values meeting across prompt edges);
- bench/privacy.py's generated 2,000-, 64,000-character and mixed-script latency texts.

It prints only counts and the names of the sets that differ, never a row or a finding, so it
may run over the untouched and blind sets (it compares outputs; it reads no rows).

Run: uv run python scripts/scan_equivalence.py save /tmp/before.jsonl
     uv run python scripts/scan_equivalence.py save /tmp/after.jsonl
     uv run python scripts/scan_equivalence.py compare /tmp/before.jsonl /tmp/after.jsonl
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from aideon_desktop.core.privacy import prepare, scan  # noqa: E402
from bench.privacy import SHARED, load_rows, mixed_script_texts, sample_texts  # noqa: E402

PASTE_SIZE = 8_000


def prompt_files() -> list[Path]:
    data = ROOT / "tests" / "data"
    return [
        *sorted(SHARED.glob("*.jsonl")),
        *sorted(data.glob("privacy_*.jsonl")),
        *sorted(data.glob("privacy_*/*.jsonl")),
    ]


def pastes(prompts: list[str]) -> list[str]:
    """The prompts joined, in order, into pieces of about PASTE_SIZE characters."""
    out, piece = [], ""
    for prompt in prompts:
        piece += prompt + "\n"
        if len(piece) >= PASTE_SIZE:
            out.append(piece)
            piece = ""
    return [*out, piece] if piece else out


def text_sets() -> Iterator[tuple[str, str, list[str]]]:
    """(set name, strictness, texts)."""
    every: list[str] = []
    for path in prompt_files():
        prompts = [str(row["prompt"]) for row in load_rows(path)]
        every += prompts
        name = str(path.relative_to(ROOT.parent if path.is_relative_to(SHARED) else ROOT))
        yield name, "balanced", prompts
        yield name, "strict", prompts
    yield "pastes of every prompt", "balanced", pastes(every)
    yield "bench 2000 ch", "balanced", sample_texts(2_000, 400)
    yield "bench 64000 ch", "balanced", sample_texts(64_000, 100)
    yield "bench 64000 mixed", "balanced", mixed_script_texts(64_000, 30)


def save(out: Path) -> None:
    prepare()
    t0 = time.perf_counter()
    texts = findings = 0
    with out.open("w", encoding="utf-8") as fh:
        for name, strictness, batch in text_sets():
            for i, text in enumerate(batch):
                verdict = scan(text, strictness=strictness)  # type: ignore[arg-type]
                rows = [
                    [f.category, f.detector, f.start, f.end, f.reason] for f in verdict.findings
                ]
                line = {"set": name, "mode": strictness, "i": i, "findings": rows}
                fh.write(json.dumps(line, ensure_ascii=False) + "\n")
                texts += 1
                findings += len(rows)
    took = time.perf_counter() - t0
    print(f"{texts} texts, {findings} findings, scanned in {took:.1f} s -> {out}")


def compare(a: Path, b: Path) -> int:
    left = a.read_text(encoding="utf-8").splitlines()
    right = b.read_text(encoding="utf-8").splitlines()
    if len(left) != len(right):
        print(f"DIFFERENT: {len(left)} vs {len(right)} texts")
        return 1
    differ: dict[tuple[str, str], int] = {}
    for x, y in zip(left, right, strict=True):
        if x != y:
            row = json.loads(x)
            key = (row["set"], row["mode"])
            differ[key] = differ.get(key, 0) + 1
    if not differ:
        print(f"IDENTICAL: {len(left)} texts, byte for byte")
        return 0
    for (name, mode), count in sorted(differ.items()):
        print(f"DIFFERENT: {count} texts of {name} ({mode})")
    return 1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("save").add_argument("out", type=Path)
    cmp = sub.add_parser("compare")
    cmp.add_argument("a", type=Path)
    cmp.add_argument("b", type=Path)
    args = parser.parse_args()
    if args.command == "save":
        save(args.out)
    else:
        sys.exit(compare(args.a, args.b))


if __name__ == "__main__":
    main()
