"""A second process parsing a large one-file base's blocks while this one checks the
blocks already parsed, so a cold build's parse runs on another core.

The worker (schema/parse_worker.py) is sent a table's blocks a few at a time, in turn, and
answers each with its records. Where its answer is not ready when the check wants it, this
process parses the next block not yet sent and keeps it for its turn, so both stay busy
whichever is faster. Anything that goes wrong with the worker (it cannot start, it dies, it
answers what was not asked) stops it, silently, and the blocks it had are parsed here, so
the records are the same either way, and a block that does not parse raises BlockUnparsed
in its turn, as it does without the worker.

The worker never outlives the build: the context this gives ends it in a `finally`, it is
in a session of its own (a terminal's Ctrl-C reaches only this process, which unwinds), and
it stops when its pipes close (this process killed). Nothing here sets a signal handler.
"""

from __future__ import annotations

import contextlib
import functools
import os
import sys
from array import array
from collections import deque
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, TypeAlias

from bilateral.schema.blocks import BlockUnparsed, Records, records_of

if TYPE_CHECKING:
    import pickle
    import subprocess
    from types import TracebackType
    from typing import IO

Block: TypeAlias = "tuple[array[int], bytes]"

MANY = 8192
"""Records from which a second process pays for its start: it costs this process about
0.01 s (importing subprocess, spawning) and the worker 0.03 s; a generated base of 8,500
records was built cold in 0.95 s with it, 0.99 s without."""
SENT = 2
"""Blocks the worker holds at a time: one it parses, one it reads next."""
AHEAD = 1
"""Blocks parsed here ahead of their turn while the worker's answer is not ready."""
PIPE = 1 << 20
"""The answers' pipe widened to hold a few answers (a block's pickle is about 130 KB)."""
PATIENCE = 30.0
"""Seconds waited for the worker before this process goes on without it (a block takes
it about 0.015 s)."""
LONGEST = 1 << 30
"""No answer is longer: a longer length is a broken worker."""
PROGRAM = (
    "import sys\nsys.path[:] = {path}\nfrom bilateral.schema.parse_worker import serve\nserve()\n"
)
"""The worker imports what this process imports, from where it does."""


