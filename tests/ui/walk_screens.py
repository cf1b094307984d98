"""Screenshots of what the other screenshot scripts leave out, for a person to look at: the chat
window after a rejected API key and with the network down (both clouds refuse or are
unreachable), and the order Tab moves through the chat window and the quick prompt (printed as
one JSON line).  Light and dark, at the scale the environment sets:

    QT_QPA_PLATFORM=offscreen QT_SCALE_FACTOR=2 python -m tests.ui.walk_screens artifacts/walk
"""

from __future__ import annotations

import json
import os
import socket
import sys
import tempfile
from pathlib import Path

from PySide6.QtWidgets import QApplication, QWidget

from tests.fake_cloud import FakeCloud
from tests.support.keyring_backend import use_file_keyring
from tests.ui.screens import open_chat, palette, send, settle

QUESTION = "Write a haiku about autumn rain."
REFUSED = {"kind": "status", "status": 401, "body": {"error": {"message": "Invalid API key"}}}


def closed_port() -> str:
    """A loopback address nothing listens on: "no network" without touching the network."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{probe.getsockname()[1]}/v1"


def point_clouds_at(together: str, hf: str, hf_root: str) -> None:
    os.environ.update(
        AIDEON_TOGETHER_BASE_URL=together, AIDEON_HF_BASE_URL=hf, AIDEON_HF_LEGACY_BASE_URL=hf_root
    )


def tab_chain(start: QWidget, steps: int = 12) -> list[str]:
    """The accessible names (else class names) Tab visits from ``start``."""
    names, widget = [], start
    for _ in range(steps):
        names.append(widget.accessibleName() or type(widget).__name__)
        widget = widget.nextInFocusChain()
        while not (widget.isVisible() and widget.isEnabled() and widget.focusPolicy() & 1):
            widget = widget.nextInFocusChain()
        if widget is start:
            break
    return names


def failing_chat(app: QApplication, out: Path, tag: str, name: str) -> dict:
    window = open_chat(app, max_tokens=24)
    send(app, window, QUESTION)
    settle(app, 0.3)
    window.grab().save(str(out / f"chat-{name}-{tag}.png"))
    result = {f"{name}_banner": window.banner.text()}
    result[f"{name}_draft"] = window.draft.toPlainText()
    window.draft.setFocus()
    result["chat_tab_order"] = tab_chain(window.draft)
    window.close()
    window.session.preview.wait()
    window.assistant.close()
    return result


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    home = Path(tempfile.mkdtemp(prefix="aideon-walk-screens-"))
    app = QApplication(sys.argv[:1])
    app.setStyle("Fusion")
    tag = f"{os.environ.get('QT_SCALE_FACTOR', '1')}x"
    result: dict = {}
    with use_file_keyring(home / "keyring.json"):
        from aideon_desktop.core import secrets

        secrets.set_api_key("together", "tgp_v1_wrongwrongwrongwrongwrong")
        secrets.set_api_key("huggingface", "hf_wrongwrongwrongwrongwrongwrong")
        for scheme in ("light", "dark"):
            app.setPalette(palette(scheme))
            with FakeCloud("together") as together, FakeCloud("huggingface") as hf:
                os.environ["AIDEON_HOME"] = str(home / f"key-{scheme}")
                point_clouds_at(together.base_url, hf.base_url, hf.root_url)
                together.script(*[REFUSED] * 6)
                hf.script(*[REFUSED] * 6)
                result |= failing_chat(app, out, f"{tag}-{scheme}", "wrong-key")
            os.environ["AIDEON_HOME"] = str(home / f"offline-{scheme}")
            port = closed_port()
            point_clouds_at(port, port, port.removesuffix("/v1"))
            result |= failing_chat(app, out, f"{tag}-{scheme}", "offline")
    print(json.dumps(result))


if __name__ == "__main__":
    main(Path(sys.argv[1]))
