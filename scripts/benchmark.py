"""Speed and memory, side by side in one run, on the same documents and thread count.

    python scripts/benchmark.py [--docs 200] [--threads 2] [--repeats 3] [--device cpu]

Systems: natasha NER, the plain transformers ``pipeline("token-classification")`` on the same
weights as nlpkit NER, nlpkit NER, and the full nlpkit pipeline (NER, quotes, speakers, stance);
``--systems ...,nlpkit-ner-fp32`` adds nlpkit NER forced to fp32, ``nlpkit-full@stance=DIR``
the full pipeline with another stance model (``+`` joins more tasks), ``nlpkit-full-unshared`` the full
pipeline with the NER and quote models each running all their layers, ``nlpkit-ner-tf`` and
``nlpkit-full-tf`` the models run by transformers (``engine="transformers"``). A suffix ``~PATH``
runs a system from another checkout of nlpkit (its code and its shipped models; a ``git
worktree`` of an earlier commit), and the table gets a ratio column against it: is a change
faster? (``--systems nlpkit-ner~/tmp/before,nlpkit-ner``). A suffix ``:pN`` runs a
system in N processes that share the threads (``nlpkit-ner:p2``: ``nlp.pipe(n_process=2)``, one
torch thread each of 2; ``natasha:p2``: natasha in a pool of 2 processes), so both sides can use
the cores the same way; their peak memory adds the largest worker's, times N.
``natasha-normal`` is natasha with what its spans need for nominative forms (morphology tagging
and ``span.normalize``), the counterpart of nlpkit's ``Entity.normal``; plain ``natasha`` stays
the reference of the ratios.
Each system runs in its own process (so peak memory is its own), started and warmed up before any
timing; then the timed passes take turns, one per system per round, for ``--repeats`` rounds (a
noisy machine touches every system alike). Figures are medians over the rounds; a ratio is the
median of the per-round ratios against natasha.

Every round reads other documents (all systems the same ones in a round), as a long run does:
a CPU prepares its matrix kernels per input shape, and the same documents round after round
would find every shape prepared. ``--same-docs`` repeats one set instead (the figures of
sessions up to 18). Documents: Collection5 and factRuEval, evenly spaced; when ``--docs`` times
``--repeats`` exceeds them (1,122), rounds wrap around.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def load_docs(n: int, shared: str) -> list[str]:
    sys.path.insert(0, str(ROOT))
    from training.ner_data import load_collection5, load_factru

    docs = load_collection5(Path(shared) / "collection5") + load_factru(Path(shared) / "factru-dev")
    docs.sort(key=lambda d: d.id)
    return [d.text for d in docs[:: max(1, len(docs) // n)]][:n]


_NATASHA = None


def _natasha_start(normal: bool = False) -> None:
    """natasha's segmenter and NER tagger; ``normal``: also its morphology tagger and
    vocabulary, which its spans need for their nominative forms (nlpkit's ``Entity.normal``)."""
    global _NATASHA
    from natasha import MorphVocab, NewsEmbedding, NewsMorphTagger, NewsNERTagger, Segmenter

    emb = NewsEmbedding()
    _NATASHA = (Segmenter(), NewsNERTagger(emb),
                (NewsMorphTagger(emb), MorphVocab()) if normal else None)


def _natasha_chunk(ts: list[str]) -> int:
    from natasha import Doc

    assert _NATASHA is not None
    seg, tagger, normal = _NATASHA
    for t in ts:
        d = Doc(t)
        d.segment(seg)
        if normal:
            d.tag_morph(normal[0])
        d.tag_ner(tagger)
        if normal:
            for span in d.spans:
                span.normalize(normal[1])
    return len(ts)


def worker(system: str, docs_file: str, device: str, batch: int) -> None:
    import resource

    sets = json.loads(Path(docs_file).read_text(encoding="utf-8"))
    texts = sets["rounds"][0]
    system = system.partition("~")[0]  # the checkout is this process's PYTHONPATH
    code = ""  # where nlpkit was imported from
    system, _, procs = system.partition(":p")
    nproc = int(procs or 1)
    natasha = system in ("natasha", "natasha-normal")
    if natasha and nproc > 1:
        from multiprocessing import get_context

        for var in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS"):
            os.environ[var] = str(max(1, int(os.environ.get(var, nproc)) // nproc))
        pool = get_context("spawn").Pool(nproc, initializer=_natasha_start,
                                         initargs=(system == "natasha-normal",))
        pool.map(_natasha_chunk, [[texts[0]]] * nproc)  # every worker up before the warm-up

        def run(ts):
            pool.map(_natasha_chunk, [ts[i : i + 8] for i in range(0, len(ts), 8)])
    elif natasha:
        _natasha_start(system == "natasha-normal")

        def run(ts):
            _natasha_chunk(ts)
    elif system == "hf-pipeline":
        import torch
        from transformers import pipeline

        from nlpkit.pipeline import default_model_path

        pipe = pipeline("token-classification", model=str(default_model_path("ner")),
                        aggregation_strategy="simple", device=device, dtype=torch.float32)
        pipe.tokenizer.model_max_length = 512

        def run(ts):
            # the plain pipeline, no windowing of its own (texts over 512 tokens are cut)
            pipe(ts, batch_size=batch)
    else:
        import nlpkit

        code = str(Path(nlpkit.__file__).parents[1])
        # "nlpkit-ner-fp32": the same NER forced to fp32 (what precision="auto" gains)
        precision = "fp32" if system.endswith("-fp32") else "auto"
        # "nlpkit-ner@FOLDER": the NER pipeline with another NER model (e.g. more layers);
        # "nlpkit-full@stance=FOLDER" (tasks joined by "+"): other models for those tasks
        system, _, spec = system.partition("@")
        kwargs: dict = dict(part.split("=", 1) if "=" in part else ("ner", part)
                            for part in spec.split("+") if part)
        # "nlpkit-ner-tf", "nlpkit-full-tf": the models run by transformers instead of
        # nlpkit's own encoder (engine="transformers"; the same labels)
        if system.endswith("-tf"):
            kwargs["engine"] = "transformers"
        nlp = nlpkit.load(tasks=["ner"] if system.startswith("nlpkit-ner") else None,
                          device=device, precision=precision, **kwargs)
        if system == "nlpkit-full-unshared" and nlp.quotes is not None and nlp.quotes.tagger:
            # each model runs all its layers (what the shared trunk of nlpkit/trunk.py saves)
            nlp.quotes.tagger.unshare()

        def run(ts):
            for _ in nlp.pipe(ts, batch_size=batch, n_process=nproc):
                pass

    run(sets["warm"])  # warm-up
    print(json.dumps({"ready": True, "code": code}), flush=True)
    for line in sys.stdin:  # one timed pass per "run K" (round K) from the parent, until "stop"
        if not line.startswith("run "):
            break
        part = sets["rounds"][int(line.split()[1])]
        t0 = time.perf_counter()
        run(part)
        print(json.dumps({"seconds": time.perf_counter() - t0}), flush=True)
    if nproc > 1 and natasha:
        pool.close()
        pool.join()
    elif nproc > 1:
        nlp.close()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    if nproc > 1:  # the workers: the largest one's peak, times their number
        peak += nproc * resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(json.dumps({"peak_mb": peak}), flush=True)


def _reply(proc) -> dict:
    """The worker's next JSON line (other output is skipped); {} when it ended."""
    for line in proc.stdout:
        if line.startswith("{"):
            return json.loads(line)
    return {}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=200)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--device", default="cpu")
    ap.add_argument("--batch-size", type=int, default=32)
    ap.add_argument("--shared", default=str(ROOT.parent / "shared" / "data"))
    ap.add_argument("--systems", default="natasha,hf-pipeline,nlpkit-ner,nlpkit-full")
    ap.add_argument("--same-docs", action="store_true",
                    help="every round the same documents (kernels prepared for their shapes)")
    ap.add_argument("--worker")
    ap.add_argument("--docs-file")
    args = ap.parse_args()
    if args.worker:
        worker(args.worker, args.docs_file, args.device, args.batch_size)
        return
    rounds = 1 if args.same_docs else args.repeats
    pool = load_docs(args.docs * rounds + 8, args.shared)
    sets = [[pool[(r * args.docs + i) % len(pool)] for i in range(args.docs)] for r in range(rounds)]
    sets *= args.repeats if args.same_docs else 1
    docs_file = ROOT / "build" / "bench_docs.json"
    docs_file.parent.mkdir(exist_ok=True)
    docs_file.write_text(json.dumps({"rounds": sets, "warm": pool[-8:]}, ensure_ascii=False),
                         encoding="utf-8")
    texts = sets[0]
    words = statistics.median(sum(len(t.split()) for t in part) for part in sets)
    env = dict(os.environ, OMP_NUM_THREADS=str(args.threads), MKL_NUM_THREADS=str(args.threads))
    # every system waits in its own process; the timed passes take turns, round after round, so
    # that a machine slowing down or speeding up touches all systems alike
    procs = {}
    for system in args.systems.split(","):
        # "SYSTEM~PATH": nlpkit imported from another checkout
        checkout = Path(system.partition("~")[2] or ROOT).expanduser().resolve()
        proc = subprocess.Popen([sys.executable, __file__, "--worker", system, "--docs-file",
                                 str(docs_file), "--device", args.device, "--batch-size",
                                 str(args.batch_size)], env=dict(env, PYTHONPATH=str(checkout)),
                                stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                stderr=subprocess.DEVNULL, text=True)
        reply = _reply(proc)
        if reply.get("ready"):
            procs[system] = proc
            if "~" in system:
                print(f"{system}: nlpkit from {reply.get('code')}")
        else:
            print(f"{system}: failed to start (run it alone with --worker to see why)",
                  file=sys.stderr)
    times: dict[str, list[float]] = {system: [] for system in procs}
    for k in range(args.repeats):
        for system, proc in procs.items():
            proc.stdin.write(f"run {k}\n")
            proc.stdin.flush()
            times[system].append(_reply(proc)["seconds"])
    results = {}
    for system, proc in procs.items():
        proc.stdin.write("stop\n")
        proc.stdin.flush()
        peak = _reply(proc).get("peak_mb", 0.0)
        proc.wait()
        results[system] = {"seconds": statistics.median(times[system]), "peak_mb": peak,
                           "times": times[system]}

    def ratio(base: str, system: str) -> float | None:
        """Median over rounds of base's time / system's time in the same round."""
        if base not in results:
            return None
        return statistics.median(b / x for b, x in zip(results[base]["times"],
                                                        results[system]["times"]))

    # more references when they ran: natasha on both cores, natasha with nominative forms
    refs = ["natasha"] + [s for s in ("natasha:p2", "natasha-normal", "natasha-normal:p2")
                          if s in results] + [s for s in results if "~" in s]
    print(f"{len(texts)} documents a round ({'the same' if args.same_docs else 'other'} documents "
          f"each round), {words:.0f} words, {args.threads} threads, device {args.device}, "
          f"median of {args.repeats} rounds")
    wide = max([18] + [len(system) for system in results])
    print(f"{'system':{wide}} {'docs/s':>8} {'words/s':>9} {'peak MB':>8}"
          + "".join(f" {'× ' + ref:>{max(10, len(ref) + 3)}}" for ref in refs))
    for system, r in results.items():
        dps = len(texts) / r["seconds"]
        cells = []
        for ref in refs:
            x = ratio(ref, system)
            width = max(10, len(ref) + 3)
            cells.append(f" {x:{width}.2f}" if x is not None else f" {'':>{width}}")
        print(f"{system:{wide}} {dps:8.1f} {words / r['seconds']:9.0f} {r['peak_mb']:8.0f}"
              + "".join(cells))
    for ours in ("nlpkit-ner", "nlpkit-ner:p2"):
        if "hf-pipeline" in results and ours in results:
            print(f"{ours} vs transformers pipeline: {ratio('hf-pipeline', ours):.2f}×")
    print("per-round seconds: " + json.dumps({k: [round(t, 2) for t in r["times"]]
                                              for k, r in results.items()}))


if __name__ == "__main__":
    main()