class Aside:
    """Called with a file's count of records, itself with its worker started, or None."""

    def __init__(self) -> None:
        self.process: subprocess.Popen[bytes] | None = None
        self.requests = self.answers = -1  # the pipes' ends here, while the worker runs
        self.outbound = bytearray()
        self.inbound = bytearray()
        self.serving = False  # a table's blocks are being asked for

    def __enter__(self) -> Aside:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.stop()

    def __call__(self, records: int) -> Aside | None:
        if records < MANY or self.process is not None:
            return None
        return self if self._started() else None

    def parsed(self, table: str, blocks: list[Block]) -> Iterator[Records]:
        """Each block's records in turn: the worker's answer, or parsed here where it is not
        ready (a later block then, kept for its turn) or the worker has failed."""
        if self.serving:  # answers come in the order asked: one table's blocks at a time
            for lengths, packed in blocks:
                yield records_of(table, len(lengths), packed)
            return
        self.serving = True
        sent: deque[int] = deque()
        held: dict[int, Records | None] = {}
        following = 0  # the first block neither sent nor parsed
        try:
            for number, (lengths, packed) in enumerate(blocks):
                while self.process is not None and len(sent) < SENT and following < len(blocks):
                    self._send(table, blocks[following])
                    sent.append(following)
                    following += 1
                if number in held:
                    records = held.pop(number)
                elif self.process is not None and sent and sent[0] == number:
                    sent.popleft()
                    while self.process is not None and not self._ready():
                        if len(held) < AHEAD and following < len(blocks):
                            held[following] = _parsed_or_none(table, blocks[following])
                            following += 1
                        elif not self._exchange(PATIENCE):
                            self.stop()  # stuck: this process goes on alone
                    records = self._answer(len(lengths)) if self.process is not None else None
                else:
                    records, following = None, max(following, number + 1)
                yield records if records is not None else records_of(table, len(lengths), packed)
        finally:
            self.serving = False
            if sent:  # left part way: its answers would come out of turn
                self.stop()

    def stop(self) -> None:
        """End the worker, whatever it is doing, and wait for it."""
        process, self.process = self.process, None
        self.outbound.clear()
        self.inbound.clear()
        if process is None:
            return
        for pipe in (process.stdin, process.stdout):
            if pipe is not None:
                pipe.close()
        with contextlib.suppress(OSError):
            process.kill()
        process.wait()

    def _started(self) -> bool:
        if not sys.executable or getattr(sys, "frozen", False) or os.name != "posix":
            return False
        import subprocess  # only a cold build of a large base starts a process

        try:
            process = subprocess.Popen(
                [sys.executable, "-c", PROGRAM.format(path=ascii(sys.path))],
                bufsize=0,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
                start_new_session=True,
            )
        except (OSError, ValueError, subprocess.SubprocessError):
            return False
        self.process = process
        self.requests, self.answers = _descriptor(process.stdin), _descriptor(process.stdout)
        os.set_blocking(self.requests, False)
        _widened(self.answers)
        return True

    def _send(self, table: str, block: Block) -> None:
        from bilateral.schema.parse_worker import REQUEST  # with the worker only

        lengths, packed = block
        name = table.encode()
        self.outbound += REQUEST.pack(len(name), len(lengths), len(packed))
        self.outbound += name
        self.outbound += packed
        self._flush()

    def _flush(self) -> None:
        try:
            while self.outbound:
                del self.outbound[: os.write(self.requests, self.outbound)]
        except BlockingIOError:
            pass
        except OSError:
            self.stop()

    def _ready(self) -> bool:
        """Whether the next answer is here whole (the pipes served without waiting)."""
        if not self._whole():
            self._exchange(0)
        return self.process is not None and self._whole()

    def _whole(self) -> bool:
        from bilateral.schema.parse_worker import ANSWER, DECLINED  # with the worker only

        if len(self.inbound) < ANSWER.size:
            return False
        status, length = ANSWER.unpack_from(self.inbound)
        if status > DECLINED or length > LONGEST:
            self.stop()
            return False
        whole: bool = len(self.inbound) >= ANSWER.size + length
        return whole

    def _exchange(self, timeout: float) -> bool:
        """Send what is waiting to be sent and take in what has come, waiting at most
        `timeout` seconds for one of the two to go on; whether one did."""
        import select  # as the worker: a cold build of a large base only

        requests, answers = self.requests, self.answers
        poll = select.poll()
        poll.register(answers, select.POLLIN)
        if self.outbound:
            poll.register(requests, select.POLLOUT)
        events = dict(poll.poll(int(timeout * 1000)))
        if requests in events:
            self._flush()
        if answers in events and self.process is not None:
            try:
                come = os.read(answers, PIPE)
            except OSError:
                come = b""
            if not come:  # the worker is gone
                self.stop()
            self.inbound += come
        return bool(events)

    def _answer(self, count: int) -> Records | None:
        """The next answer's records, or None where the block is to be parsed here."""
        from bilateral.schema.parse_worker import ANSWER, PARSED  # with the worker only

        status, length = ANSWER.unpack_from(self.inbound)
        pickled = bytes(self.inbound[ANSWER.size : ANSWER.size + length])
        del self.inbound[: ANSWER.size + length]
        if status != PARSED:
            return None
        try:
            records = _unpickled(pickled)
        except Exception:  # not what the worker sends: parse here
            records = None
        if type(records) is not list or len(records) != count:
            self.stop()
            return None
        return records


def _parsed_or_none(table: str, block: Block) -> Records | None:
    """The block's records parsed here, or None to parse it again (and fail) in its turn."""
    try:
        return records_of(table, len(block[0]), block[1])
    except BlockUnparsed:
        return None


def _unpickled(pickled: bytes) -> object:
    """Parsed TOML, pickled: only the classes of its dates and times are looked up."""
    import io  # as the worker: a cold build of a large base only

    return _unpickler()(io.BytesIO(pickled)).load()


DATED = frozenset({"date", "datetime", "time", "timedelta", "timezone"})


@functools.cache
def _unpickler() -> type[pickle.Unpickler]:
    import pickle  # as the worker: a cold build of a large base only

    class Parsed(pickle.Unpickler):
        def find_class(self, module: str, name: str) -> Any:
            if module == "datetime" and name in DATED:
                return super().find_class(module, name)
            raise pickle.UnpicklingError(f"{module}.{name}")

    return Parsed


def _descriptor(pipe: IO[bytes] | None) -> int:
    assert pipe is not None, "made by Popen with PIPE"
    return pipe.fileno()


def _widened(answers: int) -> None:
    """The answers' pipe holding PIPE bytes where the system allows it (Linux), so the
    worker goes on to the next block without waiting for this process to read the last."""
    try:
        import fcntl  # not on every system

        fcntl.fcntl(answers, fcntl.F_SETPIPE_SZ, PIPE)
    except (ImportError, AttributeError, OSError):
        pass
