"""The usage window: its charts draw the numbers `aideon usage --json` prints for a store filled
with known usage rows; totals, budget bars and the baseline sentence; CSV export."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from aideon_desktop import cli
from aideon_desktop.core.store.models import UsageRecord
from aideon_desktop.ui.usage_tables import provider_name
from tests.support.store_rows import finish_rows

NOW = datetime.now(UTC)
ROWS = [  # provider, task, cost µ$, baseline µ$, private, cache hit, created
    ("together", "code", 27, 750, False, False, datetime(2026, 10, 30, 12, tzinfo=UTC)),
    ("together", "code", 0, 750, False, True, datetime(2026, 11, 2, 9, tzinfo=UTC)),
    ("huggingface", "writing", 1_250, 9_000, False, False, datetime(2026, 11, 3, 18, tzinfo=UTC)),
    ("local", "general", 0, 75, True, False, datetime(2026, 11, 3, 19, tzinfo=UTC)),
    ("together", "general", 400_000, 2_000_000, False, False, NOW),
]


@pytest.fixture
def filled(assistant):
    for provider, task, cost, baseline, private, cached, created in ROWS:
        finish_rows(
            assistant.store,
            usage=UsageRecord(
                provider=provider,
                model="m",
                task=task,
                prompt_tokens=100,
                completion_tokens=50,
                cost_micro_usd=cost,
                baseline_micro_usd=baseline,
                private=private,
                cache_hit=cached,
                created_at=created,
            ),
        )
    return assistant


def cli_report(capsys) -> dict:
    capsys.readouterr()
    assert cli.main(["usage", "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def open_view(qtbot, assistant):
    from aideon_desktop.ui.usage_view import UsageView

    view = UsageView(assistant)
    qtbot.addWidget(view)
    with qtbot.waitSignal(view.loaded, timeout=10000):
        pass  # the store is read on the thread pool
    return view


def bar_heights(chart) -> list[float]:
    return chart.values()  # read back from the pyqtgraph BarGraphItem


def test_charts_draw_the_numbers_of_aideon_usage_json(qtbot, filled, capsys) -> None:
    report = cli_report(capsys)
    view = open_view(qtbot, filled)
    totals, series = report["totals"], report["series"]
    assert totals["requests"] == len(ROWS)
    # Spend and savings by day, week and month: what the CLI prints is what the chart plots.
    for period in ("day", "week", "month"):
        view.period.setCurrentIndex(view.period.findData(period))
        time = view.charts["time"]
        expected = series["over_time"][period]
        assert time.labels == expected["labels"]
        assert list(time.items["spend"].getData()[1]) == pytest.approx(expected["spend"])
        assert list(time.items["savings"].getData()[1]) == pytest.approx(expected["savings"])
        assert sum(expected["spend"]) == pytest.approx(totals["cost_usd"])
        assert sum(expected["savings"]) == pytest.approx(totals["savings_usd"])
    # Each day's point is that day's row of the report, the gaps between at zero.
    by_day = {row["day"]: row for row in report["days"]}
    days = series["over_time"]["day"]
    assert days["labels"][0] == "2026-10-30" and days["labels"][-1] == NOW.date().isoformat()
    for label, spent in zip(days["labels"], days["spend"], strict=True):
        assert spent == pytest.approx(by_day.get(label, {"cost_usd": 0.0})["cost_usd"])
    assert series["over_time"]["month"]["labels"][:2] == ["2026-10", "2026-11"]
    # Requests by route: on device, cloud, cache.
    assert view.charts["route"].labels == ["On device", "Cloud", "Cache"]
    assert bar_heights(view.charts["route"]) == [1, 3, 1]
    assert (
        dict(zip(view.charts["route"].labels, bar_heights(view.charts["route"]), strict=True))
        == (series["requests_by_route"])
    )
    assert sum(series["requests_by_route"].values()) == totals["requests"]
    # Spend by provider and by task, against the report's own rows.
    providers = {provider_name(r["provider"]): r["cost_usd"] for r in report["providers"]}
    drawn = dict(
        zip(view.charts["provider"].labels, bar_heights(view.charts["provider"]), strict=True)
    )
    assert drawn == pytest.approx(providers)
    tasks = {r["task"]: r["cost_usd"] for r in report["tasks"]}
    drawn = dict(zip(view.charts["task"].labels, bar_heights(view.charts["task"]), strict=True))
    assert drawn == pytest.approx(tasks) == series["spend_by_task"]
    # Share kept on device.
    assert view.ring.share == pytest.approx(totals["kept_on_device_share"]) == 0.2
    assert series["kept_on_device_share"] == 0.2


def test_totals_budgets_and_the_baseline_are_explained(qtbot, filled) -> None:
    filled.settings.budgets.daily_usd = 0.5
    filled.settings.budgets.monthly_usd = 100
    view = open_view(qtbot, filled)
    all_time = view.totals()["All time"]
    assert all_time["requests"] == len(ROWS) and all_time["cost_usd"] == pytest.approx(0.401277)
    labels = {w.objectName(): w.text() for w in view.totals_box.findChildren(type(view.message))}
    assert labels["total_3_1"] == str(len(ROWS)) and labels["total_3_5"] == "20%"
    assert labels["total_1_2"] == "$0.40"  # today: the 40-cent answer
    today = view.budget_box.bars["Today"]
    assert today.value() == 800
    assert view.budget_box.texts["Today"] == "$0.40 of $0.50 (warning at 80%)"
    assert "#c25e00" in today.styleSheet()  # amber: past the warning threshold
    month = view.budget_box.bars["This month"]
    assert "#2f7d32" in month.styleSheet()
    baseline = view.baseline.text()
    catalog = filled.catalog
    assert catalog.baseline.name in baseline and catalog.prices_checked in baseline
    assert f"${catalog.baseline.input_per_million:,.2f} per million" in baseline
    table = view.tables["By provider"]
    names = {table.item(r, 0).text() for r in range(table.rowCount())}
    assert names == {"Together AI", "Hugging Face", "This device"}


def test_tiny_costs_keep_their_digits(qtbot, assistant) -> None:
    finish_rows(
        assistant.store,
        usage=UsageRecord(
            provider="together",
            model="m",
            prompt_tokens=10,
            completion_tokens=5,
            cost_micro_usd=27,
            baseline_micro_usd=750,
        ),
    )
    view = open_view(qtbot, assistant)
    labels = {w.objectName(): w.text() for w in view.totals_box.findChildren(type(view.message))}
    assert labels["total_3_2"] == "$0.000027" and labels["total_3_4"] == "$0.00072"


def test_the_window_opens_on_screen(qtbot, assistant) -> None:
    view = open_view(qtbot, assistant)
    view.move(-5000, -5000)  # where a tray at the screen edge would put it
    view.place_on_screen()
    view.show()
    area = view.screen().availableGeometry()
    assert area.contains(view.frameGeometry())


def test_csv_export_stays(qtbot, filled, tmp_path, monkeypatch) -> None:
    from PySide6.QtWidgets import QFileDialog

    view = open_view(qtbot, filled)
    target = tmp_path / "usage.csv"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    view.export_csv()
    lines = target.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("created_at,provider") and len(lines) == len(ROWS) + 1
    assert view.message.text() == f"Exported to {target}"


def test_pyqtgraph_waits_for_the_usage_window() -> None:
    """Start-up imports (the tray app, settings, the usage module) never load pyqtgraph."""
    import subprocess
    import sys

    probe = (
        "import sys, aideon_desktop.ui.app, aideon_desktop.ui.settings_dialog, "
        "aideon_desktop.ui.usage_view, aideon_desktop.ui.welcome; "
        "print('pyqtgraph' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, timeout=120)
    assert done.stdout.decode().strip() == "False", done.stderr.decode()[-2000:]


def test_an_empty_store_says_so_instead_of_zero_percent_on_device(qtbot, assistant) -> None:
    from aideon_desktop.ui.usage_view import NO_USAGE

    view = open_view(qtbot, assistant)
    assert view.message.text() == NO_USAGE
    assert not view.ring.counted and view.ring.toolTip() == "No requests yet"
    labels = {w.objectName(): w.text() for w in view.totals_box.findChildren(type(view.message))}
    assert labels["total_3_1"] == "0" and labels["total_3_5"] == "—"  # the table agrees


def test_the_share_is_shown_once_there_are_requests(qtbot, filled) -> None:
    view = open_view(qtbot, filled)
    assert view.message.text() == "" and view.ring.counted
    assert view.ring.toolTip() == "20% of requests were answered on this device"


def test_numbers_line_up_right_under_capitalised_headers(qtbot, filled) -> None:
    from PySide6.QtCore import Qt

    view = open_view(qtbot, filled)
    table = view.tables["By day"]
    headers = [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())]
    assert headers == ["Day", "Requests", "Tokens", "Cost", "Baseline", "Saved", "On device"]
    right = Qt.AlignmentFlag.AlignRight
    assert all(table.item(0, c).textAlignment() & right for c in range(1, table.columnCount()))
    assert not table.item(0, 0).textAlignment() & right  # the day, read left to right
    days = [table.item(r, 0).text() for r in range(table.rowCount())]
    assert days == sorted(days, reverse=True) and len(days) > 1  # the latest day on top
    assert view.period.itemText(0) == "By day"  # capitalised as the tabs are
    cost = view.totals_box.findChild(type(view.message), "total_3_2")
    assert cost.alignment() & right


def test_a_table_spans_the_window_with_compact_rows(qtbot, filled) -> None:
    from PySide6.QtWidgets import QTabWidget

    view = open_view(qtbot, filled)
    view.resize(520, 600)  # a narrow window: the day must still be read whole
    view.show()
    qtbot.waitExposed(view)
    tabs = view.findChild(QTabWidget)
    for name in ("By provider", "By day"):
        table = view.tables[name]
        tabs.setCurrentWidget(table)
        qtbot.waitUntil(lambda t=table: t.isVisible() and t.viewport().width() > 0)
        columns = sum(table.columnWidth(c) for c in range(table.columnCount()))
        assert columns >= table.viewport().width() - 2  # no empty half beside the numbers
        first = table.item(0, 0).text()  # the day or name is not cut short ("2026-11-…")
        assert table.columnWidth(0) >= table.fontMetrics().horizontalAdvance(first)
        font_height = table.fontMetrics().height()
        assert table.rowHeight(0) <= 2 * font_height  # one line of text, not a padded band
