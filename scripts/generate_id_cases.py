"""Generate national-ID test cases from python-stdnum's catalogue: tests/data/privacy_ids7.jsonl.

For every personal-ID entry of resources/privacy/national_ids.toml this draws checksum-valid
random numbers (a random value of the entry's shape whose check character is then computed by
trying every character at the check position and keeping the one stdnum's ``is_valid`` accepts;
for our own formats, our validator), writes each in its common written forms (compact, with the
official separators from stdnum's ``format()``, with spaces, lower case) and places it in short
prompts in the country's language and in English: with the official label, with a colloquial
label, with context only ("here is my number") and with no label at all.  Hard negatives sit
beside them: values of the same shape that fail the checksum, in neutral sentences, and order
numbers, invoice numbers, timestamps, phone numbers and amounts.

Every row carries ``split``: "study" (looked at while the detector is built) or "scored" (only
scored at the end), a stable hash of the prompt.

Run: uv run python scripts/generate_id_cases.py          (writes the file; seeded, repeatable)
     uv run python scripts/generate_id_cases.py --score  (scores each half with the detector)
"""

from __future__ import annotations

import datetime
import hashlib
import importlib
import json
import random
import re
import re._constants as sre_c
import re._parser as sre_parse
import sys
import tomllib
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from aideon_desktop.core.privacy.detectors.id_validators import VALIDATORS  # noqa: E402
from aideon_desktop.core.privacy.lexicon import load_data  # noqa: E402

OUT = ROOT / "tests" / "data" / "privacy_ids7.jsonl"
SEED = 20261126
VALUES_PER_MODULE = 2
MIN_LENGTH = 7  # shorter values (a San Marino COE of 1-5 digits) are no one's ID to a reader
# stdnum modules our own validator replaces: the value must pass stdnum's too, where it has one
STDNUM_TWIN = {"aideon.es_dni": "es.dni", "aideon.us_itin": "us.itin", "aideon.kr_rrn": "kr.rrn"}

# Labels, prompt templates and hard negatives: scripts/id_cases.toml (what each part is, there).
_CASES = tomllib.loads((Path(__file__).with_name("id_cases.toml")).read_text("utf-8"))
LABELS: dict[str, list[str]] = _CASES["labels"]
TEMPLATES: dict[str, dict[str, list[str]]] = _CASES["templates"]
NEGATIVE_TEMPLATES: list[str] = _CASES["negatives"]["templates"]
OTHER_NEGATIVES: list[str] = _CASES["negatives"]["other"]


def _random_of(pattern: str, rng: random.Random) -> str:
    """A random string matching a shape regex (literals, classes, repeats, branches, groups)."""
    return _emit(sre_parse.parse(pattern), rng)


_CATEGORY_CHARS = {sre_c.CATEGORY_DIGIT: "0123456789"}
_UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def _class_chars(items: list, rng: random.Random) -> str:
    chars = ""
    for op, arg in items:
        if op is sre_c.LITERAL:
            chars += chr(arg)
        elif op is sre_c.RANGE:
            chars += "".join(chr(c) for c in range(arg[0], arg[1] + 1))
        elif op is sre_c.CATEGORY:
            chars += _CATEGORY_CHARS[arg]
    return chars


def _emit(parsed: sre_parse.SubPattern, rng: random.Random) -> str:
    out = ""
    for op, arg in parsed:
        if op is sre_c.LITERAL:
            out += chr(arg)
        elif op is sre_c.IN:
            chars = _class_chars(arg, rng)
            digits = "".join(c for c in chars if c.isdigit())
            # letters stand in for digits in a few formats (Italian omocodia): digits mostly
            out += rng.choice(digits if digits and rng.random() < 0.85 else chars)
        elif op in (sre_c.MAX_REPEAT, sre_c.MIN_REPEAT):
            low, high, sub = arg
            out += "".join(_emit(sub, rng) for _ in range(rng.randint(low, min(high, low + 2))))
        elif op is sre_c.BRANCH:
            out += _emit(rng.choice(arg[1]), rng)
        elif op is sre_c.SUBPATTERN:
            out += _emit(arg[-1], rng)
        elif op is sre_c.CATEGORY:
            out += rng.choice(_CATEGORY_CHARS[arg])
    return out


