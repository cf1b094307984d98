"""What the history store costs per answer: the new two-transaction path against the old
one-transaction-per-call path, plain and encrypted (SQLCipher), in one process.

One answer = what the pipeline writes for a streamed reply with three partial flushes:
- new: begin_answer, 3 reply-writer flushes, finish_answer (reply + usage + audit + cache);
- old: new_conversation, add_message (user), add_message (empty reply), 3 update_message
  flushes, the final update_message, then usage, audit and cache rows in a transaction each —
  the sequence assistant.py ran before (the per-call ORM writes now live in
  tests/support/store_rows.py; the three row writes use today's plain SQL).
Transactions are counted from the statements SQLite actually ran (COMMITs seen by the trace
callback, in untimed warm-up answers), not assumed.  Variants run interleaved, so background load hits all of them alike.
Also: spend() as routing reads it (cached) against the exact query, and opening the store.

The keyring is an in-memory backend installed for this process: the bench never touches your
real keyring.  Run: uv run python bench/store_cost.py [answers]
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import keyring
from keyring.backend import KeyringBackend

from aideon_desktop.core.store import Store
from aideon_desktop.core.store.answers import AnswerEnd
from aideon_desktop.core.store.models import AuditEntry, CacheEntry, UsageRecord

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tests.support import store_rows as rows

USER_TEXT = "Explain how TCP slow start works, and when congestion avoidance takes over. " * 3
REPLY = "Slow start doubles the congestion window every round trip until a loss or ssthresh. " * 18
PIECES = [REPLY[: len(REPLY) // 3], REPLY[: 2 * len(REPLY) // 3], REPLY]


class MemoryKeyring(KeyringBackend):
    priority = 5  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.values: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.values.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.values[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.values.pop((service, username), None)


def usage() -> UsageRecord:
    return UsageRecord(
        provider="together", model="m1", prompt_tokens=60, completion_tokens=400, cost_micro_usd=9
    )


def audit() -> AuditEntry:
    return AuditEntry(
        provider="together", model="m1", private=False, task="general", reasons='["short"]'
    )


def cache(n: int) -> CacheEntry:
    return CacheEntry(key=f"key-{n}", provider="together", model="m1", text=REPLY)


Records = tuple[UsageRecord, AuditEntry, CacheEntry]


def records(n: int) -> Records:
    """Built by the pipeline either way, before the store sees them: not timed."""
    return usage(), audit(), cache(n)


def new_path(store: Store, made: Records) -> None:
    rows = store.begin_answer(None, new_conversation=True, user_text=USER_TEXT, private=False)
    assert rows is not None, store.unavailable
    writer = store.reply_writer(rows.reply_message_id)
    done = 0
    for piece in PIECES:
        writer.append(piece[done:])
        done = len(piece)
        writer.flush(partial=True)
    meta = {"route": "Together · m1", "cost_usd": "0.000009", "saved_usd": "0.0002"}
    end = AnswerEnd(REPLY, False, "together", "m1", meta, *made)
    assert store.finish_answer(rows, end, cache_max_entries=2000)


def old_path(store: Store, made: Records) -> None:
    conversation = rows.new_conversation(store)
    rows.add_message(store, conversation, "user", USER_TEXT)
    reply = rows.add_message(store, conversation, "assistant", "", partial=True)
    assert reply is not None
    for piece in PIECES:
        rows.update_message(store, reply, piece, partial=True)
    rows.update_message(store, reply, REPLY, partial=False, provider="together", model="m1")
    rows.finish_rows(store, usage=made[0])
    rows.finish_rows(store, audit=made[1])
    rows.finish_rows(store, cache=made[2], cache_max_entries=2000)


def pct(samples: list[float], q: int) -> float:
    return statistics.quantiles(samples, n=100)[q - 1]


class Variant:
    def __init__(self, label: str, store: Store, answer: Callable[[Store, Records], None]) -> None:
        self.label, self.store, self.answer = label, store, answer
        self.ms: list[float] = []
        self.commits: list[int] = []

    def count_transactions(self, n: int) -> None:
        """One answer with SQLite's trace callback on (untimed: the callback costs time)."""
        statements: list[str] = []
        conn = self.store._db.conn
        assert conn is not None
        conn.set_trace_callback(statements.append)
        self.answer(self.store, records(n))
        conn.set_trace_callback(None)
        self.commits.append(statements.count("COMMIT"))

    def run_once(self, n: int) -> None:
        made = records(n)
        started = time.perf_counter()
        self.answer(self.store, made)
        self.ms.append((time.perf_counter() - started) * 1000)


