"""Structured logs to a rotating file in the data folder.  Prompts are never logged, and any
API key value the app has read is masked by a filter as a second line of defence."""

from __future__ import annotations

import json
import logging
import logging.handlers
import sys
import threading

from aideon_desktop.core import paths

_SECRETS: set[str] = set()
_SECRETS_LOCK = threading.Lock()
MASK = "[REDACTED]"


def register_secret(value: str) -> None:
    """Remember a secret value so that no log line can ever contain it."""
    if value and len(value) >= 8:
        with _SECRETS_LOCK:
            _SECRETS.add(value)


def mask_secrets(text: str) -> str:
    with _SECRETS_LOCK:
        secrets = sorted(_SECRETS, key=len, reverse=True)
    for secret in secrets:
        text = text.replace(secret, MASK)
    return text


class SecretMaskingFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        masked = mask_secrets(message)
        if masked != message:
            record.msg, record.args = masked, None
        return True


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        payload = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        if record.exc_info:
            payload["error"] = mask_secrets(self.formatException(record.exc_info).splitlines()[-1])
        return json.dumps(payload, ensure_ascii=False)


def setup_logging(*, verbose: bool = False) -> None:
    """INFO and up to ``logs/aideon.log`` (5 × 1 MB); warnings (or all with -v) to stderr."""
    root = logging.getLogger()
    if any(getattr(h, "_aideon", False) for h in root.handlers):
        return
    root.setLevel(logging.INFO)
    masking = SecretMaskingFilter()
    stderr = logging.StreamHandler(sys.stderr)
    stderr.setLevel(logging.INFO if verbose else logging.ERROR)
    stderr.setFormatter(logging.Formatter("aideon: %(levelname)s %(name)s: %(message)s"))
    stderr.addFilter(masking)
    stderr._aideon = True  # type: ignore[attr-defined]
    root.addHandler(stderr)
    try:
        paths.log_dir().mkdir(parents=True, exist_ok=True)
        handler = logging.handlers.RotatingFileHandler(
            paths.log_dir() / "aideon.log", maxBytes=1_000_000, backupCount=5, encoding="utf-8"
        )
    except OSError as exc:
        logging.getLogger(__name__).warning("file logging disabled: %s", exc.strerror)
        return
    handler.setLevel(logging.INFO)
    handler.setFormatter(JsonFormatter())
    handler.addFilter(masking)
    handler._aideon = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    for noisy in ("httpx", "httpcore"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
