"""A model served by Ollama or LM Studio on this machine, over their OpenAI-compatible API.

The server's address comes from the ``[local]`` settings (``<name>_url``, e.g. ``ollama_url``).
It counts as the user's own hardware — trusted with private prompts — only on a loopback
address; anywhere else it is treated like any other server and the egress guard applies.
"""

from __future__ import annotations

from aideon_desktop.core.local_models.servers import is_loopback_url
from aideon_desktop.core.providers.openai_compatible import (
    HttpProviderConfig,
    OpenAICompatibleProvider,
)
from aideon_desktop.core.providers.registry import BuildContext, ProviderSpec

CONNECT_TIMEOUT_S = 5.0
READ_TIMEOUT_S = 300.0  # a local server may load the model before the first token
FIRST_TOKEN_TIMEOUT_S = 120.0


class LocalServerProvider(OpenAICompatibleProvider):
    @classmethod
    def build(cls, spec: ProviderSpec, ctx: BuildContext) -> LocalServerProvider:
        root = str(getattr(ctx.settings.local, f"{spec.name}_url")).rstrip("/")
        config = HttpProviderConfig(
            spec.name,
            spec.display_name,
            root + "/v1",
            CONNECT_TIMEOUT_S,
            READ_TIMEOUT_S,
            FIRST_TOKEN_TIMEOUT_S,
            trusted=spec.trusted and is_loopback_url(root),
            needs_key=False,
        )
        return cls(config, lambda: None)
