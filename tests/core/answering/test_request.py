"""AskRequest: frozen, and each request gets its own cancel switch."""

from __future__ import annotations

import dataclasses

import pytest

from aideon_desktop.core.answering import AskRequest


def test_requests_are_frozen_and_have_their_own_cancel_event() -> None:
    first, second = AskRequest("a"), AskRequest("b")
    with pytest.raises(dataclasses.FrozenInstanceError):
        first.prompt = "changed"  # type: ignore[misc]
    first.params.cancel.set()
    assert not second.params.cancel.is_set()
    assert first.mask_and_send is None and first.history is None and not first.new_conversation
