"""nlpkit.tokens.Tokenizer.pairs: text pairs built from each word's ids, read once, give what
the whole tokenizer gives (truncation, padding, special tokens' texts, odd Unicode and spaces)."""

from __future__ import annotations

import torch

from nlpkit.tokens import Tokenizer
from tests.conftest import ROOT

STANCE = ROOT / "nlpkit" / "models" / "stance"  # a shipped tokenizer: Unigram, NFKC, Metaspace

FIRST = ["«Мы будем защищать интересы каждого нашего гражданина!»",
         "  двойные  пробелы,\nперенос строки и ﬁ ① Ｆｕｌｌ ",
         "",
         "текст с <s> и </s> внутри",
         "Очень длинная цитата " * 40,
         "Ёлкин и Пётр Семёнов — в «Газпроме» 😀 and New York."]
SECOND = [f"заверил | министр | Контекст [Q] номер {i}." for i in range(len(FIRST))]


def _whole(tok: Tokenizer, a, b, n, m):
    return tok(a, b, truncation=True, max_length=n, padding=True, pad_to_multiple_of=m,
               return_tensors="pt")


def test_pairs_equal_the_whole_tokenizer_after_its_checks():
    tok = Tokenizer(STANCE)
    for round_ in range(6):  # past the calls it checks, so the lookup answers alone
        for n, m in ((128, 32), (64, None), (16, 8)):
            got = tok.pairs(FIRST, SECOND, n, m)
            want = _whole(tok, FIRST, SECOND, n, m)
            for key in ("input_ids", "attention_mask"):
                assert torch.equal(got[key], want[key]), (round_, n, m, key)
    assert tok._checks <= 0 and tok._template_ok()  # the lookup is in use
    assert tok._pieces  # words were kept for the next call
    assert len(tok._pieces) < sum(len(t.split()) for t in FIRST + SECOND)  # each once


def test_a_difference_turns_the_lookup_off():
    tok = Tokenizer(STANCE)
    tok.pairs(FIRST[:1], SECOND[:1], 128)
    tok._pieces[next(iter(tok._pieces))] = [5, 5, 5]  # a word's ids made wrong
    tok._checks = 1
    word = next(w for w, ids in tok._pieces.items() if ids == [5, 5, 5])
    text = word.replace("\u2581", "")
    got = tok.pairs([text], ["контекст"], 128)
    want = _whole(tok, [text], ["контекст"], 128, None)
    assert torch.equal(got["input_ids"], want["input_ids"])  # the whole tokenizer's answer
    assert not tok._template_ok()  # and it answers every later call
    got = tok.pairs([text], ["контекст"], 128)
    assert torch.equal(got["input_ids"], want["input_ids"])
