"""The part of a transformers fast tokenizer that nlpkit calls, straight over ``tokenizers``.

A model folder's ``tokenizer.json`` is a ``tokenizers`` file; transformers' wrapper around it
costs about 1.7 s of imports and applies the same Rust tokenizer. :class:`Tokenizer` answers the
calls nlpkit makes (batches of pre-split words; batches of text pairs with truncation and
padding) with the same ids, and ``tests/test_encoder.py`` checks that against transformers.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import torch

__all__ = ["Tokenizer", "Encoded", "input_names", "padded", "round_up"]

PIECES_LIMIT = 500_000  # distinct words whose ids are kept (pairs(), windows.WordPieces)
# multilingual-e5's (XLM-R's) normaliser and pre-tokeniser, which pairs() also runs in Python
PLAIN_NORMALIZER = {"type": "Sequence", "normalizers": [
    {"type": "NFKC"}, {"type": "Replace", "pattern": {"Regex": " {2,}"}, "content": " "}]}
PLAIN_PRE_TOKENIZER = {"type": "Metaspace", "replacement": "\u2581", "prepend_scheme": "always",
                       "split": True}
SPACES = re.compile(" {2,}")
METASPACE_WORD = re.compile("\u2581[^\u2581]*")
# characters whose NFKC form could differ between Python's Unicode tables and the tokenizer's
# (later Unicode versions), and the «▁» itself: such a text goes to the tokenizer's own steps
UNCOMMON = re.compile("[^\u0000-\u2fff\uff00-\uffef]|\u2581")


def round_up(n: int, multiple: int | None) -> int:
    """``n`` rounded up to a multiple of ``multiple`` (``n`` itself for none)."""
    return -(-n // multiple) * multiple if multiple else n


def padded(rows: Sequence[Sequence[int]], pad_id: int, width: int
           ) -> tuple[torch.Tensor, torch.Tensor]:
    """``input_ids`` and ``attention_mask`` [len(rows), width] of id lists padded on the right:
    one tensor from padded lists, far cheaper than a small tensor copied in per row."""
    lengths = torch.tensor([len(r) for r in rows], dtype=torch.long)
    ids = torch.tensor([i for r in rows for i in (*r, *[pad_id] * (width - len(r)))],
                       dtype=torch.long).reshape(len(rows), width)
    return ids, (torch.arange(width)[None] < lengths[:, None]).long()


# what transformers' tokenizer classes return (their ``model_input_names``): nlpkit answers for
# these; a folder naming another class is left to transformers
PLAIN = ("TokenizersBackend", "PreTrainedTokenizerFast", "XLMRobertaTokenizer",
         "XLMRobertaTokenizerFast")
WITH_TYPES = ("BertTokenizer", "BertTokenizerFast")


def input_names(cfg: dict[str, Any]) -> list[str] | None:
    """The inputs transformers' tokenizer of this ``tokenizer_config.json`` returns, or None
    when its class is not one nlpkit knows."""
    if cfg.get("model_input_names"):
        return list(cfg["model_input_names"])
    cls = cfg.get("tokenizer_class") or "TokenizersBackend"
    if cls in PLAIN:
        return ["input_ids", "attention_mask"]
    if cls in WITH_TYPES:
        return ["input_ids", "token_type_ids", "attention_mask"]
    return None


class Encoded(dict):
    """``input_ids``, ``attention_mask`` and, where the tokenizer's class has them,
    ``token_type_ids`` (lists, or tensors), with ``word_ids(row)``."""

    def __init__(self, data: dict[str, Any], encodings: list):
        super().__init__(data)
        self._encodings = encodings

    def word_ids(self, row: int = 0) -> list[int | None]:
        return self._encodings[row].word_ids

    def to(self, device: str | torch.device) -> Encoded:
        return Encoded({k: v.to(device) for k, v in self.items()}, self._encodings)


class Tokenizer:
    """``Tokenizer(folder)``: the folder's ``tokenizer.json`` with its special tokens named in
    ``tokenizer_config.json``."""

    def __init__(self, folder: str | Path):
        from tokenizers import Tokenizer as Rust

        folder = Path(folder)
        self._tok = Rust.from_file(str(folder / "tokenizer.json"))
        self._tok.no_truncation()
        self._tok.no_padding()
        self._copies: dict[tuple[int | None, bool, int | None], Any] = {}
        path = folder / "tokenizer_config.json"
        cfg = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
        self._config = cfg
        names = input_names(cfg)
        if names is None:
            raise ValueError(f"tokenizer class {cfg.get('tokenizer_class')!r} is not one nlpkit "
                             "reads itself")
        self.model_input_names = names
        self.model_max_length = int(cfg.get("model_max_length") or 1 << 30)
        self.cls_token, self.cls_token_id = self._special(cfg, "cls")
        self.sep_token, self.sep_token_id = self._special(cfg, "sep")
        self.pad_token, self.pad_token_id = self._special(cfg, "pad")
        self.unk_token, self.unk_token_id = self._special(cfg, "unk")
        self._pieces: dict[str, list[int]] = {}  # a word's ids (see pairs)
        # the special tokens before, between and after a pair's texts; None: not yet read,
        # () when pairs() must not build ids itself (see _template_ok)
        self._template: tuple[list[int], ...] | None = None
        self._special_texts: list[str] | None = None  # texts the tokenizer reads as one token
        self._checks = 3  # calls of pairs still compared with the whole tokenizer's output
        self._plain: bool | None = None  # normaliser and pre-tokeniser those of PLAIN_*

    def _special(self, cfg: dict[str, Any], name: str) -> tuple[str | None, int | None]:
        """A special token named in the config, and its id."""
        token = cfg.get(f"{name}_token")
        if isinstance(token, dict):  # an AddedToken record
            token = token.get("content")
        if not isinstance(token, str):
            return None, None
        return token, self._tok.token_to_id(token)

    def _configured(self, limit: int | None, pad: bool, multiple: int | None = None):
        """A copy of the tokenizer that truncates to ``limit`` and pads as asked, kept for the
        next call: no call changes another's settings, so threads may share a Tokenizer."""
        if limit is None and not pad:
            return self._tok
        key = (limit, pad, multiple)
        tok = self._copies.get(key)
        if tok is None:
            tok = type(self._tok).from_str(self._tok.to_str())
            if limit is not None:
                tok.enable_truncation(limit, strategy="longest_first")
            if pad:
                tok.enable_padding(pad_id=self.pad_token_id or 0,
                                   pad_token=self.pad_token or "<pad>",
                                   pad_to_multiple_of=multiple)
            self._copies[key] = tok
        return tok

    def save_pretrained(self, folder: str | Path) -> None:
        """``tokenizer.json`` and ``tokenizer_config.json`` into ``folder``."""
        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        self._tok.save(str(folder / "tokenizer.json"))
        (folder / "tokenizer_config.json").write_text(
            json.dumps(self._config, ensure_ascii=False, indent=2), encoding="utf-8")

    def get_vocab(self) -> dict[str, int]:
        return self._tok.get_vocab(with_added_tokens=True)

    def __len__(self) -> int:
        return self._tok.get_vocab_size(with_added_tokens=True)

    def __call__(self, text: Sequence, text_pair: Sequence[str] | None = None,
                 is_split_into_words: bool = False, add_special_tokens: bool = True,
                 truncation: bool | str = False, max_length: int | None = None,
                 padding: bool | str = False, return_tensors: str | None = None,
                 pad_to_multiple_of: int | None = None) -> Encoded:
        if isinstance(text, str) or (is_split_into_words and text and isinstance(text[0], str)):
            raise TypeError("nlpkit.tokens.Tokenizer takes a batch (a list of texts, or of "
                            "word lists with is_split_into_words=True)")
        if truncation not in (False, True, "longest_first", "do_not_truncate"):
            raise ValueError(f"truncation {truncation!r} is not supported here")
        if padding not in (False, True, "longest", "do_not_pad"):
            raise ValueError(f"padding {padding!r} is not supported here")
        batch: list = list(text) if text_pair is None else list(zip(text, text_pair))
        limit = max_length or self.model_max_length \
            if truncation in (True, "longest_first") else None
        tok = self._configured(limit, padding in (True, "longest"), pad_to_multiple_of)
        encodings = tok.encode_batch(batch, is_pretokenized=is_split_into_words,
                                     add_special_tokens=add_special_tokens)
        data: dict[str, Any] = {"input_ids": [e.ids for e in encodings]}
        if "token_type_ids" in self.model_input_names:
            data["token_type_ids"] = [e.type_ids for e in encodings]
        data["attention_mask"] = [e.attention_mask for e in encodings]
        if return_tensors == "pt":
            data = {k: torch.tensor(v, dtype=torch.long) for k, v in data.items()}
        elif return_tensors is not None:
            raise ValueError(f"return_tensors {return_tensors!r} is not supported here")
        return Encoded(data, encodings)

    def pairs(self, first: Sequence[str], second: Sequence[str], max_length: int,
              pad_to_multiple_of: int | None = None) -> dict[str, torch.Tensor]:
        """``input_ids`` and ``attention_mask`` of text pairs, truncated longest first to
        ``max_length`` and padded: what ``self(first, second, truncation=True, max_length=…,
        padding=True, pad_to_multiple_of=…, return_tensors="pt")`` gives, which this calls for
        pairs that need truncating, that hold a special token's text, or a tokenizer whose words
        are not read alone. The others are built from each word's ids, looked up once across
        calls: the tokenizer normalises a text, splits it at spaces and reads each word alone,
        and news repeats its words. The first calls are checked against the whole tokenizer;
        a difference turns the lookup off."""
        first, second = list(first), list(second)
        whole = self._checks > 0 or not self._template_ok()
        if whole:  # the reference (and, with no template, the answer)
            ref = self(first, second, truncation=True, max_length=max_length, padding=True,
                       pad_to_multiple_of=pad_to_multiple_of, return_tensors="pt")
            if not self._template_ok():
                return dict(ref)
        assert self._template is not None
        head, mid, tail = self._template
        rows: list[list[int] | None] = []
        for a, b in zip(first, second):
            row = None if self._holds_special(a) or self._holds_special(b) else \
                [*head, *self._word_ids(a), *mid, *self._word_ids(b), *tail]
            rows.append(row if row is not None and len(row) <= max_length else None)
        rest = [k for k, r in enumerate(rows) if r is None]
        if rest:  # truncated pairs: the tokenizer's own longest-first rule
            tok = self._configured(max_length, False)
            for k, enc in zip(rest, tok.encode_batch([(first[k], second[k]) for k in rest])):
                rows[k] = enc.ids
        done = [r for r in rows if r is not None]
        width = round_up(max((len(r) for r in done), default=0), pad_to_multiple_of)
        ids, mask = padded(done, self.pad_token_id or 0, width)
        out = {"input_ids": ids, "attention_mask": mask}
        if whole:
            self._checks -= 1
            if any(not torch.equal(out[k], ref[k]) for k in out):
                self._template = ()  # the lookup differs here: never used again
                self._checks = 0
                return dict(ref)
        return out

    def _template_ok(self) -> bool:
        """Whether pairs() may build ids itself: the special tokens around a pair are known,
        and the tokenizer takes no token type ids."""
        if self._template is None:
            self._template = ()
            tok = self._tok
            if tok.normalizer is not None and tok.pre_tokenizer is not None and \
                    "token_type_ids" not in self.model_input_names:
                enc = tok.encode("слово", "дело")
                seq = enc.sequence_ids
                if 0 in seq and 1 in seq:
                    a0, a1 = seq.index(0), len(seq) - seq[::-1].index(0)
                    b0, b1 = seq.index(1), len(seq) - seq[::-1].index(1)
                    self._template = (enc.ids[:a0], enc.ids[a1:b0], enc.ids[b1:])
        return bool(self._template)

    def _holds_special(self, text: str) -> bool:
        if self._special_texts is None:
            self._special_texts = [t.content for t in
                                   self._tok.get_added_tokens_decoder().values()]
        return any(t in text for t in self._special_texts)

    def _word_ids(self, text: str) -> list[int]:
        tok = self._tok
        assert tok.normalizer is not None and tok.pre_tokenizer is not None
        if self._plain is None:
            # each step's own JSON (serialising the whole tokenizer would copy its vocabulary)
            self._plain = json.loads(tok.normalizer.__getstate__()) == PLAIN_NORMALIZER and \
                json.loads(tok.pre_tokenizer.__getstate__()) == PLAIN_PRE_TOKENIZER
        if self._plain and not UNCOMMON.search(text):
            # the same steps in Python (faster than a call for each text): NFKC, runs of
            # spaces as one, each space a «▁» that starts a word, one before the first
            norm = SPACES.sub(" ", unicodedata.normalize("NFKC", text)).replace(" ", "\u2581")
            if norm and norm[0] != "\u2581":
                norm = "\u2581" + norm
            words = METASPACE_WORD.findall(norm)
        else:
            words = [w for w, _ in tok.pre_tokenizer.pre_tokenize_str(
                tok.normalizer.normalize_str(text))]
        if len(self._pieces) + len(words) > PIECES_LIMIT:
            self._pieces.clear()
        out: list[int] = []
        for word in words:
            ids = self._pieces.get(word)
            if ids is None:
                ids = self._pieces[word] = [t.id for t in tok.model.tokenize(word)]
            out += ids
        return out
