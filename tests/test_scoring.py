"""Scoring analysed documents against gold ones (``nlpkit score``)."""

import json

import pytest

from nlpkit.cli import main
from nlpkit.scoring import score

TEXT = "«Мы всё решим», — заверил министр Руслан Казакбаев. МИД отказался от комментариев."


def _quote(start, end, speaker, stance, kind="direct"):
    return {"start": start, "end": end, "text": TEXT[start:end], "kind": kind,
            "speaker": speaker, "stance": stance}


def _ent(name, label):
    s = TEXT.index(name)
    return {"start": s, "end": s + len(name), "label": label, "text": name}


GOLD = [{"id": "a", "text": TEXT,
         "entities": [_ent("Руслан Казакбаев", "PER"), _ent("МИД", "ORG")],
         "quotes": [_quote(1, 13, "Руслан Казакбаев", "reassurance")]},
        {"id": "b", "text": "Ничего.", "entities": [],
         "quotes": [{"start": 0, "end": 6, "text": "Ничего", "kind": "indirect",
                     "speaker": None, "stance": "denial"}]}]


def test_score_counts_exact_entities_overlapping_quotes_speakers_and_missed_stances():
    pred = [{"id": "a", "text": TEXT,
             "entities": [_ent("Руслан Казакбаев", "PER"), _ent("МИД", "LOC")],
             # a quote that overlaps the gold one at IoU ≥ 0.5, its speaker without first name
             "quotes": [_quote(1, 11, "Казакбаев", "reassurance")]}]
    res = score(GOLD, pred)
    assert res["documents"] == 2 and res["predicted"] == 1
    ents = res["entities"]
    assert ents["PER"]["f1"] == 1.0 and ents["ORG"]["recall"] == 0.0
    assert ents["micro"]["precision"] == 0.5 and ents["micro"]["recall"] == 0.5
    qs = res["quotes"]
    assert qs["direct"]["f1"] == 1.0 and qs["indirect"]["recall"] == 0.0
    assert qs["all"]["speaker_accuracy"] == 1.0
    # the missed denial counts as a wrong stance, end to end
    assert qs["stance"]["reassurance"]["f1"] == 1.0 and qs["stance"]["denial"]["f1"] == 0.0
    assert qs["stance"]["macro_f1"] == 0.5


def test_score_rejects_predictions_that_do_not_belong_to_the_gold():
    with pytest.raises(ValueError, match="'z'"):
        score(GOLD, [{"id": "z", "text": "x"}])
    with pytest.raises(ValueError, match="text differs"):
        score(GOLD, [{"id": "a", "text": TEXT + " "}])
    with pytest.raises(ValueError, match="twice"):
        score(GOLD, [{"id": "a"}, {"id": "a"}])


def test_score_command_prints_the_figures(tmp_path, capsys):
    gold, pred = tmp_path / "gold.jsonl", tmp_path / "pred.jsonl"
    gold.write_text("\n".join(json.dumps(g, ensure_ascii=False) for g in GOLD), encoding="utf-8")
    pred.write_text(json.dumps(GOLD[0], ensure_ascii=False), encoding="utf-8")
    assert main(["score", str(gold), str(pred), "--json"]) == 0
    res = json.loads(capsys.readouterr().out)
    assert res["entities"]["micro"]["f1"] == 1.0 and res["quotes"]["all"]["recall"] == 0.5
    assert main(["score", str(gold), str(pred)]) == 0
    assert "macro-F1" in capsys.readouterr().out
    bad = tmp_path / "bad.jsonl"
    bad.write_text("{not json", encoding="utf-8")
    assert main(["score", str(gold), str(bad)]) == 2
    assert "bad.jsonl: line 1 is not JSON" in capsys.readouterr().err
