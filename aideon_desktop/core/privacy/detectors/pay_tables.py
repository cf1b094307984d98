"""Tables of named people's pay: a comp sheet, a payroll extract, a salary list.

    name<TAB>level<TAB>base_usd          Nom;Poste;Salaire
    Grace Lee<TAB>L4<TAB>138000          Claire Dubois;Designer;52000

A header line with a name column and a pay column (resources/privacy/topics.toml
``[pay_table]``, 12 languages), followed by a row whose name cell holds a capitalised name and
whose pay cell holds a number, is internal pay of identifiable people."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from aideon_desktop.core.privacy.context import ScanContext
from aideon_desktop.core.privacy.findings import Finding
from aideon_desktop.core.privacy.lexicon import canonical, load_data
from aideon_desktop.core.privacy.registry import Detector, register

_CELL_SPLIT = re.compile(r"\t|\s*[,;|]\s*")
_PERSON = re.compile(
    r"[A-ZÀ-ÖØ-Þ][\w'’.-]+(?:\s+[A-ZÀ-ÖØ-Þ][\w'’.-]+)+|[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]{2,4}"
)
_PAY = re.compile(r"[$€£¥₩]?\s?\d[\d.,\s]{2,}\s?(?:k|€|\$|£|kr|zł)?")
_ROWS_READ = 5


@functools.cache
def _columns() -> tuple[frozenset[str], frozenset[str]]:
    names = load_data("topics.toml")["pay_table"]["name_columns"]
    pays = load_data("contexts.toml")["pay_column"]
    return frozenset(canonical(w) for w in names), frozenset(canonical(w) for w in pays)


def _header(cells: list[str]) -> tuple[int, int] | None:
    """(name column, pay column) of a header row, if it has both."""
    names, pays = _columns()
    keys = [canonical(c.strip("\"' ")) for c in cells]
    name = next((i for i, k in enumerate(keys) if k in names), None)
    pay = next((i for i, k in enumerate(keys) if k in pays), None)
    return None if name is None or pay is None else (name, pay)


@register
class PayTableDetector(Detector):
    name = "pay_table"
    category = "confidential_business"
    stage = "topic"
    patterns = (_PERSON, _PAY)
    labels = ("pay_table.name_columns", "pay_column")

    def prepare(self) -> None:
        _columns()

    def candidates(self, ctx: ScanContext) -> Iterator[tuple[int, int, tuple[int, int]]]:
        """Header lines: a line of a few cells, one of them a pay word the lexicon found."""
        text, seen = ctx.text, set()
        for hit in ctx.hits_of("context", "pay_column"):
            start = text.rfind("\n", 0, hit.start) + 1
            if start in seen:
                continue
            seen.add(start)
            end = text.find("\n", hit.end)
            end = len(text) if end == -1 else end
            line = text[start:end]
            if len(line) > 200 or not any(sep in line for sep in "\t,;|"):
                continue
            cells = _CELL_SPLIT.split(line.strip().strip("|"))
            columns = _header(cells) if 2 <= len(cells) <= 12 else None
            if columns is not None:
                yield start, end, columns

    def validate(
        self, ctx: ScanContext, header: tuple[int, int, tuple[int, int]]
    ) -> Finding | None:
        start, end, (name, pay) = header
        rows = ctx.text[end + 1 :].split("\n", _ROWS_READ)[:_ROWS_READ]
        for row in rows:
            cells = _CELL_SPLIT.split(row.strip().strip("|"))
            if len(cells) <= max(name, pay):
                continue
            if _PERSON.fullmatch(cells[name].strip("\"' ")) and _PAY.fullmatch(cells[pay].strip()):
                return self.finding(start, end, "pay of named people (a salary table)")
        return None