def _checker(module: str) -> Callable[[str], bool]:
    """The check a generated value must pass: stdnum's ``is_valid`` (and our validator where the
    detector uses its own), and a birth date, where the number holds one, in the past."""
    checks: list[Callable[[str], bool]] = []
    if module.startswith("aideon."):
        checks.append(VALIDATORS[module.removeprefix("aideon.")])
        module = STDNUM_TWIN.get(module, "")
    if module:
        std = importlib.import_module(f"stdnum.{module}")
        checks.append(std.is_valid)
        birth = getattr(std, "get_birth_date", None)
        if birth is not None:
            checks.append(lambda v: birth(v) <= datetime.date.today())

    def valid(value: str) -> bool:
        try:
            return all(check(value) for check in checks)
        except Exception:  # noqa: BLE001 - a value stdnum cannot parse is not valid
            return False

    return valid


def _birth_dated(shape: str, rng: random.Random) -> str:
    """A random value of the shape whose leading six digits, where it has them, are often a
    real date (YYMMDD or DDMMYY): most IDs of these countries open with the birth date."""
    value = _random_of(shape, rng)
    if len(value) == 18 and value[:17].isdigit():  # a Chinese ID: region, YYYYMMDD, serial
        born = f"{rng.randint(1940, 2010)}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}"
        return rng.choice(_CN_REGIONS) + born + value[14:]
    if len(value) < 6 or not value[:6].isdigit() or rng.random() < 0.4:
        return value
    day, month, year = rng.randint(1, 28), rng.randint(1, 12), rng.randint(0, 99)
    head = rng.choice((f"{year:02d}{month:02d}{day:02d}", f"{day:02d}{month:02d}{year:02d}"))
    return head + value[6:]


_CHECK_CHARS = "0123456789" + _UPPER
# county codes of the Chinese ID (Beijing Dongcheng, Shanghai Huangpu, Guangzhou Tianhe,
# Chengdu Jinjiang, Hangzhou Xihu)
_CN_REGIONS = ("110101", "310101", "440106", "510104", "330106")


def valid_values(module: str, shape: str, count: int, rng: random.Random) -> list[str]:
    """``count`` distinct checksum-valid values: a random value of the shape, then its check
    character(s) (the last, first or last two positions) computed by trying each in turn."""
    shape_re, valid = re.compile(shape), _checker(module)
    found: list[str] = []
    for _ in range(4000):
        value = _birth_dated(shape, rng)
        fixed = _with_check(value, shape_re, valid, rng)
        if fixed and fixed not in found:
            found.append(fixed)
            if len(found) == count:
                break
    return found


def _with_check(value: str, shape_re: re.Pattern[str], valid: Callable[[str], bool], rng) -> str:
    if shape_re.match(value) and valid(value):
        return value
    for pos in (len(value) - 1, 0, len(value) - 2, 8):
        if pos >= len(value):
            continue
        for ch in _CHECK_CHARS:
            probe = value[:pos] + ch + value[pos + 1 :]
            if shape_re.match(probe) and valid(probe):
                return probe
    for a in _CHECK_CHARS[:10]:  # two check digits (NIR, Belgian numbers, Czech ...)
        for b in _CHECK_CHARS[:10]:
            probe = value[:-2] + a + b
            if shape_re.match(probe) and valid(probe):
                return probe
    return ""


