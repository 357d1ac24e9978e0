import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from nlpkit.cli import main

ROOT = Path(__file__).resolve().parents[1]

GOOD = "«Мы будем защищать интересы каждого гражданина», — заверил министр Руслан Казакбаев."
LINES = [
    json.dumps({"id": "a", "text": GOOD}, ensure_ascii=False),
    "not json at all {",
    json.dumps([1, 2, 3]),
    json.dumps({"id": "no-text"}),
    json.dumps({"id": "num", "text": 42}),
    json.dumps({"id": "empty", "text": "   "}),
    json.dumps({"text": "Без id: NUL\x00 байт, emoji 😀, <b>HTML</b>, English text, CRLF\r\nконец."},
               ensure_ascii=False),
]


def run_cli(tmp_path, tiny_ner, tiny_stance, lines, *extra, quotes=None):
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    code = main(["analyze", str(src), "--out", str(out), "--ner", str(tiny_ner),
                 "--stance", str(tiny_stance), "--device", "cpu", *extra])
    return code, out


def test_every_line_answered_in_order(tmp_path, tiny_ner, tiny_stance, capsys):
    code, out = run_cli(tmp_path, tiny_ner, tiny_stance, LINES, "--batch-size", "2")
    assert code == 0
    rows = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert len(rows) == len(LINES)
    assert [r["id"] for r in rows] == ["a", 2, 3, "no-text", "num", "empty", 7]
    assert "not JSON" in rows[1]["error"]
    assert "not a JSON object" in rows[2]["error"]
    assert "no 'text'" in rows[3]["error"]
    assert "not a string" in rows[4]["error"]
    assert rows[5]["entities"] == [] and rows[5]["quotes"] == []
    first = rows[0]
    assert first["text"] == GOOD
    for e in first["entities"]:
        assert GOOD[e["start"]:e["end"]] == e["text"]
    q = first["quotes"][0]
    assert q["kind"] == "direct" and q["cue"]["text"] == "заверил"
    assert GOOD[q["start"]:q["end"]] == q["text"]
    assert q["stance"] in {"protest", "reassurance", "denial", "neutral"}
    err = capsys.readouterr().err
    assert "processed 7 records" in err and "errors 4" in err
    assert "Traceback" not in err


def test_txt_input_and_missing_input(tmp_path, tiny_ner, tiny_stance, capsys):
    src = tmp_path / "article.txt"
    src.write_text("Строка один.\r\nСтрока два.", encoding="utf-8", newline="")
    out = tmp_path / "o.jsonl"
    assert main(["analyze", str(src), "--out", str(out), "--ner", str(tiny_ner),
                 "--tasks", "ner", "--device", "cpu"]) == 0
    rows = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert len(rows) == 1 and rows[0]["id"] == "article" and "\r\n" in rows[0]["text"]
    assert main(["analyze", str(tmp_path / "nope.jsonl"), "--out", str(out)]) == 2
    assert "does not exist" in capsys.readouterr().err


def test_resume_repairs_torn_line(tmp_path, tiny_ner, tiny_stance):
    lines = [json.dumps({"id": i, "text": f"Текст номер {i}. Сергей Иванов."}, ensure_ascii=False)
             for i in range(9)]
    code, out = run_cli(tmp_path, tiny_ner, tiny_stance, lines, "--batch-size", "4")
    full = out.read_text(encoding="utf-8").splitlines()
    kept = "\n".join(full[:5]) + "\n" + full[5][:17]  # 5 lines and a torn sixth
    out.write_text(kept, encoding="utf-8")
    code, out = run_cli(tmp_path, tiny_ner, tiny_stance, lines, "--batch-size", "4", "--resume")
    assert code == 0
    assert out.read_text(encoding="utf-8").splitlines() == full


def test_sigkill_then_resume_gives_identical_output(tmp_path, tiny_ner, tiny_stance):
    lines = [json.dumps({"id": f"d{i}", "text": ("Министр Пётр Петров заявил, что всё "
                         "под контролем. " * (1 + i % 3))}, ensure_ascii=False) for i in range(60)]
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    cmd = [sys.executable, "-m", "nlpkit", "analyze", str(src), "--batch-size", "1",
           "--ner", str(tiny_ner), "--stance", str(tiny_stance), "--device", "cpu"]
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    ref = tmp_path / "ref.jsonl"
    subprocess.run(cmd + ["--out", str(ref)], check=True, env=env, capture_output=True)
    out = tmp_path / "out.jsonl"
    proc = subprocess.Popen(cmd + ["--out", str(out)], env=env, stderr=subprocess.DEVNULL)
    deadline = time.time() + 120
    while time.time() < deadline:
        if out.exists() and out.stat().st_size > 0 and len(out.read_bytes().splitlines()) >= 5:
            break
        time.sleep(0.02)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    partial = out.read_bytes().count(b"\n")
    assert 0 < partial < 60, "the kill must land mid-run"
    subprocess.run(cmd + ["--out", str(out), "--resume"], check=True, env=env,
                   capture_output=True)
    got = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in got] == [f"d{i}" for i in range(60)]
    assert out.read_text(encoding="utf-8") == ref.read_text(encoding="utf-8")


def test_two_process_run_equals_single_process(tmp_path, tiny_ner, tiny_stance):
    lines = [json.dumps({"id": i, "text": f"Документ {i}: Анна Петрова сказала, что придёт."},
                        ensure_ascii=False) for i in range(7)] + ["broken"]
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    base = [sys.executable, "-m", "nlpkit", "analyze", str(src), "--ner", str(tiny_ner),
            "--stance", str(tiny_stance), "--device", "cpu", "--batch-size", "3"]
    single = tmp_path / "single.jsonl"
    subprocess.run(base + ["--out", str(single)], check=True, capture_output=True,
                   env=dict(os.environ, PYTHONPATH=str(ROOT)))
    multi = tmp_path / "multi.jsonl"
    procs = [subprocess.Popen(base + ["--out", str(multi)], stderr=subprocess.PIPE,
                              env=dict(os.environ, PYTHONPATH=str(ROOT), RANK=str(r),
                                       WORLD_SIZE="2", LOCAL_RANK=str(r)))
             for r in range(2)]
    for p in procs:
        assert p.wait(timeout=300) == 0
    assert multi.read_text(encoding="utf-8") == single.read_text(encoding="utf-8")
    assert not list(tmp_path.glob("multi.jsonl.part*"))


def test_parquet_round_trip(tmp_path, tiny_ner, tiny_stance):
    import pyarrow as pa
    import pyarrow.parquet as pq

    src = tmp_path / "in.parquet"
    pq.write_table(pa.Table.from_pylist([{"id": "p1", "text": GOOD}, {"id": "p2", "text": "Да."}]),
                   src)
    out = tmp_path / "out.parquet"
    assert main(["analyze", str(src), "--out", str(out), "--ner", str(tiny_ner),
                 "--stance", str(tiny_stance), "--device", "cpu"]) == 0
    table = pq.read_table(out).to_pylist()
    assert [r["id"] for r in table] == ["p1", "p2"]
    assert json.loads(table[0]["quotes"])[0]["cue"]["text"] == "заверил"
