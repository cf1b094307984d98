"""Is a value a stand-in for a credential rather than one?  Placeholders (xxxx, changeme,
<your-key>), variable references ($DB_PASS, ${VAR}, os.environ[...]), code expressions and
obvious dummies (1234, a1b2c3…, abcdef123456, asdf/qwer keyboard runs) are not secrets."""

from __future__ import annotations

import base64
import binascii
import functools
import itertools
import math
import re
from collections import Counter

from aideon_desktop.core.privacy.lexicon import literal_alternation, load_data

_REPEATS = re.compile(r"(x{4,}|\*{3,}|\.{3,}|_{4,}|z{6,}|0{8,}|#{4,}|-{4,}|•{3,}|([a-z0-9])\2{7,})")
_REFERENCE = re.compile(
    r"^(\$\{|\$\(|\{\{|<|%\(|%s|\$[a-z_]|\{[a-z_]|@[a-z_]+$|process\.env|os\.environ|os\.getenv|"
    r"env\(|getenv|secrets\.|vault:|ref\+|!ref|\(\(|\[\[)"
)
_CODE_EXPRESSION = re.compile(r"[\w.]+[(\[]|\w+\.\w+$|(?:null|nil|none|true|false|undefined)$")
_PLACEHOLDER_PARTS = frozenset(
    {
        "test",
        "example",
        "sample",
        "demo",
        "dummy",
        "fake",
        "placeholder",
        "changeme",
        "password",
        "secret",
        "xxx",
        "foo",
        "bar",
    }
)
_KEYBOARD = ("qwertyuiop", "asdfghjkl", "zxcvbnm", "1234567890", "abcdefghijklmnopqrstuvwxyz")


@functools.cache
def _words() -> tuple[frozenset[str], tuple[str, ...]]:
    data = load_data("placeholders.toml")
    return frozenset(data["values"]), tuple(data["fragments"])


def shannon_entropy(value: str) -> float:
    if not value:
        return 0.0
    n = len(value)
    return -sum(c / n * math.log2(c / n) for c in Counter(value).values())


def _grams(width: int, blocks: tuple[str, ...], *, zigzag: bool) -> re.Pattern[str]:
    """A lookahead for every ``width``-character run along one of ``blocks`` (steps of +1 or,
    with ``zigzag``, -1 between neighbours of the block: "abc", "cba", "121"), so that
    ``finditer`` gives the start of each such run in C."""
    grams: set[str] = set()
    for block in blocks:
        steps = (1, -1) if zigzag else (1,)
        paths = [[i] for i in range(len(block))]
        for _ in range(width - 1):
            paths = [
                [*path, path[-1] + step]
                for path in paths
                for step in steps
                if 0 <= path[-1] + step < len(block)
            ]
        grams |= {"".join(block[i] for i in path) for path in paths}
    return re.compile(f"(?={literal_alternation(grams)})")


_SEQUENCES = _grams(3, ("0123456789", "abcdefghijklmnopqrstuvwxyz"), zigzag=True)
_KEYBOARD_RUNS = _grams(4, _KEYBOARD, zigzag=False)


def _covered_share(value: str, runs: re.Pattern[str], width: int) -> float:
    """Share of ``value``'s characters inside any of ``runs`` (each ``width`` characters)."""
    covered = reach = 0
    for m in runs.finditer(value):
        at = m.start()
        covered += at + width - max(reach, at)
        reach = at + width
    return covered / max(1, len(value))


def _sequential_share(value: str) -> float:
    """Share of characters in runs of 3+ that step by +1/-1 (abcd, 1234, 9876, cba9)."""
    return _covered_share(value.lower(), _SEQUENCES, 3)


def _keyboard_share(value: str) -> float:
    """Share of characters in 4-key runs along a keyboard row or the alphabet (asdf, qwer)."""
    return _covered_share(value.lower(), _KEYBOARD_RUNS, 4)


_LADDER = re.compile(r"(?:[a-z]\d)+[a-z]?|(?:\d[a-z])+\d?")
_REPEATED_BLOCK = re.compile(r"(.{1,8}?)\1{2,}(.{0,8})", re.IGNORECASE | re.DOTALL)
_NOT_ALNUM = re.compile(r"[^A-Za-z0-9]")


