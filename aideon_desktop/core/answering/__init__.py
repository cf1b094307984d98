"""Answering a prompt: request → context → plan → execute → record, behind ``Assistant``.

request.py        AskRequest: what the caller asks for (frozen)
context.py        the conversation as stored, read once per request
privacy_check.py  the user's privacy settings meet the scanner (cached verdicts)
planner.py        clean and scan once, decide the route: Plan
title.py          a new chat's title, made on this device, private values read "…"
egress.py         the only way to a provider that is not the user's own hardware
executor.py       failover along the plan's routes, with retries, breakers, cache, masking
recorder.py       what is stored: the prompt before sending, the reply, usage, audit, cache
answer.py         Answer (always valid while streaming) and its JSON form
service.py        Assistant (the facade) and AnswerStream
"""

from aideon_desktop.core.answering.answer import Answer, answer_json
from aideon_desktop.core.answering.request import AskRequest
from aideon_desktop.core.answering.service import AnswerStream, Assistant

__all__ = ["Answer", "AnswerStream", "AskRequest", "Assistant", "answer_json"]
