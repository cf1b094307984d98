"""Checking a GGUF file the user picks in Settings before it is saved, with the checks the loader
applies (``check_gguf_file``, then a chat template in the header) so a file accepted here is not
refused at the first private prompt.  Reads the header only: fast even for a large model, but
still file I/O, so the dialog calls it off the GUI thread."""

from __future__ import annotations

import re
from pathlib import Path

from aideon_desktop.core.errors import ModelFileError
from aideon_desktop.core.model_files import check_gguf_file, gguf_facts

_SETTINGS_POINTER = re.compile(
    r"\s*(Download it again or )?[Cc]hoose another GGUF file in Settings → Local model[^.]*\."
)


def check_model_choice(path_text: str) -> str:
    """A one-line description of the chosen model; raises ModelFileError saying why not.
    An empty path means the embedded SmolLM2 model."""
    if not path_text.strip():
        return "Empty: the small model built into Aideon answers on this device."
    path = Path(path_text.strip()).expanduser()
    try:
        check_gguf_file(path)
        facts = gguf_facts(path)
    except ModelFileError as exc:  # the loader's words, less its pointer to this very setting
        raise ModelFileError(_SETTINGS_POINTER.sub("", str(exc)).strip()) from None
    if facts.chat_template is None:
        raise ModelFileError(
            f"{path.name} has no chat template in its metadata, so it is not a chat "
            "(instruct) model. Choose an instruct/chat GGUF."
        )
    size_gb = path.stat().st_size / 1e9
    context = f", {facts.context_length:,}-token context" if facts.context_length else ""
    return f"OK: {facts.name} ({facts.architecture}, {size_gb:.1f} GB{context})."