def _one_repeated_block(value: str) -> bool:
    """xxxxxxxx, abcabcabc, 000000001: one block repeated makes up most of the value.  A run
    of three opening a longer value ("11102953", "111hunter") is no such thing."""
    m = _REPEATED_BLOCK.fullmatch(value)
    return m is not None and len(m.group(2)) <= len(value) // 3


def _alternating_dummy(value: str) -> bool:
    """a1b2c3d4…, 1a2b3c4d…, A1B2C3…: a ladder of counting letters and counting digits."""
    v = value.lower()[:12]
    if not _LADDER.fullmatch(v):
        return False
    letters = [ord(c) for c in v if c.isalpha()]
    digits = [int(c) for c in v if c.isdigit()]
    if len(letters) < 3 or len(digits) < 3:
        return False
    steps = {b - a for a, b in itertools.pairwise(letters)}
    steps |= {b - a for a, b in itertools.pairwise(digits)}
    return steps <= {1, -9}


def is_dummy(value: str, *, runs: float = 0.4) -> bool:
    """An obviously made-up value: sequences, keyboard runs, ladders, one repeated block.

    ``runs``: the share of characters in counting or keyboard runs that makes a value made up.
    A password has few by chance; an ID of random digits often holds one or two (a run of
    three steps by ±1 at about 4 % of positions), so ID checks ask for most of the value."""
    v = value.strip().strip("'\"`")
    if len(v) < 3:
        return True
    core = _NOT_ALNUM.sub("", v)
    if not core or _alternating_dummy(v) or _one_repeated_block(v) or _one_repeated_block(core):
        return True
    return _sequential_share(core) >= runs or _keyboard_share(core) >= runs + 0.05


_WRAPPED_NAME = re.compile(r"(?:\$?\{\{?|<|\[\[|\(\()\s*[\w.\-: ]{1,60}?\s*(?:\}\}?|>|\]\]|\)\))")


