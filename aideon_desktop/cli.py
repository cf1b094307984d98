"""`aideon` on the command line.  The contract (flags, JSON fields, exit codes) is in
design.md; tests and outside tools rely on it."""

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


def _cmd_ask(args: argparse.Namespace, out: TextIO) -> int:
    from aideon_desktop.core.assistant import Assistant, answer_json
    from aideon_desktop.core.chat import Notice, TextDelta

    prompt = _read_prompt(" ".join(args.prompt))
    assistant = Assistant(_settings())
    try:
        answer, events = assistant.ask(
            prompt,
            force_local=args.local,
            force_cloud=args.cloud,
            conversation_id=args.conversation,
            new_conversation=args.conversation is None,
            mask_and_send=True if args.mask else None,
        )
        for event in events:
            if isinstance(event, TextDelta) and not args.json:
                out.write(event.text)
                out.flush()
            elif isinstance(event, Notice) and event.kind != "model_loading":
                print(f"aideon: {event.message}", file=sys.stderr)
                if event.kind == "restart" and not args.json:
                    out.write("\n[answer restarted]\n")
        if not args.json:
            out.write("\n")
    finally:
        assistant.close()
    if args.json:
        out.write(json.dumps(answer_json(answer), ensure_ascii=False) + "\n")
    return EXIT_OK


def _cmd_route(args: argparse.Namespace, out: TextIO) -> int:
    from aideon_desktop.core.assistant import Assistant

    prompt = _read_prompt(" ".join(args.prompt))
    assistant = Assistant(_settings())
    decision = assistant.decide(prompt, force_local=args.local, force_cloud=args.cloud)
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
    stream = sys.stdin.buffer if args.file == "-" else open(args.file, "rb")  # noqa: SIM115
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

    since = None
    if args.since:
        try:
            since = datetime.fromisoformat(args.since)
        except ValueError:
            raise InputError(f"--since {args.since!r} is not a date like 2026-11-01") from None
        since = since.astimezone(UTC) if since.tzinfo else since.replace(tzinfo=UTC)
    store = Store(paths.database_file())
    try:
        rows = store.usage_rows(since)
    finally:
        store.close()
    if args.csv:
        out.write(to_csv(rows))
        return EXIT_OK
    report = build_report(rows).as_dict()
    if args.json:
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
    from aideon_desktop.core.assistant import Assistant
    from aideon_desktop.core.catalog import load_catalog

    if args.refresh:
        assistant = Assistant(_settings(), use_store=False)
        try:
            if not assistant.configured_cloud_providers():
                raise InputError(
                    "No cloud API key is configured: prices can only be refreshed with a key."
                )
            counts = assistant.refresh_prices()
        finally:
            assistant.close()
        for provider, count in counts.items():
            out.write(f"{provider}: {count} catalog prices updated\n")
        return EXIT_OK
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


def _cmd_keys(args: argparse.Namespace, out: TextIO) -> int:
    import getpass

    from aideon_desktop.core import secrets
    from aideon_desktop.core.assistant import Assistant

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
        if not secrets.get_api_key(args.provider):
            raise InputError(f"No {args.provider} key is set.")
        assistant = Assistant(_settings(), use_store=False)
        try:
            assistant.provider(args.provider).list_models()
        finally:
            assistant.close()
        out.write(f"{args.provider}: the key works (model list received)\n")
    return EXIT_OK


def _cmd_serve(args: argparse.Namespace, out: TextIO) -> int:
    from aideon_desktop.api.server import ApiServer, token_file
    from aideon_desktop.core.assistant import Assistant

    assistant = Assistant(_settings())
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

    return run_app(quit_after_s=getattr(args, "quit_after", None))


def _cmd_quick(args: argparse.Namespace, out: TextIO) -> int:
    """Open the quick prompt of the running app (or start it): bind a desktop shortcut to this."""
    from aideon_desktop.ui.app import run_app

    return run_app(command="quick")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="aideon",
        description="Aideon Desktop: a local-first AI router. With no command, starts the tray app.",
    )
    parser.add_argument("--version", action="version", version=f"aideon {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="log to stderr")
    sub = parser.add_subparsers(dest="command")

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
    keys.add_argument("provider", choices=["together", "huggingface", "premium", "local_network"])
    keys.set_defaults(handler=_cmd_keys)

    serve = sub.add_parser(
        "serve", help="OpenAI-compatible API on 127.0.0.1 with the privacy router"
    )
    serve.add_argument("--port", type=int, default=8765)
    serve.set_defaults(handler=_cmd_serve)

    quick = sub.add_parser("quick", help="open the quick prompt (bind a desktop shortcut to this)")
    quick.set_defaults(handler=_cmd_quick)

    add_models_parser(sub)
    gui = sub.add_parser("gui", help="start the tray app (the default)")
    gui.add_argument(
        "--quit-after", type=float, metavar="SECONDS", help="quit on its own (smoke tests)"
    )
    gui.set_defaults(handler=_cmd_gui)
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
        print(f"aideon: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("aideon: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except OSError as exc:
        print(
            f"aideon: {exc.strerror or exc}: {getattr(exc, 'filename', '') or ''}", file=sys.stderr
        )
        return EXIT_NO_PROVIDER


if __name__ == "__main__":
    sys.exit(main())
