"""``nlp.pipe(n_process=2)`` and ``nlpkit analyze --workers 2``: worker processes on the CPU."""

import json
import os

import pytest
import torch

import nlpkit
from nlpkit.pipeline import InputError, Pipeline
from nlpkit.workers import WorkerError

TEXTS = [f"Министр Иван Петров {i} заявил: «Мы будем защищать интересы граждан». "
         f"Об этом сообщила пресс-служба МИД России." for i in range(7)] + ["", "Без цитат."]


@pytest.fixture
def one_thread():
    before = torch.get_num_threads()
    torch.set_num_threads(1)  # the workers' arithmetic, so that scores agree to the last digit
    yield
    torch.set_num_threads(before)


def test_two_worker_processes_give_the_one_process_output_in_order(
        tiny_ner, tiny_quotes, tiny_stance, one_thread):
    nlp = nlpkit.load(ner=tiny_ner, quotes=tiny_quotes, stance=tiny_stance, device="cpu")
    try:
        one = [d.to_dict() for d in nlp.pipe(TEXTS, batch_size=2)]
        two = [d.to_dict() for d in nlp.pipe(iter(TEXTS), batch_size=2, n_process=2, threads=1)]
        assert two == one
        assert [d["text"] for d in two] == TEXTS
        pool = nlp._pool
        assert pool is not None and len(pool.procs) == 2
        # the pool is kept: a second call reuses it and stays in order
        again = [d.to_dict() for d in nlp.pipe(TEXTS[::-1], batch_size=3, n_process=2,
                                               threads=1)]
        assert nlp._pool is pool
        assert [d["text"] for d in again] == TEXTS[::-1]
        # a consumer that stops early, then a new call: nothing of the first shows up
        first = next(iter(nlp.pipe(TEXTS, batch_size=1, n_process=2, threads=1)))
        assert first.text == TEXTS[0]
        rest = [d.text for d in nlp.pipe(TEXTS[3:], batch_size=1, n_process=2, threads=1)]
        assert rest == TEXTS[3:]
        # a batch that failed in a call its consumer had left is not the next call's error
        pool.results.put((pool.next_id - 1, "Traceback: a failure an abandoned call left"))
        assert [d.text for d in nlp.pipe(TEXTS[:4], batch_size=1, n_process=2,
                                         threads=1)] == TEXTS[:4]
        assert nlp._pool is pool and len(pool.procs) == 2
    finally:
        nlp.close()
    assert nlp._pool is None


def test_a_text_that_is_no_string_is_refused_before_a_worker_sees_it(tiny_ner):
    nlp = nlpkit.load(ner=tiny_ner, device="cpu")
    try:
        with pytest.raises(InputError, match="document 1 is int, not str"):
            list(nlp.pipe(["Текст.", 5], n_process=2, threads=1))
    finally:
        nlp.close()


def test_workers_need_a_loaded_pipeline_and_report_a_failed_load():
    with pytest.raises(ValueError, match="nlpkit.load"):
        list(Pipeline().pipe(["Текст."], n_process=2))
    broken = Pipeline()
    broken.spec = {"tasks": ["ner"], "device": "cpu", "ner": "/nonexistent/ner-model"}
    try:
        with pytest.raises(WorkerError, match="nonexistent"):
            list(broken.pipe(["Текст."], n_process=2, threads=1))
    finally:
        broken.close()


def test_cli_workers_write_what_one_process_writes(tmp_path, tiny_ner, tiny_quotes, tiny_stance):
    from nlpkit.cli import main

    src = tmp_path / "in.jsonl"
    rows = [{"id": f"d{i}", "text": t} for i, t in enumerate(TEXTS)] + [{"id": "bad", "text": 5}]
    src.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows),
                   encoding="utf-8")
    models = ["--ner", str(tiny_ner), "--quotes", str(tiny_quotes), "--stance", str(tiny_stance),
              "--device", "cpu", "--threads", "1", "--batch-size", "3"]
    assert main(["analyze", str(src), "--out", str(tmp_path / "one.jsonl"), *models]) == 0
    assert main(["analyze", str(src), "--out", str(tmp_path / "two.jsonl"), "--workers", "2",
                 *models]) == 0
    one = (tmp_path / "one.jsonl").read_text(encoding="utf-8")
    two = (tmp_path / "two.jsonl").read_text(encoding="utf-8")
    assert two == one
    ids = [json.loads(line)["id"] for line in two.splitlines()]
    assert ids == [r["id"] for r in rows]


def test_a_worker_gives_the_tokenizer_its_share_of_threads(tiny_ner, monkeypatch, one_thread):
    import queue

    from nlpkit.workers import _serve

    monkeypatch.setenv("RAYON_NUM_THREADS", "0")
    monkeypatch.delenv("RAYON_NUM_THREADS")  # restored (absent) after the test
    tasks, results = queue.Queue(), queue.Queue()
    tasks.put(None)  # load, say ready, stop
    _serve({"tasks": ["ner"], "ner": tiny_ner, "device": "cpu"}, 1, tasks, results)
    assert results.get_nowait() == (-2, "ready")
    assert os.environ["RAYON_NUM_THREADS"] == "1"
    monkeypatch.setenv("RAYON_NUM_THREADS", "4")  # a setting of the user's own is kept
    tasks.put(None)
    _serve({"tasks": ["ner"], "ner": tiny_ner, "device": "cpu"}, 1, tasks, results)
    assert os.environ["RAYON_NUM_THREADS"] == "4"


