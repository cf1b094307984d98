"""Where a prompt goes, and why: privacy first, then the cheapest model good enough for the
task and its difficulty, learning from this device's feedback within bounds.

    decide(RoutingInputs(...)) -> Decision      # pure, no I/O (decision.py)
    learning.record_feedback(...)               # what the UI reports (learning.py)
"""

from aideon_desktop.core.routing.decision import MASKABLE, decide
from aideon_desktop.core.routing.model import (
    LOCAL,
    LOCAL_NETWORK,
    PREMIUM,
    BudgetState,
    Decision,
    Route,
    RoutingInputs,
    Standing,
    unhealthy_keys,
)
from aideon_desktop.core.routing.policy import Policy, load_policy

__all__ = [
    "LOCAL",
    "LOCAL_NETWORK",
    "MASKABLE",
    "PREMIUM",
    "BudgetState",
    "Decision",
    "Policy",
    "Route",
    "RoutingInputs",
    "Standing",
    "decide",
    "load_policy",
    "unhealthy_keys",
]
