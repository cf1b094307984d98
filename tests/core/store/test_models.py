"""Table models and the plain rows the hot path inserts."""

from __future__ import annotations

import pytest

from aideon_desktop.core.store.models import AuditEntry, UsageRecord, plain_row


def test_plain_rows_have_every_column_with_its_default() -> None:
    row = plain_row(UsageRecord, provider="together", model="m", prompt_tokens=11)
    assert set(vars(row)) == set(UsageRecord.model_fields)
    assert (row.provider, row.prompt_tokens, row.completion_tokens, row.task) == (
        "together",
        11,
        0,
        "general",
    )
    assert row.id is None and row.created_at.tzinfo is not None
    assert (
        plain_row(AuditEntry, provider="p", model="m", private=False, task="code").reasons == "[]"
    )


def test_unknown_columns_are_refused() -> None:
    with pytest.raises(TypeError, match="no columns"):
        plain_row(UsageRecord, provider="p", model="m", colour="blue")
