"""On-device privacy detection: does this prompt have to stay on this machine?"""

from aideon_desktop.core.privacy.findings import CATEGORY_LABELS, Finding, Verdict
from aideon_desktop.core.privacy.scanner import StreamRestorer, Strictness, redact, restore, scan

__all__ = [
    "CATEGORY_LABELS",
    "Finding",
    "StreamRestorer",
    "Strictness",
    "Verdict",
    "redact",
    "restore",
    "scan",
]
