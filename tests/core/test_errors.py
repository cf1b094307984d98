"""The error tree: exit codes, and what retrying and breakers need to know."""

from __future__ import annotations

from aideon_desktop.core import errors


def test_exit_codes() -> None:
    assert errors.InputError("x").exit_code == errors.EXIT_USAGE == 2
    assert errors.ConfigError("x").exit_code == 2
    assert errors.NoProviderError("x").exit_code == errors.EXIT_NO_PROVIDER == 3
    assert errors.AideonError("x").exit_code == 3


def test_provider_errors_share_one_branch() -> None:
    for cls in (
        errors.ProviderHTTPError,
        errors.StreamBrokenError,
        errors.ModelFileError,
        errors.PromptTooLargeError,
        errors.PrivateDataBlockedError,
        errors.PrivateRouteUnavailableError,
        errors.NoProviderError,
    ):
        assert issubclass(cls, errors.ProviderError) and issubclass(cls, errors.AideonError)
    http = errors.ProviderHTTPError("rate limited", status=429, retryable=True, retry_after_s=2.0)
    assert http.retryable and http.retry_after_s == 2.0 and not http.user_error
    broken = errors.StreamBrokenError("cut", "Hello fr")
    assert broken.retryable and broken.partial_text == "Hello fr"
    assert errors.ProviderError("bad prompt", user_error=True).user_error


def test_every_class_is_in_the_written_tree() -> None:
    documented = errors.__doc__ or ""
    for name, value in vars(errors).items():
        if (
            isinstance(value, type)
            and issubclass(value, Exception)
            and value.__module__ == errors.__name__
        ):
            assert name in documented, f"{name} is missing from core/errors.py's docstring"
