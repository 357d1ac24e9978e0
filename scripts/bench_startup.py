"""Start-up cost, side by side in one run: each engine's cold ``import nlpkit; nlpkit.load()``
and a whole ``nlpkit analyze`` of the bundled example, in fresh processes that take turns.

    python scripts/bench_startup.py [--repeats 5] [--threads 2]

``auto`` runs the shipped models with nlpkit's own encoder and tokenizer (nlpkit/encoder.py,
nlpkit/tokens.py); ``transformers`` loads the same folders with transformers. Figures are
medians over the rounds (wall seconds, peak resident memory of the process).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "nlpkit" / "examples" / "article.txt"
ENGINES = ("auto", "transformers")


def timed(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of one child process."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    err = proc.stderr.read().decode() if proc.stderr else ""
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{err[-2000:]}")
    return wall, usage.ru_maxrss / 1024


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--threads", type=int, default=2)
    args = ap.parse_args(argv)
    env = dict(os.environ, OMP_NUM_THREADS=str(args.threads), TOKENIZERS_PARALLELISM="false")
    results: dict[tuple[str, str], list[tuple[float, float]]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        out = str(Path(tmp) / "out.jsonl")
        jobs = {
            "load": lambda e: [sys.executable, "-c",
                               f"import nlpkit; nlpkit.load(engine={e!r})"],
            "analyze": lambda e: [sys.executable, "-m", "nlpkit", "analyze", str(EXAMPLE),
                                  "--out", out, "--engine", e, "--threads", str(args.threads)],
        }
        for _ in range(args.repeats):  # the engines take turns: a slow spell touches both
            for job, cmd in jobs.items():
                for engine in ENGINES:
                    if Path(out).exists():
                        os.remove(out)
                    results.setdefault((job, engine), []).append(timed(cmd(engine), env))
    print(f"median of {args.repeats} rounds, {args.threads} threads, fresh processes")
    print(f"{'job':40} {'engine':>13} {'wall s':>8} {'peak MB':>8}")
    for (job, engine), runs in results.items():
        label = {"load": "import nlpkit; nlpkit.load()",
                 "analyze": "nlpkit analyze (bundled example)"}[job]
        print(f"{label:40} {engine:>13} {statistics.median(r[0] for r in runs):8.2f} "
              f"{statistics.median(r[1] for r in runs):8.0f}")
    for job in jobs:
        ratio = statistics.median(a[0] / b[0] for a, b in zip(results[(job, "transformers")],
                                                               results[(job, "auto")]))
        print(f"{job}: auto is {ratio:.2f}× as fast as transformers (median of per-round ratios)")


if __name__ == "__main__":
    main()
