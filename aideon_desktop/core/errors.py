"""Errors a user can read.  Each carries the CLI exit code it maps to."""

from __future__ import annotations

EXIT_OK = 0
EXIT_USAGE = 2
EXIT_NO_PROVIDER = 3


class AideonError(Exception):
    """Base class: the message is written for the user, never holds secrets."""

    exit_code = EXIT_NO_PROVIDER


class InputError(AideonError):
    """The user's input cannot be used as it is (empty, binary, too large)."""

    exit_code = EXIT_USAGE


class ConfigError(AideonError):
    """A setting is invalid."""

    exit_code = EXIT_USAGE


class ProviderError(AideonError):
    """A provider could not answer."""

    def __init__(self, message: str, *, retryable: bool = False) -> None:
        super().__init__(message)
        self.retryable = retryable


class ModelFileError(ProviderError):
    """The local GGUF file is missing, unreadable, corrupt or not a chat model."""


class PromptTooLargeError(ProviderError):
    """A single prompt does not fit in the model's context window."""


class PrivateRouteUnavailableError(ProviderError):
    """A private prompt could not be answered on the device; it is never sent to the cloud."""


class NoProviderError(ProviderError):
    """No provider along the route could answer."""


class CancelledError(AideonError):
    """The user stopped the generation."""
