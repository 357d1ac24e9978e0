"""Texts that must work: very long, NUL bytes, emoji, mixed scripts, HTML, English, CRLF."""

import time

import nlpkit

ODD = [
    "NUL\x00внутри\x00текста: «Мы не сдадимся никогда и ни за что», — заявил Иван Петров.",
    "Эмодзи 😀🇷🇺 и смешанные scripts: Ὀδυσσεύς, 北京, Москва.",
    "<p>HTML <b>остатки</b> &nbsp; &amp; <a href='x'>ссылка</a></p> Сергей Лавров.",
    "The minister said that the talks would continue, according to Reuters.",
    "Строка\r\nс CRLF\r\n\r\n«Мы держим ситуацию на контроле», — сказал министр.\r\n",
    "\ufeffBOM и\u00a0неразрывные\u2009пробелы — «цитата из трёх слов», сказал он.",
]


def check(doc):
    for e in doc.entities:
        assert doc.text[e.start:e.end] == e.text
    for q in doc.quotes:
        assert doc.text[q.start:q.end] == q.text
        for span in (q.cue, q.source):
            if span is not None:
                assert doc.text[span.start:span.end] == span.text


def test_odd_texts(tiny_ner, tiny_quotes, tiny_stance):
    nlp = nlpkit.load(ner=tiny_ner, quotes=tiny_quotes, stance=tiny_stance, device="cpu")
    docs = list(nlp.pipe(ODD, batch_size=4))
    assert [d.text for d in docs] == ODD
    for d in docs:
        check(d)
    assert any(q.cue and q.cue.text == "заявил" for q in docs[0].quotes)


def test_one_megabyte_document(tiny_ner, tiny_quotes, tiny_stance):
    para = ("Министр Иван Петров заявил, что переговоры продолжатся. «Мы держим ситуацию "
            "на контроле», — сказал он журналистам в Москве.\n")
    text = para * (1_000_000 // len(para) + 1)
    assert len(text) > 1_000_000
    nlp = nlpkit.load(ner=tiny_ner, quotes=tiny_quotes, stance=tiny_stance, device="cpu")
    t0 = time.perf_counter()
    doc = nlp(text)
    assert time.perf_counter() - t0 < 600
    check(doc)
    assert len(doc.quotes) >= 2 * (len(text) // len(para)) * 0.9  # nothing dropped at the end
    assert doc.quotes[-1].start > len(text) - 2 * len(para)


def test_out_of_memory_splits_the_batch_and_loses_nothing(tiny_ner):
    import torch

    from nlpkit.ner import NER

    ner = NER(tiny_ner, device="cpu")
    texts = [f"Сергей Лавров {i} прибыл в Москву и встретился с Анной Петровой." for i in range(9)]
    expected = ner(texts)
    inner = ner.tagger.model.forward
    calls = []

    def flaky(*args, **kwargs):  # an accelerator that only fits one window at a time
        ids = kwargs.get("input_ids")
        calls.append(ids.shape[0])
        if ids.shape[0] > 1:
            raise torch.cuda.OutOfMemoryError("CUDA out of memory (simulated)")
        return inner(*args, **kwargs)

    ner.tagger.model.forward = flaky
    assert ner(texts) == expected
    assert max(calls) > 1 and calls.count(1) >= len(texts)


def test_default_batch_size_follows_the_device(tiny_ner):
    import torch

    from nlpkit.pipeline import Pipeline

    nlp = nlpkit.load(ner=tiny_ner, device="cpu")
    assert nlp.default_batch_size() == 64
    assert Pipeline(device=torch.device("cuda")).default_batch_size() == 256
    sizes = []
    inner = nlp.analyze
    nlp.analyze = lambda texts, ids=None: sizes.append(len(texts)) or inner(texts, ids)
    texts = ["Иван Петров приехал в Москву."] * 130
    assert len(list(nlp.pipe(texts))) == 130
    assert sizes == [64, 64, 2]
