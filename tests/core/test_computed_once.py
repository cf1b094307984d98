"""ComputedOnce: worked out on first read, then a plain attribute of the instance."""

from __future__ import annotations

from aideon_desktop.core.computed_once import ComputedOnce


class Counted:
    def __init__(self) -> None:
        self.calls = 0

    @ComputedOnce
    def value(self) -> int:
        """The answer."""
        self.calls += 1
        return 42


def test_the_value_is_computed_on_first_read_only() -> None:
    item = Counted()
    assert item.calls == 0
    assert item.value == 42 and item.value == 42
    assert item.calls == 1 and vars(item)["value"] == 42


def test_each_instance_has_its_own_value() -> None:
    first, second = Counted(), Counted()
    assert first.value == 42
    assert second.calls == 0 and "value" not in vars(second)


def test_the_class_attribute_is_the_descriptor_with_its_doc() -> None:
    assert isinstance(Counted.value, ComputedOnce) and Counted.value.__doc__ == "The answer."
