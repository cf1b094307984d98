"""Issue 16 #1 at the API: a private value in any message, of any role, in any content part,
never reaches the (fake) cloud — streaming or not.  The Assistant scans every message; this
proves it over the wire, through ``aideon serve``."""

from __future__ import annotations

import json

import httpx
import pytest

from aideon_desktop.api.server import ApiServer
from tests.fake_cloud import FakeCloud

PRIVATE = [
    "My card is 4539 1488 0343 6467.",
    "Patient notes: I was diagnosed with HIV last month.",
    "Reach me at jane.doe@fastmail.com tonight.",
]
PUBLIC = "Summarise in five words."


def messages_with(value: str, where: str) -> list[dict]:
    system = {"role": "system", "content": "Be brief."}
    earlier = [{"role": "user", "content": "Hello"}, {"role": "assistant", "content": "Hi!"}]
    last = {"role": "user", "content": PUBLIC}
    if where == "system":
        system["content"] = value
    elif where == "developer":
        system = {"role": "developer", "content": value}
    elif where == "earlier user":
        earlier[0]["content"] = value
    elif where == "earlier assistant":
        earlier[1]["content"] = value
    elif where == "content part":
        last["content"] = [{"type": "text", "text": PUBLIC}, {"type": "text", "text": " " + value}]
    elif where == "last user":
        last["content"] = f"{value} {PUBLIC}"
    return [system, *earlier, last]


POSITIONS = [
    "system",
    "developer",
    "earlier user",
    "earlier assistant",
    "content part",
    "last user",
]


@pytest.mark.parametrize("stream", [False, True], ids=["whole", "stream"])
@pytest.mark.parametrize("where", POSITIONS)
def test_a_private_value_anywhere_stays_on_the_device(
    api: ApiServer, fake_cloud: FakeCloud, where: str, stream: bool
) -> None:
    value = PRIVATE[(POSITIONS.index(where) + stream) % len(PRIVATE)]
    payload = {"messages": messages_with(value, where), "stream": stream, "max_tokens": 8}
    with httpx.Client(timeout=120) as client:
        response = client.post(
            api.url + "/chat/completions",
            json=payload,
            headers={"Authorization": f"Bearer {api.token}"},
        )
    assert response.status_code == 200, response.text
    assert response.headers["x-aideon-private"] == "true"
    assert response.headers["x-aideon-route"] == "local"
    if stream:
        assert response.text.rstrip().endswith("data: [DONE]")
    sent = json.dumps([r["body"] for r in fake_cloud.requests])
    assert fake_cloud.chat_requests() == [] and value not in sent


def test_the_same_request_without_the_value_does_reach_the_cloud(
    api: ApiServer, fake_cloud: FakeCloud
) -> None:
    # The control: with nothing private the cloud is used, so the fake is reachable.
    payload = {"messages": messages_with("", "none"), "max_tokens": 8}
    response = httpx.post(
        api.url + "/chat/completions",
        json=payload,
        headers={"Authorization": f"Bearer {api.token}"},
        timeout=60,
    )
    assert response.status_code == 200 and response.headers["x-aideon-route"] != "local"
    assert len(fake_cloud.chat_requests()) == 1
