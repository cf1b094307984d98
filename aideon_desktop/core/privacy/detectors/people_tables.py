"""Tables of named people with their pay or their health: a comp sheet, a payroll extract, a
patient list.

    name<TAB>level<TAB>base_usd          patient_id,name,diagnosis
    Grace Lee<TAB>L4<TAB>138000          1042,Omar Haddad,type 1 diabetes

A header line with a name column (topics.toml ``[pay_table]``) and a pay or health column
(contexts.toml ``pay_column``, ``health_column``; 12 languages), followed by a row whose name
cell holds a capitalised name and whose pay cell a number (or health cell some words), is pay
of identifiable people (confidential business) or their health."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from aideon_desktop.core.privacy.context import ScanContext
from aideon_desktop.core.privacy.findings import Category, Finding
from aideon_desktop.core.privacy.lexicon import canonical, load_data
from aideon_desktop.core.privacy.registry import Detector, register

_CELL_SPLIT = re.compile(r"\t|\s*[,;|]\s*")
_PERSON = re.compile(
    r"[A-ZÀ-ÖØ-Þ][\w'’.-]+(?:\s+[A-ZÀ-ÖØ-Þ][\w'’.-]+)+|[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]{2,4}"
)
_PAY = re.compile(r"[$€£¥₩]?\s?\d[\d.,\s]{2,}\s?(?:k|€|\$|£|kr|zł)?")
_ROWS_READ = 5


_KINDS: dict[str, Category] = {"pay_column": "confidential_business", "health_column": "health"}
_WORDS = re.compile(r"[^\W\d_]{3,}")
_EMPTY = frozenset({"n/a", "na", "none", "-", "—", "tbd", "unknown", "null"})


@functools.cache
def _columns() -> dict[str, frozenset[str]]:
    """Header words: "name" (a person's column), and each kind of sensitive column."""
    table = {"name": load_data("topics.toml")["pay_table"]["name_columns"]}
    table |= {kind: load_data("contexts.toml")[kind] for kind in _KINDS}
    return {kind: frozenset(canonical(w) for w in words) for kind, words in table.items()}


def _header(cells: list[str], kind: str) -> tuple[int, int] | None:
    """(name column, ``kind`` column) of a header row, if it has both."""
    columns = _columns()
    keys = [canonical(c.strip("\"' ")) for c in cells]
    name = next((i for i, k in enumerate(keys) if k in columns["name"]), None)
    other = next((i for i, k in enumerate(keys) if k in columns[kind]), None)
    return None if name is None or other is None else (name, other)


def _filled(kind: str, cell: str) -> bool:
    """A pay cell holds a sum; a health cell some words (not "n/a")."""
    if kind == "pay_column":
        return _PAY.fullmatch(cell) is not None
    return cell.lower() not in _EMPTY and _WORDS.search(cell) is not None


Header = tuple[int, int, str, tuple[int, int]]  # start, end, column kind, (name, other) columns


@register
class PeopleTableDetector(Detector):
    name = "people_table"
    category = "confidential_business"
    stage = "topic"
    patterns = (_PERSON, _PAY)
    labels = ("pay_table.name_columns", "pay_column", "health_column")

    def prepare(self) -> None:
        _columns()

    def candidates(self, ctx: ScanContext) -> Iterator[Header]:
        """Header lines: a line of a few cells, one of them a pay or health word the lexicon
        found."""
        text, seen = ctx.text, set()
        for kind in _KINDS:
            for hit in ctx.hits_of("context", kind):
                start = text.rfind("\n", 0, hit.start) + 1
                if (start, kind) in seen:
                    continue
                seen.add((start, kind))
                end = text.find("\n", hit.end)
                end = len(text) if end == -1 else end
                line = text[start:end]
                if len(line) > 200 or not any(sep in line for sep in "\t,;|"):
                    continue
                cells = _CELL_SPLIT.split(line.strip().strip("|"))
                columns = _header(cells, kind) if 2 <= len(cells) <= 12 else None
                if columns is not None:
                    yield start, end, kind, columns

    def validate(self, ctx: ScanContext, header: Header) -> Finding | None:
        start, end, kind, (name, other) = header
        for row in ctx.text[end + 1 :].split("\n", _ROWS_READ)[:_ROWS_READ]:
            cells = _CELL_SPLIT.split(row.strip().strip("|"))
            if len(cells) <= max(name, other):
                continue
            person = _PERSON.fullmatch(cells[name].strip("\"' "))
            if person and _filled(kind, cells[other].strip("\"' ")):
                what = "pay" if kind == "pay_column" else "health"
                reason = f"{what} of named people (a table)"
                return self.finding(start, end, reason, category=_KINDS[kind])
        return None
