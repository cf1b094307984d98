"""One running app per user: a second launch (or ``aideon quick``) hands its request to the first
over a QLocalSocket and exits."""

from __future__ import annotations

import getpass
import hashlib

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from aideon_desktop.core import paths


def server_name() -> str:
    # One name per user and data folder, so tests with their own AIDEON_HOME never collide.
    folder = hashlib.sha1(str(paths.data_dir()).encode()).hexdigest()[:10]
    return f"aideon-desktop-{getpass.getuser()}-{folder}"


def send_to_running_instance(command: str, timeout_ms: int = 1000) -> bool:
    """Deliver ``command`` ("show", "quick") to a running app; False when none answers."""
    socket = QLocalSocket()
    socket.connectToServer(server_name())
    if not socket.waitForConnected(timeout_ms):
        return False
    socket.write(command.encode() + b"\n")
    socket.flush()
    socket.waitForBytesWritten(timeout_ms)
    socket.disconnectFromServer()
    return True


class InstanceServer(QObject):
    """Listens for commands from later launches."""

    command = Signal(str)

    def __init__(self) -> None:
        super().__init__()
        self._server = QLocalServer(self)
        self._server.newConnection.connect(self._accept)

    def listen(self) -> bool:
        name = server_name()
        if self._server.listen(name):
            return True
        QLocalServer.removeServer(name)  # a stale socket left by a crash
        return self._server.listen(name)

    def _accept(self) -> None:
        while self._server.hasPendingConnections():
            socket = self._server.nextPendingConnection()
            socket.readyRead.connect(lambda s=socket: self._read(s))

    def _read(self, socket: QLocalSocket) -> None:
        while socket.canReadLine():
            text = bytes(socket.readLine().data()).decode(errors="ignore").strip()
            if text:
                self.command.emit(text)
