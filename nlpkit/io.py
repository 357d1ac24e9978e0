"""Reading inputs and writing results: every input record gets exactly one output record."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = ["Record", "read_records", "count_done", "ResultWriter"]


@dataclass(frozen=True)
class Record:
    """One input item: its id, its text, or the reason it cannot be analysed."""

    index: int
    id: Any
    text: str | None
    error: str | None = None


def _from_obj(index: int, obj: Any) -> Record:
    if not isinstance(obj, dict):
        return Record(index, index + 1, None, f"line {index + 1}: not a JSON object "
                      f"({type(obj).__name__})")
    rid = obj.get("id", index + 1)
    if "text" not in obj:
        return Record(index, rid, None, f"line {index + 1}: no 'text' field")
    if not isinstance(obj["text"], str):
        return Record(index, rid, None, f"line {index + 1}: 'text' is "
                      f"{type(obj['text']).__name__}, not a string")
    return Record(index, rid, obj["text"])


def read_records(path: str | Path) -> Iterator[Record]:
    """Records of a ``.txt`` (one document), ``.jsonl`` or ``.parquet`` file, in order."""
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"input {str(path)!r} does not exist")
    suffix = path.suffix.lower()
    if suffix == ".txt":
        with open(path, encoding="utf-8", errors="replace", newline="") as fh:
            yield Record(0, path.stem, fh.read())
    elif suffix in (".jsonl", ".json", ".ndjson"):
        with open(path, encoding="utf-8", errors="replace", newline="\n") as fh:
            for index, line in enumerate(fh):
                line = line.rstrip("\n").rstrip("\r")
                try:
                    obj = json.loads(line)
                except json.JSONDecodeError as exc:
                    yield Record(index, index + 1, None, f"line {index + 1}: not JSON ({exc.msg})")
                    continue
                yield _from_obj(index, obj)
    elif suffix == ".parquet":
        import pyarrow.parquet as pq

        table = pq.read_table(path)
        if "text" not in table.column_names:
            raise ValueError(f"input {path}: parquet file has no 'text' column")
        for index, row in enumerate(table.to_pylist()):
            yield _from_obj(index, row)
    else:
        raise ValueError(f"input {path}: unsupported format {suffix!r} "
                         "(use .txt, .jsonl or .parquet)")


def count_done(path: str | Path) -> int:
    """Complete lines already in a JSONL output; a torn last line is cut off."""
    path = Path(path)
    if not path.exists():
        return 0
    with open(path, "rb+") as fh:
        data = fh.read()
        keep = data.rfind(b"\n") + 1
        if keep != len(data):
            fh.truncate(keep)
        return data[:keep].count(b"\n")


class ResultWriter:
    """Append-only JSONL (flushed and fsynced per batch) or Parquet (written at close)."""

    def __init__(self, path: str | Path, append: bool = False):
        self.path = Path(path)
        self.parquet = self.path.suffix.lower() == ".parquet"
        self.rows: list[dict] = []
        if not self.parquet:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.fh = open(self.path, "a" if append else "w", encoding="utf-8", newline="\n")

    def write_batch(self, rows: list[dict]) -> None:
        if self.parquet:
            self.rows += rows
            return
        self.fh.write("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows))
        self.fh.flush()
        os.fsync(self.fh.fileno())

    def close(self) -> None:
        if self.parquet:
            import pyarrow as pa
            import pyarrow.parquet as pq

            flat = [{"id": str(r.get("id")), "text": r.get("text"), "error": r.get("error"),
                     "entities": json.dumps(r.get("entities", []), ensure_ascii=False),
                     "quotes": json.dumps(r.get("quotes", []), ensure_ascii=False)}
                    for r in self.rows]
            pq.write_table(pa.Table.from_pylist(flat), self.path)
        else:
            self.fh.close()
