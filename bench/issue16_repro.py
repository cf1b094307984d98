"""Issue 16's reproductions (API inputs, server limits, deadlines, echoed keys), run against
this checkout and, side by side, an older one.  Every number is measured, none assumed:

    git archive <old-rev> | tar -x -C /tmp/base      # e.g. the commit before the fixes
    uv run python bench/issue16_repro.py /tmp/base

Each tree runs in its own process with the same fake cloud (this checkout's tests/fake_cloud.py)
and the embedded model.  A scenario that does not finish in WAIT_CAP_S is reported as such.
"""

from __future__ import annotations

import importlib.util
import io
import json
import logging
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parents[1]
WAIT_CAP_S = 120


# ---------------------------------------------------------------------- child process
def child(root: str) -> None:
    sys.path.insert(0, root)
    # The package under test comes from ``root``; the fakes and helpers from this checkout.
    spec = importlib.util.spec_from_file_location(
        "tests", HERE / "tests" / "__init__.py", submodule_search_locations=[str(HERE / "tests")]
    )
    sys.modules["tests"] = importlib.util.module_from_spec(spec)
    os.environ["AIDEON_HOME"] = tempfile.mkdtemp()
    os.environ["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"
    log = io.StringIO()
    logging.basicConfig(stream=log, level=logging.INFO)
    sys.stderr = log
    import aideon_desktop

    assert aideon_desktop.__file__.startswith(root), aideon_desktop.__file__
    for name, value in [*api_scenarios(log), *deadline_scenarios()]:
        print(json.dumps([name, value]), flush=True)
    os._exit(0)


def api_scenarios(log: io.StringIO):
    from aideon_desktop.api.server import ApiServer
    from aideon_desktop.core.answering import Assistant
    from aideon_desktop.core.config import load_settings
    from tests.fake_cloud import FakeCloud
    from tests.support.catalogs import CATALOG
    from tests.support.raw_http import RawConnection, get, post

    fake = FakeCloud("together").__enter__()  # an accepted request is answered at once
    os.environ.update(
        {
            "TOGETHER_API_KEY": "tk-test-aaaaaaaaaaaaaaaaaaaa",
            "AIDEON_TOGETHER_BASE_URL": fake.base_url,
        }
    )
    assistant = Assistant(load_settings().settings, catalog=CATALOG, use_store=False)
    server = ApiServer(assistant, port=0)
    server.start()
    port, token = int(server.url.rsplit(":", 1)[1].split("/")[0]), server.token
    hi = b'{"role": "user", "content": "hi"}'

    def chat(*fields: bytes, messages: bytes = hi) -> bytes:
        return b'{"messages": [' + messages + b"]" + b"".join(b", " + f for f in fields) + b"}"

    cases = {
        'text part {"text": 5}': post(
            port, chat(messages=b'{"role":"user","content":[{"type":"text","text":5}]}'), token
        ),
        "temperature: NaN": post(port, chat(b'"temperature": NaN'), token),
        "temperature: -5": post(port, chat(b'"temperature": -5'), token),
        "max_tokens: true": post(port, chat(b'"max_tokens": true'), token),
        'stream: "false"': post(port, chat(b'"stream": "false"'), token),
        "JSON nested 100k deep": post(
            port, b'{"messages": ' + b"[" * 100_000 + b"]" * 100_000 + b"}", token
        ),
        "lone surrogate, earlier message": post(
            port, chat(messages=b'{"role":"system","content":"x \\udfff"}, ' + hi), token
        ),
        "Content-Length: abc": post(port, b"{}", token, Content_Length="abc"),
        "Origin: http://localhost.evil.com": get(port, token, Origin="http://localhost.evil.com"),
        "Host: evil.example (DNS rebinding)": get(port, token, Host=f"evil.example:{port}"),
    }
    for name, data in cases.items():
        before = log.getvalue().count("Traceback")
        try:
            with RawConnection(port, timeout=20) as conn:
                conn.sendall(data)
                response = conn.read_response()
            outcome = f"{response.status} {response.headers.get('content-type', '').split(';')[0]}"
        except Exception as exc:  # noqa: BLE001 - the outcome being measured
            outcome = f"no reply ({type(exc).__name__})"
        time.sleep(0.2)
        yield name, f"{outcome}, {log.getvalue().count('Traceback') - before} traceback(s)"
    yield "8 MB+ body that holds a request", oversized_body(port, token)
    yield "300 half-sent requests (slowloris)", slowloris(port)
    before, size = log.getvalue().count("Traceback"), len(log.getvalue())
    for _ in range(20):
        sock = socket.create_connection(("127.0.0.1", port))
        sock.sendall(post(port, chat(b'"stream": true'), token)[:-5])
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\0\0\0\0\0\0\0")
        sock.close()
    time.sleep(2)
    grown = len(log.getvalue()) - size
    yield (
        "20 clients that abort mid-request",
        f"{log.getvalue().count('Traceback') - before} traceback(s), log +{grown} bytes",
    )


def oversized_body(port: int, token: str) -> str:
    from tests.support.raw_http import RawConnection, get, post

    smuggled = get(port, token)
    body = b" " * (8_000_001 - len(smuggled)) + smuggled
    try:
        with RawConnection(port, timeout=20) as conn:
            conn.sendall(post(port, body, token))
            first = conn.read_response()
            try:
                second = f"then {conn.read_response().status}: the body parsed as a request"
            except (ConnectionError, OSError):
                second = "then closed"
        return f"{first.status} {second}"
    except Exception as exc:  # noqa: BLE001 - the outcome being measured
        return f"no reply ({type(exc).__name__})"


def slowloris(port: int) -> str:
    threads = threading.active_count()
    socks = []
    for _ in range(300):
        sock = socket.create_connection(("127.0.0.1", port))
        sock.sendall(b"POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1")
        socks.append(sock)
    time.sleep(1.0)
    held_threads = threading.active_count() - threads
    time.sleep(12)
    still_open = 0
    for sock in socks:
        sock.settimeout(0.05)
        try:
            while sock.recv(65536):
                pass
        except TimeoutError:
            still_open += 1
        except OSError:
            pass
        sock.close()
    return f"+{held_threads} threads; {still_open} still open after 13 s"


def deadline_scenarios():
    from aideon_desktop.core.answering import AskRequest, Assistant
    from aideon_desktop.core.catalog import Catalog
    from aideon_desktop.core.chat import GenerationParams, Notice
    from aideon_desktop.core.config import load_settings
    from aideon_desktop.core.model_files import default_model_path
    from aideon_desktop.core.providers.local import LocalModelConfig, LocalModelProvider
    from tests.fake_cloud import FakeCloud
    from tests.support.catalogs import CATALOG, model

    local = LocalModelProvider(
        LocalModelConfig(default_model_path(), context_length=2048, max_tokens=16)
    )
    local.ensure_loaded()

    def point_at(url: str, legacy: str) -> None:
        os.environ.update(
            {
                "TOGETHER_API_KEY": "tk-test-aaaaaaaaaaaaaaaaaaaa",
                "HF_TOKEN": "hf_testtesttesttesttesttesttesttest",
                "AIDEON_TOGETHER_BASE_URL": url,
                "AIDEON_HF_BASE_URL": url,
                "AIDEON_HF_LEGACY_BASE_URL": legacy,
            }
        )

    def time_to_local(settings, catalog=CATALOG, sleep=time.sleep) -> str:
        result: list[str] = []

        def run() -> None:
            assistant = Assistant(
                settings, local=local, catalog=catalog, use_store=False, sleep=sleep
            )
            started = time.monotonic()
            stream = assistant.ask(
                AskRequest("Name three colours", params=GenerationParams(max_tokens=16))
            )
            for event in stream:
                if (
                    isinstance(event, Notice)
                    and event.kind == "answering"
                    and "device" in event.message
                ):
                    result.append(f"local answer starts after {time.monotonic() - started:.1f} s")
            if not result:
                result.append(f"answered by {stream.answer.route.provider}")

        worker = threading.Thread(target=run, daemon=True)
        worker.start()
        worker.join(WAIT_CAP_S)
        return result[0] if result else f"still waiting after {WAIT_CAP_S} s"

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed = f"http://127.0.0.1:{probe.getsockname()[1]}"
    point_at(closed + "/v1", closed)
    yield "connection refused on every provider", time_to_local(load_settings().settings)

    with FakeCloud("together") as fake:
        point_at(fake.base_url, fake.root_url)
        fake.script(*[{"kind": "keepalive", "seconds": 600, "interval": 1}] * 40)
        settings = load_settings().settings
        for name in ("together", "huggingface"):
            settings.provider(name).read_timeout_seconds = 5
            settings.provider(name).first_token_timeout_seconds = 2
        yield "provider sends only keep-alives (first token 2 s)", time_to_local(settings)

    legacy_first = Catalog(
        prices_checked=CATALOG.prices_checked,
        baseline=CATALOG.baseline,
        model=[
            *CATALOG.model,
            model("huggingface", "HuggingFaceH4/zephyr-7b-beta", "0.05", api="text-generation"),
        ],
    )
    with FakeCloud("huggingface") as fake:
        point_at(fake.base_url, fake.root_url)
        fake.script_legacy(*[{"kind": "loading", "estimated_time": 200.0}] * 20)
        slept: list[float] = []
        outcome = time_to_local(load_settings().settings, legacy_first, slept.append)
        yield (
            "HF 503 estimated_time 200 (sleeps counted, not slept)",
            f"waits {sum(slept):.0f} s; {outcome}",
        )

    from aideon_desktop.core.chat import Message
    from aideon_desktop.core.providers.openai_compatible import (
        HttpProviderConfig,
        OpenAICompatibleProvider,
    )

    with FakeCloud("together") as fake:
        fake.script(
            {
                "kind": "status",
                "status": 403,
                "body": {"error": {"message": "Key {key} has no access"}},
            }
        )
        key = "sk-live-" + "5ecret" * 4
        provider = OpenAICompatibleProvider(
            HttpProviderConfig("together", "Together AI", fake.base_url), lambda: key
        )
        try:
            list(provider.stream([Message("user", "hi")], "m"))
            shown = "no error"
        except Exception as exc:  # noqa: BLE001 - the message being measured
            shown = str(exc)
        yield "provider echoes the key in a 403", "key shown" if key in shown else "key masked"


# ---------------------------------------------------------------------- parent
def run_tree(root: Path) -> dict[str, str]:
    done = subprocess.run(
        [sys.executable, __file__, "--child", str(root)],
        capture_output=True,
        text=True,
        timeout=WAIT_CAP_S * 4,
    )
    rows = {}
    for line in done.stdout.splitlines():
        if line.startswith("["):
            name, value = json.loads(line)
            rows[name] = value
    return rows


def main() -> None:
    trees = [Path(p).resolve() for p in sys.argv[1:]] + [HERE]
    results = [run_tree(tree) for tree in trees]
    names = list(dict.fromkeys(name for rows in results for name in rows))
    print("| reproduction | " + " | ".join(str(t) for t in trees) + " |")
    print("|---|" + "---|" * len(trees))
    for name in names:
        print(f"| {name} | " + " | ".join(rows.get(name, "–") for rows in results) + " |")


if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[1] == "--child":
        child(sys.argv[2])
    else:
        main()
