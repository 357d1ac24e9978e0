"""Two versions of nlpkit's code, side by side in one run: is a change faster?

    git worktree add /tmp/before HEAD~1          # the version to compare against
    python scripts/bench_versions.py /tmp/before . [--tasks ner|full] [--docs 150] [--rounds 6]

Each tree is imported in its own process (2 torch threads, device CPU, the tree's own shipped
models) and warmed up; then the two take turns, round after round, in alternating order, each
round on other documents (both trees the same ones), as a long run reads them. Prints docs/s
per round and the median of the per-round speed ratios B / A. Documents: Collection5 and
factRuEval from ``--shared`` (``--docs`` × (``--rounds`` + 1) of them at most 1,122).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

WORKER = r'''
import json, sys, time
tree, tasks, n, rounds, shared, threads = sys.argv[1:7]
n, rounds = int(n), int(rounds)
sys.path.insert(0, tree)
sys.path.insert(0, sys.argv[7])
import torch
torch.set_num_threads(int(threads))
from benchmark import load_docs
import nlpkit
assert nlpkit.__file__.startswith(tree), nlpkit.__file__
docs = load_docs(n * (rounds + 1), shared)
nlp = nlpkit.load(tasks=None if tasks == "full" else tasks.split(","), device="cpu")
for _ in nlp.pipe(docs[n * rounds:]):  # warm-up on documents no round reads
    pass
print(json.dumps({"ready": True}), flush=True)
for line in sys.stdin:
    if not line.startswith("run "):
        break
    k = int(line.split()[1])
    t0 = time.perf_counter()
    for _ in nlp.pipe(docs[k * n:(k + 1) * n]):
        pass
    print(json.dumps({"seconds": time.perf_counter() - t0}), flush=True)
'''


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("a", help="the reference tree (a checkout of nlpkit)")
    ap.add_argument("b", help="the tree to compare")
    ap.add_argument("--tasks", default="ner", help="ner, quotes, … (comma-separated) or full")
    ap.add_argument("--docs", type=int, default=150)
    ap.add_argument("--rounds", type=int, default=6)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--shared", default=str(ROOT.parent / "shared" / "data"))
    args = ap.parse_args()
    procs = {}
    for name, tree in (("A", args.a), ("B", args.b)):
        proc = subprocess.Popen(
            [sys.executable, "-c", WORKER, str(Path(tree).resolve()), args.tasks, str(args.docs),
             str(args.rounds), args.shared, str(args.threads), str(ROOT / "scripts")],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        assert proc.stdout is not None
        for line in proc.stdout:
            if line.startswith("{"):
                break
        procs[name] = proc
    seconds: dict[str, list[float]] = {"A": [], "B": []}
    for k in range(args.rounds):
        for name in ("A", "B") if k % 2 == 0 else ("B", "A"):
            proc = procs[name]
            assert proc.stdin is not None and proc.stdout is not None
            proc.stdin.write(f"run {k}\n")
            proc.stdin.flush()
            seconds[name].append(json.loads(proc.stdout.readline())["seconds"])
    for proc in procs.values():
        assert proc.stdin is not None
        proc.stdin.write("stop\n")
        proc.stdin.flush()
        proc.wait()
    for name, tree in (("A", args.a), ("B", args.b)):
        per = [args.docs / s for s in seconds[name]]
        print(f"{name} {tree}: median {statistics.median(per):.1f} docs/s, rounds "
              + " ".join(f"{x:.1f}" for x in per))
    ratios = [a / b for a, b in zip(seconds["A"], seconds["B"])]
    print(f"speed B / A: median {statistics.median(ratios):.3f} over {args.rounds} rounds "
          f"({sum(r > 1 for r in ratios)} faster); per round "
          + " ".join(f"{r:.2f}" for r in ratios))


if __name__ == "__main__":
    main()