def written_forms(module: str, value: str) -> dict[str, str]:
    """The value as people write it: compact, official (stdnum's format), spaced, lower case."""
    forms = {"compact": value}
    std_name = STDNUM_TWIN.get(module, module)
    official = value
    if module in OWN_FORMATS:
        official = OWN_FORMATS[module](value)
    elif not std_name.startswith("aideon."):
        std = importlib.import_module(f"stdnum.{std_name}")
        if hasattr(std, "format"):
            try:
                official = std.format(value)
            except Exception:  # noqa: BLE001 - no official form: compact only
                official = value
    if official != value:
        forms["official"] = official
        spaced = re.sub(r"[-./:]", " ", official)
        if spaced != official:
            forms["spaced"] = spaced
    if any(c.isalpha() for c in value):
        forms["lower"] = forms.get("official", value).lower()
    return forms


OWN_FORMATS: dict[str, Callable[[str], str]] = {
    "aideon.gb_nino": lambda v: f"{v[:2]} {v[2:4]} {v[4:6]} {v[6:8]} {v[8]}",
    "aideon.us_itin": lambda v: f"{v[:3]}-{v[3:5]}-{v[5:]}",
    "aideon.au_medicare": lambda v: (
        f"{v[:4]} {v[4:9]} {v[9]}" + (f" {v[10]}" if len(v) == 11 else "")
    ),
    "aideon.us_mbi": lambda v: f"{v[:4]}-{v[4:7]}-{v[7:]}",
    "aideon.kr_rrn": lambda v: f"{v[:6]}-{v[6:]}",
    "aideon.kr_rrn_checked": lambda v: f"{v[:6]}-{v[6:]}",
    "in_.aadhaar": lambda v: f"{v[:4]} {v[4:8]} {v[8:]}",
    "gb.nhs": lambda v: f"{v[:3]} {v[3:6]} {v[6:]}",
    "dk.cpr": lambda v: f"{v[:6]}-{v[6:]}",
    "my.nric": lambda v: f"{v[:6]}-{v[6:8]}-{v[8:]}",
    "pk.cnic": lambda v: f"{v[:5]}-{v[5:12]}-{v[12:]}",
    "th.pin": lambda v: f"{v[0]}-{v[1:5]}-{v[5:10]}-{v[10:12]}-{v[12]}",
}


def split(prompt: str) -> str:
    """'study' or 'scored': a stable hash of the prompt, half and half."""
    digest = hashlib.sha256(f"ids7\n{prompt}".encode()).digest()
    return "study" if digest[0] % 2 == 0 else "scored"


def _row(prompt: str, sensitive: bool, lang: str, note: str, form: str, module: str) -> dict:
    return {
        "prompt": prompt,
        "sensitive": sensitive,
        "category": "national_id" if sensitive else "id_lookalike",
        "lang": lang,
        "note": note,
        "form": form,
        "module": module,
        "split": split(prompt),
    }


def positive_rows(module: str, values: list[str], rng: random.Random) -> list[dict]:
    lang, official, colloquial, official_en, colloquial_en = LABELS[module]
    rows = []
    for value in values:
        for form, written in written_forms(module, value).items():
            for lng, label_names in (
                (lang, (official, colloquial)),
                ("en", (official_en, colloquial_en)),
            ):
                if lng == "en" and lang == "en" and label_names[0] == official:
                    label_names = (official_en, colloquial_en)
                templates = TEMPLATES[lng]
                for kind, label in (("official", label_names[0]), ("colloquial", label_names[1])):
                    text = rng.choice(templates["label"]).format(l=label, v=written)
                    rows.append(_row(text, True, lng, f"{module} {kind} label", form, module))
                text = rng.choice(templates["context"]).format(v=written)
                rows.append(_row(text, True, lng, f"{module} context only", form, module))
                text = rng.choice(templates["bare"]).format(v=written)
                rows.append(_row(text, True, lng, f"{module} no label", form, module))
    return rows


