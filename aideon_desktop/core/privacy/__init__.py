"""On-device privacy detection: does this prompt have to stay on this machine?"""

from aideon_desktop.core.privacy.findings import CATEGORY_LABELS, MASKABLE, Finding, Verdict
from aideon_desktop.core.privacy.redaction import StreamRestorer, redact, restore
from aideon_desktop.core.privacy.scanner import Strictness, prepare, scan

__all__ = [
    "CATEGORY_LABELS",
    "MASKABLE",
    "Finding",
    "StreamRestorer",
    "Strictness",
    "Verdict",
    "prepare",
    "redact",
    "restore",
    "scan",
]
