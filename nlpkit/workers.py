"""Worker processes for :meth:`nlpkit.Pipeline.pipe` with ``n_process`` > 1.

Each worker loads the same pipeline (from the arguments ``nlpkit.load`` was called with) and runs
whole batches with its own share of the CPU threads; the parent hands out batches, a few ahead,
and yields the results in input order, so the output equals a one-process run with the same
batch size. On 2 CPU cores, two one-thread workers analyse about 1.5× the documents of one
two-thread process (the encoders' matrix products do not keep two threads busy; see
``scripts/benchmark.py``). Workers start with ``spawn`` (no forked thread pools), so a script
that uses them needs the usual ``if __name__ == "__main__":`` guard.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import queue
import traceback
from collections.abc import Iterable, Iterator
from typing import Any

__all__ = ["WorkerPool", "WorkerError", "thread_share"]


class WorkerError(RuntimeError):
    """A worker process failed: its error, or its exit, is named."""


PARENT_CHECK_S = 1.0  # how often an idle worker checks that its parent is alive


def thread_share(n: int) -> int:
    """Torch threads for each of ``n`` workers: this process's threads shared out."""
    import torch

    return max(1, torch.get_num_threads() // n)


def _serve(spec: dict[str, Any], threads: int, tasks, results,
           parent: int | None = None) -> None:
    """A worker's life: load the pipeline, then analyse batches until told to stop or until its
    parent (``parent``, a process id) is gone."""
    # the Rust tokenizer's thread pool gets the worker's share of the CPU too: by default each
    # process starts a thread per core, n workers n times over (read when the pool starts)
    os.environ.setdefault("RAYON_NUM_THREADS", str(threads))
    import torch

    torch.set_num_threads(threads)
    try:
        from nlpkit.pipeline import load

        nlp = load(**spec)
    except BaseException as exc:  # the parent reports it; a worker never hangs the parent
        results.put((-1, f"loading the pipeline failed: {type(exc).__name__}: {exc}"))
        return
    results.put((-2, "ready"))
    while True:
        try:
            item = tasks.get(timeout=PARENT_CHECK_S)
        except queue.Empty:
            # a parent killed outright (kill -9, out of memory) leaves no worker behind
            # holding its models
            if parent is not None and os.getppid() != parent:
                return
            continue
        if item is None:
            return
        k, texts, ids = item
        try:
            results.put((k, nlp.analyze(texts, ids)))
        except BaseException:
            results.put((k, traceback.format_exc(limit=3)))


class WorkerPool:
    """``n`` worker processes that each hold a pipeline loaded with ``spec``."""

    def __init__(self, spec: dict[str, Any], n: int, threads: int):
        if n < 2:
            raise ValueError(f"n_process={n}: a worker pool needs 2 or more processes")
        ctx = mp.get_context("spawn")
        self.n, self.threads, self.spec = n, threads, spec
        self.tasks, self.results = ctx.Queue(), ctx.Queue()
        # batches still queued when this process exits (a run stopped by an error) are dropped
        # instead of holding the exit until a worker reads them
        self.tasks.cancel_join_thread()
        me = os.getpid()
        self.procs = [ctx.Process(target=_serve, args=(spec, threads, self.tasks, self.results, me),
                                  daemon=True, name=f"nlpkit-worker-{i}") for i in range(n)]
        for p in self.procs:
            p.start()
        self.ready = 0
        self.next_id = self._sent = 0

    def _get(self, first: int) -> tuple[int, Any]:
        """The next result of this call (batch ids from ``first`` on); a result, even a
        failure, of a batch an earlier, abandoned call left behind is dropped."""
        while True:
            try:
                k, value = self.results.get(timeout=1.0)
            except queue.Empty:
                dead = [p for p in self.procs if not p.is_alive()]
                if dead:
                    self.close()
                    raise WorkerError(f"worker process {dead[0].name} exited (code "
                                      f"{dead[0].exitcode}) before returning its batch; "
                                      "no batch after the last one yielded was written") from None
                continue
            if k == -2:
                self.ready += 1
                continue
            if 0 <= k < first:
                continue
            if k == -1 or isinstance(value, str):
                self.close()
                raise WorkerError(f"worker process failed: {value}")
            return k, value

    def map(self, batches: Iterable[tuple[list[str], list[str | None]]]) -> Iterator[list]:
        """The documents of each ``(texts, ids)`` batch, in the order given."""
        it = iter(batches)
        done: dict[int, list] = {}
        first = self._sent = self.next_id
        try:
            yield from self._run(it, done, first)
        finally:  # a consumer that stops early leaves batches behind: their ids are not reused
            self.next_id = max(self.next_id, self._sent)

    def _run(self, it, done: dict[int, list], first: int) -> Iterator[list]:
        sent = nxt = first
        exhausted = False
        while True:
            while not exhausted and sent - nxt < 2 * self.n:  # a few batches ahead, no more
                batch = next(it, None)
                if batch is None:
                    exhausted = True
                    break
                self.tasks.put((sent, list(batch[0]), list(batch[1])))
                sent += 1
                self._sent = sent
            if exhausted and nxt == sent:
                break
            while nxt not in done:
                k, docs = self._get(first)
                done[k] = docs
            yield done.pop(nxt)
            nxt += 1

    def close(self) -> None:
        for p in self.procs:
            if p.is_alive():
                try:
                    self.tasks.put(None)
                except (OSError, ValueError):
                    break
        for p in self.procs:
            p.join(timeout=10)
            if p.is_alive():
                p.terminate()
        self.procs = []
