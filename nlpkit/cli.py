"""Command line: ``nlpkit analyze``, ``nlpkit render``, ``nlpkit stats``."""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path
from typing import Any

__all__ = ["main"]


def _rank() -> tuple[int, int]:
    """(rank, world size) under ``accelerate launch``/``torchrun``; (0, 1) otherwise."""
    return int(os.environ.get("RANK", "0")), int(os.environ.get("WORLD_SIZE", "1"))


def _pipeline_args(args) -> dict:
    """``nlpkit.load``'s arguments from the command line, with this process's threads set."""
    device = args.device
    rank, world = _rank()
    if device is None and world > 1:
        import torch

        if torch.cuda.is_available():
            device = f"cuda:{int(os.environ.get('LOCAL_RANK', rank)) % torch.cuda.device_count()}"
    if args.threads:
        import torch

        torch.set_num_threads(args.threads)
        # the Rust tokenizer's pool too (one thread per core by default, in every process
        # of a torchrun or accelerate launch); read when the pool starts, so set before loading
        os.environ.setdefault("RAYON_NUM_THREADS", str(args.threads))
    return dict(tasks=args.tasks.split(",") if args.tasks else None, device=device,
                ner=args.ner, quotes=args.quotes, stance=args.stance,
                precision=args.precision, engine=args.engine)


def _load_pipeline(args):
    from nlpkit.pipeline import load

    return load(**_pipeline_args(args))


AUTO_WORKERS_MAX = 4  # worker processes --workers auto starts at most (each holds the models)
AUTO_WORKERS_BATCHES = 8  # batches an input needs before workers pay for their start


def auto_workers(args, device, batches: int) -> int:
    """``--workers auto``: on a CPU, one one-thread worker per core (at most
    ``AUTO_WORKERS_MAX``) for an input of ``AUTO_WORKERS_BATCHES`` batches or more; one process
    otherwise, and with ``--threads`` (which asks one process for that many threads), on CUDA
    or under torchrun. Two one-thread workers did a 640-document file 1.14–1.30× as fast as
    one two-thread process on 2 cores, their start-up included (README)."""
    if args.workers != "auto":
        return int(args.workers)
    if args.threads or device.type != "cpu" or _rank()[1] > 1 \
            or batches < AUTO_WORKERS_BATCHES:
        return 1
    import torch

    return max(1, min(torch.get_num_threads(), AUTO_WORKERS_MAX))


def _workers_arg(value: str) -> str:
    if value == "auto" or (value.isdigit() and int(value) >= 1):
        return value
    raise argparse.ArgumentTypeError(f"--workers {value!r}: a number of processes (1 or more) "
                                     "or 'auto'")


