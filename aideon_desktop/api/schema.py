"""The chat completion request, validated field by field (pydantic, strict).

Strict means JSON types are taken at their word: ``max_tokens: true`` is not 1,
``stream: "false"`` is not a boolean, ``5.0`` is not an integer.  Numbers must be finite and in
range.  The JSON parser (pydantic's jiter) refuses lone surrogates, invalid UTF-8 and nesting
deeper than a few hundred levels.  Every failure becomes one OpenAI-shaped 400 naming the
field (``messages[0].content[1].text``) and never echoing the value.  Unknown fields are
ignored, as clients send many optional ones; the known ones are checked even when unused.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from aideon_desktop.api.errors import ApiError
from aideon_desktop.core.chat import GenerationParams, Message

AUTO_MODEL = "aideon/auto"
MAX_TOKENS = 65536
MAX_MESSAGES = 10000


class _Strict(BaseModel):
    model_config = ConfigDict(strict=True, extra="ignore", allow_inf_nan=False)


class TextPart(_Strict):
    type: Literal["text"]
    text: str


class ChatMessage(_Strict):
    role: Literal["system", "developer", "user", "assistant"]
    content: str | list[TextPart] | None = None
    name: str | None = Field(None, max_length=256)

    def text(self) -> str:
        if isinstance(self.content, list):
            return "".join(part.text for part in self.content)
        return self.content or ""


class StreamOptions(_Strict):
    include_usage: bool = False


class ChatCompletionRequest(_Strict):
    model: str = Field(AUTO_MODEL, max_length=256)
    messages: list[ChatMessage] = Field(min_length=1, max_length=MAX_MESSAGES)
    stream: bool = False
    stream_options: StreamOptions | None = None
    max_tokens: int | None = Field(None, ge=1, le=MAX_TOKENS)
    max_completion_tokens: int | None = Field(None, ge=1, le=MAX_TOKENS)
    temperature: float | None = Field(None, ge=0, le=2)
    top_p: float | None = Field(None, ge=0, le=1)
    presence_penalty: float | None = Field(None, ge=-2, le=2)
    frequency_penalty: float | None = Field(None, ge=-2, le=2)
    n: int | None = Field(None, ge=1, le=1)
    seed: int | None = Field(None, ge=-(2**63), le=2**63 - 1)
    stop: str | list[str] | None = Field(None, max_length=4)
    user: str | None = Field(None, max_length=256)


@dataclass(frozen=True)
class ChatCall:
    """What the assistant needs from a valid request."""

    history: tuple[Message, ...]
    prompt: str
    model: str
    stream: bool
    params: GenerationParams


def parse_chat_request(body: bytes) -> ChatCall:
    """Validate a chat completion request body; raises ApiError(400) naming what is wrong."""
    try:
        request = ChatCompletionRequest.model_validate_json(body)
    except ValidationError as exc:
        raise _as_api_error(exc) from None
    messages = []
    for index, message in enumerate(request.messages):
        if message.content is None and message.role != "assistant":
            raise ApiError(
                400,
                f"Invalid 'messages[{index}].content': a {message.role} message needs content.",
                code="invalid_messages",
                param=f"messages[{index}].content",
            )
        role = "system" if message.role == "developer" else message.role
        messages.append(Message(role, message.text()))
    if messages[-1].role != "user":
        raise ApiError(
            400,
            "The last message must come from the user.",
            code="invalid_messages",
            param="messages",
        )
    return ChatCall(
        history=tuple(messages[:-1]),
        prompt=messages[-1].content,
        model=request.model or AUTO_MODEL,
        stream=request.stream,
        params=GenerationParams(
            max_tokens=request.max_tokens or request.max_completion_tokens,
            temperature=request.temperature,
        ),
    )


# ------------------------------------------------------------------ error messages
_FIELDS = frozenset(
    name
    for model in (ChatCompletionRequest, ChatMessage, TextPart, StreamOptions)
    for name in model.model_fields
)
_TYPE_NAMES = {
    "string_type": "a string",
    "list_type": "an array",
    "int_type": "an integer",
    "float_type": "a number",
    "bool_type": "a boolean",
    "dict_type": "an object",
    "model_type": "an object",
    "model_attributes_type": "an object",
}


def _as_api_error(exc: ValidationError) -> ApiError:
    errors = exc.errors(include_url=False, include_input=False)
    if errors[0]["type"] == "json_invalid":
        reason = str(errors[0].get("ctx", {}).get("error", "malformed"))
        return ApiError(400, f"The request body is not valid JSON: {reason}.", code="invalid_json")
    if not errors[0]["loc"] and errors[0]["type"] in _TYPE_NAMES:
        return ApiError(400, "The request body must be a JSON object.", code="invalid_json")
    # A union (content: string or array of parts) reports one error per member: the deepest
    # one is where the value went wrong; equally deep ones are alternatives.
    depth = max(len(error["loc"]) for error in errors)
    deepest = [error for error in errors if len(error["loc"]) == depth]
    chosen = next((e for e in deepest if e["type"] != "missing"), deepest[0])
    param = _param(chosen["loc"])
    names = [_TYPE_NAMES[e["type"]] for e in deepest if e["type"] in _TYPE_NAMES]
    message = f"Input should be {' or '.join(names)}" if len(names) > 1 else chosen["msg"]
    return ApiError(
        400, f"Invalid '{param}': {message}.", code=f"invalid_{chosen['type']}", param=param
    )


def _param(loc: tuple[Any, ...]) -> str:
    """``("messages", 0, "content", "list[TextPart]", 1, "text")`` → ``messages[0].content[1].text``."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        elif part in _FIELDS:
            out += f".{part}" if out else str(part)
    return out or "body"