_TEMPLATE_OPENER = re.compile(r"\$?(?:\{\{|\{%|<%|\[\[|\(\()[=#%-]?")
_CONSTANT_WORDS = re.compile(r"[A-ZÀ-Þ]+(?:_[A-ZÀ-Þ]+)+")
_UNSPACED_SCRIPT = re.compile(r"[\u0e00-\u0e7f\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
_ANY_DIGIT = re.compile(r"\d")
_FOUR_DIGITS = re.compile(r"\d.*\d.*\d.*\d")
_CONSTANT_NAME = re.compile(r"[A-Z][A-Z0-9_]{2,}")
_BASE64 = re.compile(r"[A-Za-z0-9+/]+={0,2}")
_ONE_CHARACTER = re.compile(r"(.)\1{2,}")
_NOT_LOWER = re.compile(r"[^a-z]+")
_NOT_DIGIT = re.compile(r"\D")


def is_reference(value: str) -> bool:
    """A variable, template or environment reference instead of a literal value."""
    v = value.strip().strip("'\"`").lower()
    if _TEMPLATE_OPENER.fullmatch(v):
        return True  # "${{ secrets.X }}" cut at its first space: the opener of an expression
    if v.startswith(("{", "<", "[[", "((", "${")):
        # {{ name }}, <your-key>, ${DB_PASS}: a short name in brackets, not an encrypted blob
        return bool(_WRAPPED_NAME.fullmatch(v)) and not _FOUR_DIGITS.search(v)
    return bool(_REFERENCE.match(v))


def is_code_expression(value: str) -> bool:
    """`request.form["password"]`, `getpass()`, `self.pw`, an ENV_NAME — not literal values."""
    v = value.strip()
    if _CONSTANT_NAME.fullmatch(v):
        return True
    return bool(_CODE_EXPRESSION.match(v.lower()))


def _decode_base64_text(value: str) -> str | None:
    """The text a short base64 value encodes (k8s Secrets store `password` as `cGFzc3dvcmQ=`)."""
    if len(value) < 8 or len(value) % 4 or not _BASE64.fullmatch(value):
        return None
    try:
        decoded = base64.b64decode(value, validate=True).decode("ascii")
    except (binascii.Error, UnicodeDecodeError):
        return None
    return decoded if decoded.isprintable() else None


def strip_closers(value: str) -> str:
    """A bare value without the punctuation that closes what holds it ("secret123\"}," in JSON,
    "(pass)"), keeping a bracket it opened itself ("${DB_PASS}")."""
    value = value.rstrip(",;`'\"")
    for opener, closer in ("()", "[]", "{}"):
        while value.endswith(closer) and value.count(opener) < value.count(closer):
            value = value[:-1].rstrip(",;`'\"")
    return value


def is_prose(value: str) -> bool:
    """Words for a person to read, not a credential: a CONSTANT_NAME in capitals and "_" with
    no digit ("YOUR_API_KEY", "TWOJE_HASLO", "MOT_DE_PASSE"), or text of an unspaced script
    with no digit ("ここにAPIキーを入力", "在此输入密钥")."""
    if _CONSTANT_WORDS.fullmatch(value):
        return True
    return len(_UNSPACED_SCRIPT.findall(value)) >= 2 and not _ANY_DIGIT.search(value)


def is_placeholder(value: str) -> bool:
    """A value that stands for a credential rather than being one."""
    raw = value.strip().strip("'\"`")
    v = raw.lower()
    if len(v) < 3 or _REPEATS.search(v) or _ONE_CHARACTER.fullmatch(v) or is_reference(v):
        return True
    if is_prose(raw):
        return True
    words, fragments = _words()
    if (
        v in words
        or any(f in v for f in fragments)
        or not _PLACEHOLDER_PARTS.isdisjoint(_NOT_LOWER.split(v))
    ):
        return True
    decoded = _decode_base64_text(raw)
    if decoded is not None and decoded != raw and is_placeholder(decoded):
        return True
    return is_dummy(raw)


def is_stand_in(value: str) -> bool:
    """The weaker test for a value the user states ("my password is qwerty1"): only explicit
    stand-ins count (references, masks, "changeme"), since a weak real password is still real."""
    raw = value.strip().strip("'\"`")
    v = raw.lower()
    if len(v) < 3 or _REPEATS.search(v) or _ONE_CHARACTER.fullmatch(v) or is_reference(v):
        return True
    if is_prose(raw):
        return True
    words, _fragments = _words()
    if v in words and v not in ("qwerty", "hunter", "admin", "root"):
        return True
    decoded = _decode_base64_text(raw)
    return decoded is not None and decoded != raw and is_placeholder(decoded)


def made_up_number(value: str) -> bool:
    """An identifier typed to stand for one: one digit repeated (111111111) or counting up from
    0 or 1 (123456789, 0123456789).  Real IDs may contain "1234"; they are not only that."""
    digits = value if value.isdigit() else _NOT_DIGIT.sub("", value)
    if len(digits) < 6:
        return False
    if len(set(digits)) == 1:
        return True
    return "01234567890123456789".startswith(digits) or "1234567890123456789".startswith(digits)


DUMMY_RUN = 7  # counting digits in a row that no real number holds by chance
DUMMY_ZEROS = 6  # a tail of zeros as long
# Every run of DUMMY_RUN ASCII digits each one more than the one before ("0123456" … "3456789").
_COUNTING_RUNS = tuple("0123456789"[i : i + DUMMY_RUN] for i in range(11 - DUMMY_RUN))


def dummy_digits(value: str) -> bool:
    """Digits a sample form uses: one digit repeated, a counting run anywhere (123 456 789,
    06-12345678, 03-1234-5678) or a tail of zeros (600 000 000, +49 30 0000000).  Weaker
    evidence than ``made_up_number`` (which asks the whole value to count up): detectors ask
    it only where the text presents its data as an example."""
    digits = _NOT_DIGIT.sub("", value)
    if len(digits) < DUMMY_ZEROS:
        return False
    if len(set(digits)) == 1 or len(digits) - len(digits.rstrip("0")) >= DUMMY_ZEROS:
        return True
    if digits.isascii():  # a counting run of DUMMY_RUN digits is one of these, read in C
        return any(run in digits for run in _COUNTING_RUNS)
    run = longest = 1
    for a, b in itertools.pairwise(digits):
        run = run + 1 if int(b) == int(a) + 1 else 1
        longest = max(longest, run)
    return longest >= DUMMY_RUN


# Words in brackets where a value would be: "[dein Passwort]", "<votre mot de passe>", "{your key}".
_BRACKETED_WORDS = re.compile(r"[\[<{(«][^\]>})»\n\d]{0,40}\s[^\]>})»\n\d]{0,40}[\]>})»]")


def bracketed_words(text: str, pos: int) -> bool:
    """Do several words in brackets stand at ``pos`` where a value would be?"""
    return _BRACKETED_WORDS.match(text, pos) is not None
