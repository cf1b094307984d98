"""`aideon` on the command line.  The contract (flags, JSON fields, exit codes) is in
docs/cli.md; tests and outside tools rely on it."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from typing import Any, TextIO

from aideon_desktop import __version__
from aideon_desktop.cli_models import add_models_parser
from aideon_desktop.core.errors import (
    EXIT_NO_PROVIDER,
    EXIT_OK,
    EXIT_USAGE,
    AideonError,
    InputError,
)
from aideon_desktop.core.prompt_input import decode_stdin_bytes
from aideon_desktop.core.providers import registry


def _read_prompt(value: str) -> str:
    if value == "-":
        return decode_stdin_bytes(sys.stdin.buffer.read())
    return value


def _settings() -> Any:
    from aideon_desktop.core.config import load_settings

    loaded = load_settings()
    for problem in loaded.problems:
        print(f"aideon: settings: {problem} (default used)", file=sys.stderr)
    return loaded.settings


def _say(message: str) -> None:
    """A line for the user on stderr, with any known key masked (as in the log file)."""
    from aideon_desktop.core.logs import mask_secrets

    print(f"aideon: {mask_secrets(message)}", file=sys.stderr)


def _cmd_ask(args: argparse.Namespace, out: TextIO) -> int:
    from aideon_desktop.core.answering import AskRequest, Assistant, answer_json
    from aideon_desktop.core.chat import Notice, StreamEvent, TextDelta
    from aideon_desktop.core.logs import mask_secrets

    def show(event: StreamEvent) -> None:
        if isinstance(event, TextDelta) and not args.json:
            out.write(event.text)
            out.flush()
        elif isinstance(event, Notice) and event.kind not in QUIET_NOTICES:
            _say(event.message)
            if event.kind == "restart" and not args.json:
                out.write("\n[answer restarted]\n")

    prompt = _read_prompt(" ".join(args.prompt))
    assistant = Assistant(_settings())
    try:
        stream = assistant.ask(
            AskRequest(
                prompt,
                conversation_id=args.conversation,
                new_conversation=args.conversation is None,
                force_local=args.local,
                force_cloud=args.cloud,
                mask_and_send=True if args.mask else None,
            )
        )
        answer = stream.drain(show)
        if not args.json:
            out.write("\n")
    finally:
        assistant.close()
    if args.json:
        payload = answer_json(answer)
        payload["notices"] = [mask_secrets(n) for n in payload["notices"]]
        out.write(json.dumps(payload, ensure_ascii=False) + "\n")
    return EXIT_OK


# Progress the terminal does not need to hear about.
QUIET_NOTICES = frozenset({"answering", "model_loading"})


def _cmd_route(args: argparse.Namespace, out: TextIO) -> int:
    from aideon_desktop.core.answering import AskRequest, Assistant

    prompt = _read_prompt(" ".join(args.prompt))
    assistant = Assistant(_settings())
    try:
        decision = assistant.plan(
            AskRequest(prompt, force_local=args.local, force_cloud=args.cloud)
        ).decision
    finally:
        assistant.close()
    payload = {
        "route": decision.route.provider,
        "model": decision.route.model,
        "private": decision.private,
        "task": decision.task,
        "reasons": list(decision.reasons) + ([decision.refused] if decision.refused else []),
        "fallbacks": [{"route": r.provider, "model": r.model} for r in decision.fallbacks],
    }
    if args.json:
        out.write(json.dumps(payload, ensure_ascii=False) + "\n")
    else:
        out.write(f"{decision.route.display} [{decision.route.provider}]\n")
        for reason in payload["reasons"]:
            out.write(f"  - {reason}\n")
    return EXIT_USAGE if decision.refused else EXIT_OK


def _cmd_privacy_scan(args: argparse.Namespace, out: TextIO) -> int:
    from aideon_desktop.core.privacy import scan

    settings = _settings()
    try:
        stream = sys.stdin.buffer if args.file == "-" else open(args.file, "rb")  # noqa: SIM115
    except OSError as exc:
        raise InputError(f"Cannot read {args.file}: {exc.strerror}.") from None
    try:
        for number, raw in enumerate(stream, start=1):
            line = raw.decode("utf-8", errors="replace").strip()
            if not line:
                continue
            try:
                row = json.loads(line)
                prompt = row["prompt"]
                if not isinstance(prompt, str):
                    raise TypeError
            except (json.JSONDecodeError, KeyError, TypeError):
                raise InputError(
                    f"line {number}: expected a JSON object with a string 'prompt'"
                ) from None
            verdict = scan(
                prompt,
                strictness=settings.privacy.strictness,
                custom_terms=settings.privacy.custom_terms,
            )
            out.write(json.dumps(verdict.as_dict(), ensure_ascii=False) + "\n")
    finally:
        if stream is not sys.stdin.buffer:
            stream.close()
    return EXIT_OK


def _cmd_usage(args: argparse.Namespace, out: TextIO) -> int:
    from datetime import UTC, datetime

    from aideon_desktop.core import paths
    from aideon_desktop.core.store import Store
    from aideon_desktop.core.store.usage_report import build_report, to_csv
    from aideon_desktop.core.usage_series import series_as_dict, usage_series

    since = None
    if args.since:
        try:
            since = datetime.fromisoformat(args.since)
        except ValueError:
            raise InputError(f"--since {args.since!r} is not a date like 2026-11-01") from None
        since = since.astimezone(UTC) if since.tzinfo else since.replace(tzinfo=UTC)
    store = Store(paths.database_file(), storage=_settings().history.storage)
    try:
        rows = store.usage_rows(since)
        if store.unavailable:
            _say(store.unavailable)
    finally:
        store.close()
    if args.csv:
        out.write(to_csv(rows))
        return EXIT_OK
    report = build_report(rows).as_dict()
    if args.json:
        # The usage window's charts draw these series (core.usage_series), from this report.
        report["series"] = series_as_dict(usage_series(report))
        out.write(json.dumps(report, ensure_ascii=False) + "\n")
        return EXIT_OK
    t = report["totals"]
    out.write(
        f"{t['requests']} requests, {t['prompt_tokens'] + t['completion_tokens']} tokens, "
        f"cost ${t['cost_usd']:.6f}, premium baseline ${t['baseline_cost_usd']:.6f}, "
        f"saved ${t['savings_usd']:.6f}, {t['kept_on_device_share']:.0%} kept on device\n"
    )
    for row in report["providers"]:
        out.write(
            f"  {row['provider']:12} {row['requests']:5} req  ${row['cost_usd']:.6f}  saved ${row['savings_usd']:.6f}\n"
        )
    return EXIT_OK


def _cmd_catalog(args: argparse.Namespace, out: TextIO) -> int:
    from aideon_desktop.core.catalog import load_catalog

    if args.refresh:
        return _refresh_catalog(out)
    catalog = load_catalog()
    if args.json:
        out.write(catalog.model_dump_json() + "\n")
        return EXIT_OK
    out.write(f"prices checked {catalog.prices_checked}; baseline {catalog.baseline.name}\n")
    for m in catalog.model:
        out.write(
            f"{m.provider:12} {m.id:48} {','.join(m.tasks):22} ${m.input_per_million}/${m.output_per_million}\n"
        )
    return EXIT_OK


def _refresh_catalog(out: TextIO) -> int:
    from aideon_desktop.core.catalog import load_catalog
    from aideon_desktop.core.providers.pool import ProviderPool
    from aideon_desktop.core.providers.upkeep import refresh_prices

    pool = ProviderPool(_settings(), load_catalog())
    try:
        if not pool.usable_cloud():
            raise InputError(
                "No cloud API key is configured: prices can only be refreshed with a key."
            )
        _catalog, counts = refresh_prices(pool, pool.catalog)
    finally:
        pool.close()
    for provider, count in counts.items():
        out.write(f"{provider}: {count} catalog prices updated\n")
    return EXIT_OK


def _cmd_keys(args: argparse.Namespace, out: TextIO) -> int:
    import getpass

    from aideon_desktop.core import secrets

    if args.action == "set":
        # Read from the terminal or stdin, never from the command line (process arguments leak).
        key = (
            getpass.getpass(f"{args.provider} API key: ")
            if sys.stdin.isatty()
            else sys.stdin.readline()
        )
        secrets.set_api_key(args.provider, key)
        out.write(f"saved the {args.provider} key in the system keyring\n")
    elif args.action == "delete":
        secrets.delete_api_key(args.provider)
        out.write(f"deleted the {args.provider} key\n")
    else:
        count = _test_key(args.provider)
        out.write(f"{args.provider}: the key works ({count} models listed)\n")
    return EXIT_OK


def _test_key(provider: str) -> int:
    from aideon_desktop.core import secrets
    from aideon_desktop.core.catalog import load_catalog
    from aideon_desktop.core.providers.pool import ProviderPool

    if not secrets.get_api_key(provider):
        raise InputError(f"No {provider} key is set.")
    pool = ProviderPool(_settings(), load_catalog())
    try:
        models = pool.get(provider).list_models()  # type: ignore[attr-defined]
    finally:
        pool.close()
    listed = models.get("data", []) if isinstance(models, dict) else models
    return len(listed) if isinstance(listed, list) else 0


def _cmd_serve(args: argparse.Namespace, out: TextIO) -> int:
    from aideon_desktop.api.server import ApiServer, token_file
    from aideon_desktop.core.answering import Assistant
    from aideon_desktop.core.privacy import prepare

    assistant = Assistant(_settings())
    prepare()  # the privacy tables before the first request, not during it
    try:
        server = ApiServer(assistant, port=args.port)
    except OSError as exc:
        raise InputError(
            f"Port {args.port} is not free ({exc.strerror}); choose another with --port."
        ) from None
    out.write(
        f"Aideon API on {server.url} (OpenAI-compatible; model aideon/auto routes for you)\n"
        f"Bearer token: in {token_file()} (readable by you only)\n"
    )
    out.flush()
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()
        assistant.close()
    return EXIT_OK


def _cmd_gui(args: argparse.Namespace, out: TextIO) -> int:
    from aideon_desktop.ui.app import run_app

    command = "tray" if getattr(args, "tray", False) else "show"
    return run_app(command=command, quit_after_s=getattr(args, "quit_after", None))


def _cmd_quick(args: argparse.Namespace, out: TextIO) -> int:
    """Open the quick prompt of the running app (or start it): bind a desktop shortcut to this."""
    from aideon_desktop.ui.app import run_app

    return run_app(command="quick")


def _add_ask(sub: argparse._SubParsersAction) -> None:
    ask = sub.add_parser("ask", help="route a prompt and stream the answer")
    ask.add_argument("--json", action="store_true", help="print one JSON object at the end")
    where = ask.add_mutually_exclusive_group()
    where.add_argument("--local", action="store_true", help="answer on this device")
    where.add_argument(
        "--cloud", action="store_true", help="prefer the cloud (never for private prompts)"
    )
    ask.add_argument("--conversation", type=int, metavar="ID", help="continue a saved conversation")
    ask.add_argument(
        "--mask",
        action="store_true",
        help="private values that can be masked (cards, IDs, emails…) are replaced by placeholders "
        "and the prompt may use the cloud; the answer is restored here",
    )
    ask.add_argument("prompt", nargs="+", help="the prompt, or - to read standard input")
    ask.set_defaults(handler=_cmd_ask)


def _add_route_and_privacy(sub: argparse._SubParsersAction) -> None:
    route = sub.add_parser("route", help="show the routing decision; nothing is sent")
    route.add_argument("--json", action="store_true")
    where = route.add_mutually_exclusive_group()
    where.add_argument("--local", action="store_true")
    where.add_argument("--cloud", action="store_true")
    route.add_argument("prompt", nargs="+")
    route.set_defaults(handler=_cmd_route)

    privacy = sub.add_parser("privacy", help="privacy tools")
    privacy_sub = privacy.add_subparsers(dest="privacy_command", required=True)
    privacy_scan = privacy_sub.add_parser("scan", help="scan JSONL prompts")
    privacy_scan.add_argument(
        "--jsonl", dest="file", required=True, metavar="FILE", help="file or - for stdin"
    )
    privacy_scan.set_defaults(handler=_cmd_privacy_scan)


def _add_usage_catalog_keys(sub: argparse._SubParsersAction) -> None:
    usage = sub.add_parser("usage", help="usage, cost and savings")
    fmt = usage.add_mutually_exclusive_group()
    fmt.add_argument("--json", action="store_true")
    fmt.add_argument("--csv", action="store_true", help="one row per request")
    usage.add_argument("--since", metavar="DATE", help="only requests from this date (YYYY-MM-DD)")
    usage.set_defaults(handler=_cmd_usage)

    catalog = sub.add_parser("catalog", help="models and prices")
    catalog.add_argument("--json", action="store_true")
    catalog.add_argument(
        "refresh", nargs="?", choices=["refresh"], help="update prices from the providers"
    )
    catalog.set_defaults(handler=_cmd_catalog)

    keys = sub.add_parser("keys", help="API keys in the system keyring")
    keys.add_argument("action", choices=["set", "delete", "test"])
    keys.add_argument("provider", choices=[spec.name for spec in registry.keyed_specs()])
    keys.set_defaults(handler=_cmd_keys)


def _add_app_commands(sub: argparse._SubParsersAction) -> None:
    serve = sub.add_parser(
        "serve", help="OpenAI-compatible API on 127.0.0.1 with the privacy router"
    )
    serve.add_argument("--port", type=int, default=8765)
    serve.set_defaults(handler=_cmd_serve)

    quick = sub.add_parser("quick", help="open the quick prompt (bind a desktop shortcut to this)")
    quick.set_defaults(handler=_cmd_quick)

    gui = sub.add_parser("gui", help="start the tray app (the default)")
    gui.add_argument(
        "--tray",
        action="store_true",
        help="start in the tray without opening a window (what starting at login does)",
    )
    gui.add_argument(
        "--quit-after", type=float, metavar="SECONDS", help="quit on its own (smoke tests)"
    )
    gui.set_defaults(handler=_cmd_gui)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="aideon",
        description="Aideon Desktop: a local-first AI router. With no command, starts the tray app.",
    )
    parser.add_argument("--version", action="version", version=f"aideon {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="log to stderr")
    sub = parser.add_subparsers(dest="command")
    _add_ask(sub)
    _add_route_and_privacy(sub)
    _add_usage_catalog_keys(sub)
    add_models_parser(sub)
    _add_app_commands(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0)
    from aideon_desktop.core.logs import setup_logging

    setup_logging(verbose=args.verbose)
    handler = getattr(args, "handler", _cmd_gui)
    try:
        return handler(args, sys.stdout)
    except AideonError as exc:
        _fail(args, str(exc), type(exc).__name__, exc.exit_code)
        return exc.exit_code
    except KeyboardInterrupt:
        _fail(args, "interrupted", "KeyboardInterrupt", 130)
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except OSError as exc:
        message = f"{exc.strerror or exc}: {getattr(exc, 'filename', '') or ''}"
        _fail(args, message, type(exc).__name__, EXIT_NO_PROVIDER)
        return EXIT_NO_PROVIDER


def _fail(args: argparse.Namespace, message: str, kind: str, exit_code: int) -> None:
    """The error on stderr; with --json also as an object on stdout, so scripts always get one."""
    from aideon_desktop.core.logs import mask_secrets

    _say(message)
    if getattr(args, "json", False):
        error = {"message": mask_secrets(message), "type": kind, "exit_code": exit_code}
        sys.stdout.write(json.dumps({"error": error}, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    sys.exit(main())
