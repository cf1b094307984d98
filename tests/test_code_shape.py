"""The code stays a size a newcomer can change: no class over 250 lines, no function over 60
lines, and in core/ no function with cyclomatic complexity over 15 (measured with radon);
core/ never imports Qt."""

from __future__ import annotations

import ast
from pathlib import Path

from radon.complexity import cc_visit

PACKAGE = Path(__file__).resolve().parents[1] / "aideon_desktop"
MAX_CLASS_LINES, MAX_FUNCTION_LINES, MAX_COMPLEXITY = 250, 60, 15


def sources(root: Path) -> list[Path]:
    return sorted(root.rglob("*.py"))


def test_no_oversized_classes_or_functions() -> None:
    too_big = []
    for path in sources(PACKAGE):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            lines = getattr(node, "end_lineno", 0) - getattr(node, "lineno", 0) + 1
            if isinstance(node, ast.ClassDef) and lines > MAX_CLASS_LINES:
                too_big.append(f"{path.relative_to(PACKAGE)}: class {node.name} ({lines} lines)")
            if (
                isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
                and lines > MAX_FUNCTION_LINES
            ):
                too_big.append(f"{path.relative_to(PACKAGE)}: {node.name}() ({lines} lines)")
    assert not too_big, "\n".join(too_big)


def functions(source: str) -> list:
    """Every function and method radon sees (a class's own score is not a function's)."""
    found = []
    for block in cc_visit(source):
        found += getattr(block, "methods", None) or ([] if hasattr(block, "methods") else [block])
    return found


def test_core_functions_stay_simple() -> None:
    tangled = [
        f"{path.relative_to(PACKAGE)}: {block.name} (complexity {block.complexity})"
        for path in sources(PACKAGE / "core")
        for block in functions(path.read_text(encoding="utf-8"))
        if block.complexity > MAX_COMPLEXITY
    ]
    assert not tangled, "\n".join(tangled)


def test_core_never_imports_qt() -> None:
    offenders = [
        str(path.relative_to(PACKAGE))
        for path in sources(PACKAGE / "core")
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Import | ast.ImportFrom)
        and any(
            name.startswith(("PySide6", "PyQt", "pyqtgraph"))
            for name in (
                [node.module or ""]
                if isinstance(node, ast.ImportFrom)
                else [a.name for a in node.names]
            )
        )
    ]
    assert not offenders, offenders
