"""`aideon` on the command line.  The contract (flags, JSON fields, exit codes) is in
design.md; tests and outside tools rely on it."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Sequence
from typing import Any, TextIO

from aideon_desktop import __version__
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
    from aideon_desktop.core.assistant import Assistant
    from aideon_desktop.core.chat import TextDelta

    prompt = _read_prompt(" ".join(args.prompt))
    assistant = Assistant(_settings())
    try:
        answer, events = assistant.ask(prompt, force_local=args.local, force_cloud=args.cloud)
        for event in events:
            if isinstance(event, TextDelta) and not args.json:
                out.write(event.text)
                out.flush()
        if not args.json:
            out.write("\n")
    finally:
        assistant.close()
    if args.json:
        decision = answer.decision
        route = answer.route or decision.route
        usage = answer.usage
        out.write(
            json.dumps(
                {
                    "route": route.provider,
                    "model": route.model,
                    "private": decision.private,
                    "task": decision.task,
                    "reasons": list(decision.reasons),
                    "notices": answer.notices,
                    "text": answer.text,
                    "usage": {
                        "prompt_tokens": usage.prompt_tokens if usage else 0,
                        "completion_tokens": usage.completion_tokens if usage else 0,
                        "estimated": usage.estimated if usage else True,
                    },
                    "cost_usd": float(answer.cost_usd),
                    "baseline_cost_usd": float(answer.baseline_cost_usd),
                    "partial": answer.partial,
                },
                ensure_ascii=False,
            )
            + "\n"
        )
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


def _cmd_gui(args: argparse.Namespace, out: TextIO) -> int:
    from aideon_desktop.ui.app import run_app

    return run_app()


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

    gui = sub.add_parser("gui", help="start the tray app (the default)")
    gui.set_defaults(handler=_cmd_gui)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.ERROR, stream=sys.stderr)
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
