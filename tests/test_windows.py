from nlpkit.windows import make_windows


def test_windows_cover_every_word_once_as_first_subtoken():
    word_ids = [w for w in range(300) for _ in range(1 + w % 3)]
    ids = list(range(len(word_ids)))
    wins = make_windows(0, ids, word_ids, -1, -2, max_length=32, stride=8)
    assert len(wins) > 10
    seen = {w for win in wins for w in win.word_index if w >= 0}
    assert seen == set(range(300))
    for win in wins:
        assert len(win.input_ids) <= 32
        assert win.input_ids[0] == -1 and win.input_ids[-1] == -2
        # windows start on a word boundary: the first body token is a word start
        assert win.word_index[1] >= 0


def test_consecutive_windows_overlap():
    word_ids = list(range(100))
    wins = make_windows(0, word_ids, word_ids, 0, 0, max_length=20, stride=6)
    for a, b in zip(wins, wins[1:]):
        assert b.first <= a.last  # overlap, so every word has context on both sides


def test_documents_tokenised_together_equal_one_at_a_time():
    """One tokenizer call for a batch gives each document the ids and word indices it gets
    alone, an empty document included, and every word keeps a sub-token."""
    from nlpkit.windows import encode_many, encode_words
    from tests.conftest import tiny_tokenizer

    tok = tiny_tokenizer()
    docs = [["Глава", "МИД", "заявил"], [], ["по", "словам", "\u200b", "Ивана"], ["ёж", "🙂"]]
    together = encode_many(tok, docs)
    assert together == [encode_words(tok, words) for words in docs]
    assert together[1] == ([], [])
    ids, word_ids = together[2]
    assert sorted(set(word_ids)) == [0, 1, 2, 3] and len(ids) == len(word_ids)