def failing_value(value: str, valid: Callable[[str], bool], shape: re.Pattern[str]) -> str:
    """The value with its last character changed so that the check fails (same shape)."""
    for ch in "0123456789" if value[-1].isdigit() else _UPPER:
        probe = value[:-1] + ch
        if probe != value and shape.match(probe) and not valid(probe):
            return probe
    return ""


def negative_rows(module: str, shape: str, values: list[str], rng: random.Random) -> list[dict]:
    valid, shape_re = _checker(module), re.compile(shape)
    rows = []
    for value in values:
        bad = failing_value(value, valid, shape_re)
        if bad:
            text = rng.choice(NEGATIVE_TEMPLATES).format(v=bad)
            rows.append(
                _row(text, False, "-", f"{module} checksum fails, neutral", "compact", module)
            )
    return rows


def random_number_rows(rng: random.Random) -> list[dict]:
    """Order, invoice and ticket numbers of every ID length (7-18 digits), drawn at random: about
    one in ten passes some ID's check digit by chance, and none is anyone's ID."""
    rows = []
    for length in range(7, 19):
        for _ in range(4):
            number = str(rng.randint(1, 9)) + "".join(
                rng.choice("0123456789") for _ in range(length - 1)
            )
            text = rng.choice(NEGATIVE_TEMPLATES).format(v=number)
            rows.append(_row(text, False, "-", f"random {length}-digit reference", "compact", "-"))
    return rows


def main() -> None:
    rng = random.Random(SEED)
    rows: list[dict] = []
    missing = []
    for entry in load_data("national_ids.toml")["id"]:
        module = entry["module"]
        values = [
            v
            for v in valid_values(module, entry["shape"], VALUES_PER_MODULE * 3, rng)
            if len(v) >= MIN_LENGTH
        ][:VALUES_PER_MODULE]
        if not values:
            missing.append(module)
            continue
        rows += positive_rows(module, values, rng)
        rows += negative_rows(module, entry["shape"], values, rng)
    rows += [_row(text, False, "-", "other hard negative", "-", "-") for text in OTHER_NEGATIVES]
    rows += random_number_rows(rng)
    seen: set[str] = set()
    unique = [r for r in rows if not (r["prompt"] in seen or seen.add(r["prompt"]))]
    OUT.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in unique), "utf-8")
    print(f"{len(unique)} rows → {OUT.relative_to(ROOT)}; no valid value drawn for: {missing}")


def score() -> None:
    """Precision and recall of each half, recall by how the value is introduced and written, and
    how often a finding names the generated ID itself."""
    from aideon_desktop.core.privacy import scan

    labels = {e["module"]: e["label"] for e in load_data("national_ids.toml")["id"]}
    rows = [json.loads(line) for line in OUT.read_text("utf-8").splitlines() if line]
    for half in ("study", "scored"):
        tally: dict[str, list[int]] = {}
        counts = [0, 0, 0, 0, 0]  # tp, fp, fn, tn, named right
        for row in (r for r in rows if r["split"] == half):
            verdict = scan(row["prompt"])
            got, want = verdict.sensitive, row["sensitive"]
            counts[(0 if want else 1) if got else (2 if want else 3)] += 1
            if want:
                for key in (row["note"].split(" ", 1)[1], f"form {row['form']}"):
                    cell = tally.setdefault(key, [0, 0])
                    cell[0], cell[1] = cell[0] + got, cell[1] + 1
                reasons = {f.reason for f in verdict.findings}
                counts[4] += got and labels.get(row["module"]) in reasons
        tp, fp, fn, tn, named = counts
        print(
            f"{half:7} n={sum(counts[:4])}  P={tp / max(tp + fp, 1):.3f} R={tp / max(tp + fn, 1):.3f}"
            f"  (fp {fp} of {fp + tn} negatives)  finding names the ID: {named}/{tp}"
        )
        print("        " + "  ".join(f"{k} {v[0]}/{v[1]}" for k, v in sorted(tally.items())))


if __name__ == "__main__":
    score() if "--score" in sys.argv else main()