def test_cli_workers_auto_uses_the_cores_only_where_it_pays(monkeypatch):
    from types import SimpleNamespace

    from nlpkit import cli

    cpu, cuda = torch.device("cpu"), torch.device("cuda")
    monkeypatch.delenv("WORLD_SIZE", raising=False)
    monkeypatch.setattr(torch, "get_num_threads", lambda: 2)

    def args(workers="auto", threads=None):
        return SimpleNamespace(workers=workers, threads=threads)

    many = cli.AUTO_WORKERS_BATCHES
    assert cli.auto_workers(args(), cpu, many) == 2  # one one-thread worker per core
    assert cli.auto_workers(args(), cpu, many - 1) == 1  # a small input: no start-up to pay
    assert cli.auto_workers(args(threads=2), cpu, many) == 1  # one process with 2 threads
    assert cli.auto_workers(args(), cuda, many) == 1
    assert cli.auto_workers(args("3"), cpu, 1) == 3  # a number is taken as given
    monkeypatch.setattr(torch, "get_num_threads", lambda: 64)
    assert cli.auto_workers(args(), cpu, many) == cli.AUTO_WORKERS_MAX
    monkeypatch.setenv("WORLD_SIZE", "2")  # torchrun already shares the machine out
    assert cli.auto_workers(args(), cpu, many) == 1


@pytest.mark.parametrize("bad", ["0", "-1", "two"])
def test_cli_refuses_a_bad_workers_value(tmp_path, capsys, bad):
    from nlpkit.cli import main

    with pytest.raises(SystemExit) as stop:
        main(["analyze", str(tmp_path / "in.jsonl"), "--out", str(tmp_path / "o.jsonl"),
              "--workers", bad])
    assert stop.value.code == 2
    assert "--workers" in capsys.readouterr().err


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/status", encoding="utf-8") as fh:
            return "\nState:\tZ" not in fh.read()  # a zombie has exited
    except FileNotFoundError:
        return False


@pytest.mark.skipif(not os.path.isdir("/proc"), reason="reads /proc")
def test_workers_stop_when_their_parent_is_killed(tmp_path, tiny_ner):
    import signal
    import subprocess
    import sys
    import time

    script = (
        "import sys, time\n"
        "import nlpkit\n"
        "if __name__ == '__main__':\n"
        f"    nlp = nlpkit.load(tasks=['ner'], ner={str(tiny_ner)!r}, device='cpu')\n"
        "    pool = nlp.workers(2, 1)\n"
        "    list(pool.map([(['Текст.'], [None])]))  # one worker may still be loading\n"
        "    print(' '.join(str(p.pid) for p in pool.procs), flush=True)\n"
        "    time.sleep(120)\n")
    path = tmp_path / "parent.py"
    path.write_text(script, encoding="utf-8")
    parent = subprocess.Popen([sys.executable, str(path)], stdout=subprocess.PIPE, text=True)
    try:
        pids = [int(p) for p in parent.stdout.readline().split()]
        assert len(pids) == 2 and all(_alive(p) for p in pids)
        parent.send_signal(signal.SIGKILL)  # no chance to stop its workers itself
        parent.wait()
        deadline = time.time() + 30
        while time.time() < deadline and any(_alive(p) for p in pids):
            time.sleep(0.2)
        assert not any(_alive(p) for p in pids), "workers outlived their killed parent"
    finally:
        parent.kill()


def test_cli_reports_a_failed_worker_without_a_traceback(tmp_path, tiny_ner, monkeypatch, capsys):
    import nlpkit.workers
    from nlpkit.cli import main

    closed = []

    class Failing:  # a pool whose worker dies on the second batch
        def __init__(self, spec, n, threads):
            assert spec["tasks"] == ["ner"] and n == 2

        def map(self, batches):
            for k, (texts, ids) in enumerate(batches):
                if k == 1:
                    raise WorkerError("worker process nlpkit-worker-1 exited (code -9)")
                yield Pipeline().analyze(texts, ids)

        def close(self):
            closed.append(True)

    monkeypatch.setattr(nlpkit.workers, "WorkerPool", Failing)
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps({"id": i, "text": f"Текст {i}."}) + "\n"
                           for i in range(6)), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    code = main(["analyze", str(src), "--out", str(out), "--ner", str(tiny_ner), "--tasks", "ner",
                 "--device", "cpu", "--batch-size", "2", "--workers", "2"])
    err = capsys.readouterr().err
    assert code == 1
    assert "nlpkit-worker-1 exited" in err and "--resume" in err and "Traceback" not in err
    assert len(out.read_text(encoding="utf-8").splitlines()) == 2  # the first batch stands
    assert closed  # the other workers are stopped


def test_cli_names_a_wrong_model_folder_before_starting_workers(tmp_path, monkeypatch, capsys):
    import nlpkit.workers
    from nlpkit.cli import main

    def never(*_):
        raise AssertionError("a worker was started")

    monkeypatch.setattr(nlpkit.workers, "WorkerPool", never)
    src = tmp_path / "in.jsonl"
    src.write_text('{"id": 1, "text": "Текст."}\n', encoding="utf-8")
    code = main(["analyze", str(src), "--out", str(tmp_path / "o.jsonl"), "--ner",
                 str(tmp_path / "nowhere"), "--device", "cpu", "--workers", "2"])
    assert code == 2
    assert "nowhere" in capsys.readouterr().err