def timed(action: Callable[[], object], repeat: int) -> list[float]:
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        samples.append((time.perf_counter() - started) * 1000)
    return samples


def row(label: str, transactions: str, samples: list[float], width: int = 40) -> str:
    return (
        f"{label:{width}} {transactions:>12} {statistics.median(samples):9.3f} "
        f"{pct(samples, 99):9.3f} {statistics.fmean(samples):9.3f}"
    )


def main() -> None:
    answers = int(sys.argv[1]) if len(sys.argv) > 1 else 500
    keyring.set_keyring(MemoryKeyring())
    folder = Path(tempfile.mkdtemp(prefix="aideon-store-bench-"))
    opens: dict[str, list[float]] = {}
    variants: list[Variant] = []
    for storage in ("plain", "encrypted"):
        for name, answer in (("old", old_path), ("new", new_path)):
            path = folder / f"{name}-{storage}.sqlite3"
            variants.append(
                Variant(f"{name} path, {storage}", Store(path, storage=storage), answer)
            )
        probe = folder / f"open-{storage}.sqlite3"
        Store(probe, storage=storage).close()
        opens[storage] = timed(lambda p=probe, s=storage: Store(p, storage=s).close(), 50)
    for variant in variants:  # warm up (first statements, schema caches) and count
        for n in range(20):
            variant.count_transactions(-n - 1)
    for n in range(answers):
        for variant in variants:
            variant.run_once(n)

    header = f"{'per answer (begin + 3 flushes + finish)':40} {'transactions':>12} {'p50 ms':>9} {'p99 ms':>9} {'mean ms':>9}"
    print(f"{answers} answers each, interleaved; {folder}")
    print(header)
    print("-" * len(header))
    for variant in variants:
        print(row(variant.label, f"{statistics.fmean(variant.commits):.0f}", variant.ms))
    for storage in ("plain", "encrypted"):
        old, new = (v for v in variants if v.label.endswith(storage))
        print(
            f"  {storage}: old/new p50 = {statistics.median(old.ms) / statistics.median(new.ms):.1f}x, "
            f"mean = {statistics.fmean(old.ms) / statistics.fmean(new.ms):.1f}x"
        )
    encrypted_new, plain_new = variants[3], variants[1]
    print(
        f"  encryption on the new path: +{statistics.median(encrypted_new.ms) - statistics.median(plain_new.ms):.3f} ms p50 per answer"
    )

    print()
    print(
        f"{'spend() on a store of ' + str(answers + 20) + ' answers':40} {'':>12} {'p50 ms':>9} {'p99 ms':>9} {'mean ms':>9}"
    )
    store = encrypted_new.store
    later = datetime.now(UTC) + timedelta(seconds=5)
    print(row("exact query (spend(now=...))", "", timed(lambda: store.spend(now=later), 500)))
    print(row("cached, as routing reads it (spend())", "", timed(store.spend, 500)))
    assert store.spend() == store.spend(now=later), "the cached totals must equal the query"
    print()
    for storage, samples in opens.items():
        print(row(f"open the store, {storage} (once a process)", "", samples))
    for variant in variants:
        variant.store.close()


if __name__ == "__main__":
    main()