def analyze(args) -> int:
    from nlpkit.io import count_done, read_records

    rank, world = _rank()
    out = Path(args.out)
    part = out if world == 1 else out.with_name(f"{out.name}.part{rank}-of-{world}")
    if world > 1 and out.suffix.lower() == ".parquet":
        raise SystemExit("nlpkit analyze: distributed runs write JSONL; convert afterwards")
    done = count_done(part) if args.resume and part.suffix.lower() != ".parquet" else 0
    try:
        records = [r for r in read_records(args.input) if r.index % world == rank]
    except (FileNotFoundError, ValueError) as exc:
        print(f"nlpkit analyze: {exc}", file=sys.stderr)
        return 2
    from nlpkit.modelio import resolve_device
    from nlpkit.pipeline import default_batch_size, load, load_spec

    kwargs = _pipeline_args(args)
    device = resolve_device(kwargs["device"])
    size = args.batch_size or default_batch_size(device)
    # decided on the whole input, so that --resume makes the choice the first run made
    workers = auto_workers(args, device, -(-len(records) // size))
    pool: Any = None
    nlp: Any = None
    if workers > 1:  # the workers load the models; this process only reads and writes
        from nlpkit.workers import WorkerPool, thread_share

        pool = WorkerPool(load_spec(**kwargs), workers, args.threads or thread_share(workers))
    else:
        nlp = load(**kwargs)
    try:
        return _run(args, records, done, size, part, world, rank, pool, nlp)
    finally:
        (pool if pool is not None else nlp).close()


def _run(args, records, done: int, size: int, part: Path, world: int, rank: int, pool: Any,
         nlp: Any) -> int:
    """Analyse the records not yet done, by ``pool``'s workers or by ``nlp``, and write them."""
    from nlpkit.io import ResultWriter

    out = Path(args.out)
    writer = ResultWriter(part, append=done > 0)
    todo = records[done:]
    processed = errors = chars = 0
    t0 = time.perf_counter()
    bar = None
    if args.progress or (sys.stderr.isatty() and len(todo) > size):
        from tqdm import tqdm

        bar = tqdm(total=len(todo), unit="doc", file=sys.stderr)
    batches = [todo[i : i + size] for i in range(0, len(todo), size)]
    goods = [[r for r in batch if r.error is None] for batch in batches]
    work = (([r.text for r in good], [r.id for r in good]) for good in goods)
    # whole batches, results in input order
    results = pool.map(work) if pool is not None else (nlp.analyze(t, i) for t, i in work)
    for batch, good, analysed in zip(batches, goods, results):
        docs = {id(r): d for r, d in zip(good, analysed)}
        rows = []
        for r in batch:
            if r.error is not None:
                rows.append({"id": r.id, "error": r.error})
                errors += 1
            else:
                rows.append(docs[id(r)].to_dict())
                chars += len(r.text or "")
            processed += 1
        writer.write_batch(rows)
        if bar is not None:
            bar.update(len(batch))
    writer.close()
    if bar is not None:
        bar.close()
    elapsed = max(time.perf_counter() - t0, 1e-9)
    print(f"nlpkit analyze: processed {processed + done} records ({done} from an earlier run), "
          f"errors {errors}; {processed / elapsed:.1f} docs/s, {chars / elapsed:.0f} chars/s",
          file=sys.stderr)
    if world > 1:
        Path(f"{part}.done").write_text("ok")
        if rank == 0:
            _merge_parts(out, world)
    return 0


def _merge_parts(out: Path, world: int, timeout: float = 24 * 3600) -> None:
    """Rank 0: wait for every part, then interleave them back into input order."""
    parts = [out.with_name(f"{out.name}.part{r}-of-{world}") for r in range(world)]
    t0 = time.time()
    while not all(Path(f"{p}.done").exists() for p in parts):
        if time.time() - t0 > timeout:
            raise SystemExit("nlpkit analyze: timed out waiting for the other processes")
        time.sleep(0.5)
    handles = [open(p, encoding="utf-8") for p in parts]
    with open(out, "w", encoding="utf-8") as fh:
        live = True
        while live:
            live = False
            for h in handles:
                line = h.readline()
                if line:
                    fh.write(line)
                    live = True
    for h, p in zip(handles, parts):
        h.close()
        p.unlink()
        Path(f"{p}.done").unlink()


def render(args) -> int:
    from nlpkit.io import read_records
    from nlpkit.render import render_page

    nlp = _load_pipeline(args)
    docs = [nlp(r.text, r.id) for r in read_records(args.input) if r.error is None]
    Path(args.out).write_text(render_page(docs), encoding="utf-8")
    print(f"nlpkit render: {len(docs)} documents → {args.out}", file=sys.stderr)
    return 0


def stats(args) -> int:
    from nlpkit.stats import summarize

    print(summarize(args.input, png=args.png))
    return 0


def score(args) -> int:
    import json

    from nlpkit.scoring import format_scores
    from nlpkit.scoring import score as score_records

    def records(path: str) -> list[dict]:
        out = []
        with open(path, encoding="utf-8") as f:
            for n, line in enumerate(f, 1):
                if line.strip():
                    try:
                        out.append(json.loads(line))
                    except json.JSONDecodeError as exc:
                        raise ValueError(f"{path}: line {n} is not JSON ({exc.msg})") from None
        return out

    res = score_records(records(args.gold), records(args.pred))
    print(json.dumps(res, ensure_ascii=False, indent=1) if args.json else format_scores(res))
    return 0


def build_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="nlpkit", description="Russian news analysis: entities, "
                                 "quotes with speakers, stance")
    sub = ap.add_subparsers(dest="command", required=True)

    def model_args(p):
        p.add_argument("--tasks", help="comma-separated subset of ner,quotes,stance")
        p.add_argument("--ner", help="NER model folder (default: shipped)")
        p.add_argument("--quotes", help="quote model folder (default: shipped)")
        p.add_argument("--stance", help="stance model folder (default: shipped)")
        p.add_argument("--device", help="cpu, cuda, cuda:1 (default: CUDA when present)")
        p.add_argument("--threads", type=int, help="CPU threads for torch")
        p.add_argument("--precision", default="auto", choices=["auto", "fp32", "bf16", "int8"],
                       help="auto: bf16 on CUDA and on CPUs with native bf16, else fp32")
        p.add_argument("--engine", default="auto", choices=["auto", "nlpkit", "transformers"],
                       help="who runs the models (auto: nlpkit's own BERT encoder where it "
                            "can, transformers for other architectures; the same labels)")

    a = sub.add_parser("analyze", help="analyse a .txt, .jsonl or .parquet file")
    a.add_argument("input")
    a.add_argument("--out", required=True, help="output .jsonl (or .parquet)")
    a.add_argument("--batch-size", type=int, default=None,
                   help="documents per batch (default: 64 on a CPU, 256 on CUDA)")
    a.add_argument("--resume", action="store_true", help="complete an interrupted run")
    a.add_argument("--progress", action="store_true", help="show a progress bar")
    a.add_argument("--workers", type=_workers_arg, default="auto",
                   help="worker processes on this machine, each with --threads torch threads "
                        "(default: the cores shared out); same output, same order. auto (the "
                        "default): on a CPU, one per core up to 4 for inputs of 8 batches or "
                        "more, else 1")
    model_args(a)
    r = sub.add_parser("render", help="an HTML page of the analysed documents")
    r.add_argument("input")
    r.add_argument("--out", required=True)
    model_args(r)
    s = sub.add_parser("stats", help="summarise an analyze output file")
    s.add_argument("input")
    s.add_argument("--png", help="write a bar chart here")
    c = sub.add_parser("score", help="score an analyze output against gold annotations")
    c.add_argument("gold", help="gold .jsonl in the guidelines' format (id, text, entities, quotes)")
    c.add_argument("pred", help="predictions in the same format (e.g. nlpkit analyze output)")
    c.add_argument("--json", action="store_true", help="print the figures as JSON")
    return ap


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    handler = {"analyze": analyze, "render": render, "stats": stats,
               "score": score}[args.command]
    from nlpkit.workers import WorkerError

    try:
        return handler(args)
    except (FileNotFoundError, ValueError) as exc:
        print(f"nlpkit {args.command}: {exc}", file=sys.stderr)
        return 2
    except WorkerError as exc:  # what was written stands; --resume completes the file
        print(f"nlpkit {args.command}: {exc}; the batches before it are written, and the same "
              "command with --resume completes the file", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
