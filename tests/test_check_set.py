"""The committed check set (data/check) is well formed: every offset names its text."""

import json
from pathlib import Path

import pytest

CHECK = Path(__file__).resolve().parents[1] / "data" / "check"
STANCES = {"protest", "reassurance", "denial", "neutral"}


@pytest.mark.parametrize("split", ["dev", "dev2", "dev3", "dev4", "dev5", "dev6", "dev7", "dev8", "dev9", "dev10", "dev11", "dev12", "test"])
def test_check_set_offsets_labels_and_ids(split):
    records = [json.loads(line) for line in (CHECK / f"{split}.jsonl").open(encoding="utf-8")]
    assert len(records) == 32 and len({r["id"] for r in records}) == 32
    for r in records:
        text = r["text"]
        spans = sorted((e["start"], e["end"]) for e in r["entities"])
        assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:])), r["id"]
        for e in r["entities"]:
            assert e["label"] in {"PER", "ORG", "LOC"} and text[e["start"]:e["end"]] == e["text"]
        for q in r["quotes"]:
            assert q["kind"] in {"direct", "indirect"} and q["stance"] in STANCES
            assert text[q["start"]:q["end"]] == q["text"]
            for key in ("cue", "source"):
                if q.get(key):
                    assert text[q[key]["start"]:q[key]["end"]] == q[key]["text"]
