"""Errors a user can read: one tree, each class with the CLI exit code it maps to.

Every message is written for the user and never holds a secret (user-facing paths also pass it
through ``logs.mask_secrets``).  Callers catch the narrowest class they can handle::

    AideonError                       exit 3 unless a subclass says otherwise
    ├── InputError                    exit 2: the input cannot be used as it is
    ├── ConfigError                   exit 2: a setting is invalid
    ├── KeyringUnavailableError       no OS keyring, so a key cannot be saved
    ├── CancelledError                the user stopped the generation
    └── ProviderError                 a provider could not answer (retryable?, user_error?)
        ├── ProviderHTTPError         an HTTP status or a broken/odd response (status,
        │   │                         retry_after_s)
        │   └── ProviderUnreachableError
        │                             no connection at all (refused, DNS, connect timeout):
        │                             not retried, the provider's other routes are skipped
        ├── StreamBrokenError         failed after text had reached the user (partial_text)
        ├── ModelFileError            the local GGUF is missing, corrupt or not a chat model
        ├── PromptTooLargeError       a single prompt does not fit the model's context
        ├── PrivateDataBlockedError   the egress guard stopped private text leaving the device
        ├── PrivateRouteUnavailableError
        │                             a private prompt could not be answered on the device
        └── NoProviderError           no route could answer
"""

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


class KeyringUnavailableError(AideonError):
    """No usable OS keyring: keys cannot be saved (the local model keeps working)."""


class CancelledError(AideonError):
    """The user stopped the generation."""


class ProviderError(AideonError):
    """A provider could not answer.

    ``retryable``: the same request may succeed if tried again.  ``user_error``: the request
    itself was bad (400, 404…), which says nothing about the provider's health.
    """

    def __init__(self, message: str, *, retryable: bool = False, user_error: bool = False) -> None:
        super().__init__(message)
        self.retryable = retryable
        self.user_error = user_error


class ProviderHTTPError(ProviderError):
    """A provider answered with an HTTP error (or broke a stream) — with what retrying needs."""

    def __init__(
        self,
        message: str,
        *,
        status: int | None = None,
        retryable: bool = False,
        retry_after_s: float | None = None,
        user_error: bool = False,
    ) -> None:
        super().__init__(message, retryable=retryable, user_error=user_error)
        self.status = status
        self.retry_after_s = retry_after_s


class ProviderUnreachableError(ProviderHTTPError):
    """No connection could be made (refused, unknown host, connect timeout).  Retrying within
    seconds rarely helps, and every model of that provider is unreachable alike."""


class StreamBrokenError(ProviderError):
    """The stream failed after some text had already reached the user."""

    def __init__(self, message: str, partial_text: str) -> None:
        super().__init__(message, retryable=True)
        self.partial_text = partial_text


class ModelFileError(ProviderError):
    """The local GGUF file is missing, unreadable, corrupt or not a chat model."""


class PromptTooLargeError(ProviderError):
    """A single prompt does not fit in the model's context window."""


class PrivateDataBlockedError(ProviderError):
    """Private text was about to leave the device; the egress guard stopped it (fail closed)."""


class PrivateRouteUnavailableError(ProviderError):
    """A private prompt could not be answered on the device; it is never sent to the cloud."""


class NoProviderError(ProviderError):
    """No provider along the route could answer."""
