"""Quote/stance annotation workflow: choose documents, pre-annotate with rules, turn the
annotators' anchored records into stand-off records, validate.

    python -m training.annotate batches --out /work/annot --helpers 7 --docs 40 --sentences 40
    python -m training.annotate resolve /work/annot/batch_01.anchored.jsonl \
        --out data/quotes/batch_01.jsonl --annotator helper-01
    python -m training.annotate validate data/quotes/*.jsonl

Anchored record (what an annotator writes, one document a line)::

    {"doc_id": "collection5/001", "quotes": [{"text": "exact content", "nth": 1,
      "kind": "direct", "cue": "заявил", "source": "министр", "speaker": "Руслан Казакбаев",
      "stance": "reassurance"}]}

``text`` must occur in the document (``nth`` picks the n-th occurrence, default 1); ``cue`` and
``source`` are found at their occurrence nearest to the content.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

from nlpkit.quote_rules import find_quotes
from training.quote_corpus import all_doc_ids, get_doc
from training.quote_validate import validate_record

STANCE_CUES = re.compile(
    r"опроверг|отрица|отверг|не соответству|фейк|ложь|дезинформац|не причаст|не имеет отношения|"
    r"завер|гарантир|пообещ|обеща|под контрол|не стоит беспоко|нет оснований для|"
    r"осуд|протест|возмут|критик|потребова|требу|обвин|недопустим|провокац|возмущ|"
    r"обеспокоен|неприемлем", re.I)
SIGNAL = re.compile(r"«[^»]{20,}»|[,:]\s*что\s|по словам|заяв|сообщ|отмет|подчеркн")


def _score(text: str) -> float:
    return len(SIGNAL.findall(text)) + 2 * len(STANCE_CUES.findall(text))


REASSURE = re.compile(r"завер|гарантир|пообещ|обеща|под контрол|не стоит беспоко|нет повода|"
                      r"нет оснований для (?:беспокойства|паники)|ситуаци\w* стабил|угрозы нет|"
                      r"в безопасности|успоко|уверя|уверил|будут обеспечены|не допустим", re.I)


def cmd_batches(args) -> None:
    shared = args.shared
    news, sents = [], []
    exclude: set[str] = set()
    for path in args.exclude or []:
        exclude |= set(Path(path).read_text().split())
    for doc_id in all_doc_ids(shared):
        if doc_id in exclude:
            continue
        text, _ = get_doc(doc_id, shared)
        if args.focus_reassurance and not REASSURE.search(text):
            if not (doc_id.startswith("rusentne") and STANCE_CUES.search(text)):
                continue
        if doc_id.startswith("rusentne"):
            if STANCE_CUES.search(text) and re.search(r"«|что|по словам|заяв|сообщ", text):
                sents.append((doc_id, _score(text)))
        elif len(text) < 6000:
            sents_ok = _score(text) / max(len(text), 1) * 1000
            news.append((doc_id, sents_ok))
    news.sort(key=lambda x: -x[1])
    sents.sort(key=lambda x: -x[1])
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    n = args.helpers
    chosen_news = [d for d, _ in news[: n * args.docs]]
    chosen_sents = [d for d, _ in sents[: n * args.sentences]]
    for k in range(n):
        ids = chosen_news[k::n] + chosen_sents[k::n]
        overlap = chosen_news[(k + 1) % n :: n][: args.overlap]  # doubly annotated for agreement
        ids += [d for d in overlap if d not in ids]
        num = k + 1 + args.first - 1
        write_view(out / f"batch_{num:02d}.txt", ids, shared)
        (out / f"batch_{num:02d}.ids").write_text("\n".join(ids) + "\n")
        print(f"batch {num}: {len(ids)} documents")


def write_view(path: Path, ids: list[str], shared: str) -> None:
    parts = []
    for doc_id in ids:
        text, ents = get_doc(doc_id, shared)
        pre = []
        for q in find_quotes(text, ents):
            pre.append({"text": text[q.start : q.end], "kind": q.kind,
                        "cue": text[q.cue[0] : q.cue[1]] if q.cue else None,
                        "source": text[q.source[0] : q.source[1]] if q.source else None,
                        "speaker": None, "stance": "neutral"})
        names = sorted({text[s:e] for s, e, lab in ents if lab in ("PER", "ORG")})
        parts.append(f"=== DOC {doc_id} ===\n{text}\n--- named PER/ORG in gold NER: "
                     f"{'; '.join(names)}\n--- rule pre-annotation (anchored JSON, correct it):\n"
                     + json.dumps({"doc_id": doc_id, "quotes": pre}, ensure_ascii=False) + "\n")
    path.write_text("\n".join(parts), encoding="utf-8")


def _find_all(text: str, needle: str) -> list[int]:
    out, i = [], text.find(needle)
    while i >= 0:
        out.append(i)
        i = text.find(needle, i + 1)
    return out


def _nearest(text: str, needle: str | None, s: int, e: int, where: str) -> dict | None:
    if not needle:
        return None
    # whole-word occurrences first: «он» must not match inside «конференции»
    hits = [m.start() for m in re.finditer(r"(?<!\w)" + re.escape(needle) + r"(?!\w)", text)]
    hits = hits or _find_all(text, needle)
    if not hits:
        raise ValueError(f"{where}: {needle!r} does not occur in the document")

    def dist(h: int) -> int:
        he = h + len(needle)
        if he <= s:
            return s - he
        if h >= e:
            return h - e
        return 10_000 + abs(h - s)  # overlapping the content: only as a last resort

    best = min(hits, key=dist)
    return {"start": best, "end": best + len(needle)}


def resolve_record(rec: dict, shared: str, annotator: str) -> dict:
    doc_id = rec["doc_id"]
    text, _ = get_doc(doc_id, shared)
    quotes = []
    for k, q in enumerate(rec.get("quotes", [])):
        where = f"{doc_id} quote {k + 1}"
        content = q["text"].strip()
        hits = _find_all(text, content)
        nth = int(q.get("nth", 1))
        if len(hits) < nth:
            raise ValueError(f"{where}: content {content[:60]!r} occurs {len(hits)} times, "
                             f"nth={nth}")
        s = hits[nth - 1]
        e = s + len(content)
        quotes.append({"start": s, "end": e, "kind": q["kind"],
                       "cue": _nearest(text, q.get("cue"), s, e, where),
                       "source": _nearest(text, q.get("source"), s, e, where),
                       "speaker": q.get("speaker"), "stance": q["stance"]})
    out = {"doc_id": doc_id, "quotes": sorted(quotes, key=lambda x: x["start"]),
           "annotator": annotator}
    problems = validate_record(out, text)
    if problems:
        raise ValueError("; ".join(problems))
    return out


def cmd_resolve(args) -> None:
    ok, errors, lines = 0, 0, []
    for lineno, line in enumerate(Path(args.input).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            rec = resolve_record(json.loads(line), args.shared, args.annotator)
        except (ValueError, KeyError, TypeError) as exc:
            print(f"{args.input}:{lineno}: {exc}", file=sys.stderr)
            errors += 1
            continue
        lines.append(json.dumps(rec, ensure_ascii=False))
        ok += 1
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text("\n".join(lines) + ("\n" if lines else ""), encoding="utf-8")
    print(f"resolved {ok} documents, {errors} with errors → {args.out}")


def cmd_validate(args) -> None:
    bad = 0
    for path in args.files:
        for lineno, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
            rec = json.loads(line)
            text = get_doc(rec["doc_id"], args.shared)[0] if not args.no_text else None
            for problem in validate_record(rec, text):
                print(f"{path}:{lineno}: {problem}")
                bad += 1
    print(f"{bad} problems")
    sys.exit(1 if bad else 0)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description="quote annotation workflow")
    ap.add_argument("--shared", default="../shared/data")
    sub = ap.add_subparsers(dest="cmd", required=True)
    b = sub.add_parser("batches")
    b.add_argument("--out", required=True)
    b.add_argument("--helpers", type=int, default=7)
    b.add_argument("--docs", type=int, default=40)
    b.add_argument("--sentences", type=int, default=40)
    b.add_argument("--overlap", type=int, default=5)
    b.add_argument("--first", type=int, default=1, help="number of the first batch")
    b.add_argument("--exclude", nargs="*", help="files of document ids already annotated")
    b.add_argument("--focus-reassurance", action="store_true",
                   help="only texts with reassurance/denial cues (rare stances)")
    r = sub.add_parser("resolve")
    r.add_argument("input")
    r.add_argument("--out", required=True)
    r.add_argument("--annotator", default="unknown")
    v = sub.add_parser("validate")
    v.add_argument("files", nargs="+")
    v.add_argument("--no-text", action="store_true")
    args = ap.parse_args(argv)
    {"batches": cmd_batches, "resolve": cmd_resolve, "validate": cmd_validate}[args.cmd](args)


if __name__ == "__main__":
    main()
