"""Issue 16 #12: a slow local answer never blocks a cloud answer.  The local model generates
one answer at a time (its generation lock); every other request through the same Assistant —
here two concurrent requests through ``aideon serve`` — must not wait for it."""

from __future__ import annotations

import json
import threading
import time

import httpx

from aideon_desktop.api.server import ApiServer
from tests.fake_cloud import FakeCloud

PRIVATE_LONG = "My card is 4539 1488 0343 6467. Count from 1 to 200, separated by commas."
PUBLIC = "Write a haiku about rain."


def ask(api: ApiServer, content: str, **fields) -> httpx.Response:
    return httpx.post(
        api.url + "/chat/completions",
        json={"messages": [{"role": "user", "content": content}], **fields},
        headers={"Authorization": f"Bearer {api.token}"},
        timeout=120,
    )


def test_a_cloud_answer_completes_while_the_local_model_generates(
    api: ApiServer, fake_cloud: FakeCloud, local_provider
) -> None:
    """The real model, 64 tokens: the cloud answer is complete before the local one is."""
    payload = {
        "messages": [{"role": "user", "content": PRIVATE_LONG}],
        "stream": True,
        "max_tokens": 64,
        "temperature": 0,
    }
    headers = {"Authorization": f"Bearer {api.token}"}
    with (
        httpx.Client(timeout=120) as client,
        client.stream(
            "POST", api.url + "/chat/completions", json=payload, headers=headers
        ) as local,
    ):
        assert local.headers["x-aideon-route"] == "local"
        lines = local.iter_lines()
        for line in lines:  # wait until the local model is producing text
            if line.startswith("data: {") and json.loads(line[6:])["choices"][0]["delta"].get(
                "content"
            ):
                break
        cloud = ask(api, PUBLIC, max_tokens=16)
        local_still_generating = local_provider._generation_lock.locked()
        rest = list(lines)
    assert cloud.status_code == 200 and cloud.headers["x-aideon-route"] == "together"
    assert cloud.json()["choices"][0]["message"]["content"] == "Hello from the cloud."
    assert local_still_generating, "the cloud answer waited for the local generation"
    assert [line for line in rest if line][-1] == "data: [DONE]"


def test_while_the_local_model_is_busy_only_local_answers_wait(
    api: ApiServer, fake_cloud: FakeCloud, local_provider
) -> None:
    """Deterministic: the test holds the model's generation lock (a generation that will not
    end until released).  Private requests queue for it — more of them than a small worker
    pool would have — and a public one is still answered at once."""
    local_provider.ensure_loaded()
    private: list[httpx.Response] = []
    waiters = [
        threading.Thread(
            target=lambda: private.append(
                ask(api, "My card is 4539 1488 0343 6467. Say OK.", max_tokens=4)
            )
        )
        for _ in range(12)
    ]
    with local_provider._generation_lock:
        for waiter in waiters:
            waiter.start()
        until = time.monotonic() + 30
        while api.open_connections < len(waiters) and time.monotonic() < until:
            time.sleep(0.05)  # every private request has arrived and waits for the model
        cloud = ask(api, PUBLIC, max_tokens=16)
        assert cloud.status_code == 200 and cloud.headers["x-aideon-route"] == "together"
        assert not private, "no private answer can have run yet"
    for waiter in waiters:
        waiter.join(120)
    assert len(private) == 12
    assert all(r.status_code == 200 and r.headers["x-aideon-route"] == "local" for r in private)
