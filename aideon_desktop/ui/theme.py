"""The chat's colours and style sheets, read from ``resources/ui/``.  No Qt here: the widgets
pick light or dark from the system palette and apply the text this module fills in."""

from __future__ import annotations

import functools
import tomllib
from dataclasses import dataclass
from string import Template
from typing import Literal

from aideon_desktop.core.resources import resource_path

Scheme = Literal["light", "dark"]


@dataclass(frozen=True)
class Theme:
    scheme: Scheme
    colors: dict[str, str]
    pygments_style: str

    def color(self, name: str) -> str:
        return self.colors[name]

    @property
    def dark(self) -> bool:
        return self.scheme == "dark"

    def fill(self, template: str) -> str:
        """``template`` with every ``$name`` replaced by this theme's colour of that name;
        ``$icons`` is the icon folder and ``$scheme`` "light" or "dark"."""
        icons = resource_path("ui/icons").as_posix()
        return Template(template).substitute(self.colors, icons=icons, scheme=self.scheme)

    def stylesheet(self) -> str:
        """The Qt style sheet of the chat window and quick prompt."""
        return self.fill(_read("ui/chat.qss"))

    def settings_stylesheet(self) -> str:
        """The settings dialog's few additions to the system style."""
        return self.fill(_read("ui/settings.qss"))

    def document_css(self) -> str:
        """The default style sheet of every rich-text view (Markdown)."""
        return self.fill(_read("ui/markdown.css"))


@functools.cache
def _read(relative: str) -> str:
    return resource_path(relative).read_text(encoding="utf-8")


@functools.cache
def load_theme(scheme: Scheme) -> Theme:
    with resource_path("ui/themes.toml").open("rb") as fh:
        table = tomllib.load(fh)[scheme]
    style = table.pop("pygments_style")
    return Theme(scheme, {k: str(v) for k, v in table.items()}, style)
