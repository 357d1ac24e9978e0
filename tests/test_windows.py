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


def test_word_pieces_cache_equals_whole_tokenizer_calls():
    """Each distinct word tokenised once (and remembered across batches) gives the ids and
    word indices of one tokenizer call per batch, a word with no piece and an empty document
    included; the cache holds each distinct word once."""
    from nlpkit.windows import WordPieces, encode_many
    from tests.conftest import tiny_tokenizer

    tok = tiny_tokenizer()
    pieces = WordPieces(tok)
    batches = [[["Глава", "МИД", "заявил", "МИД"], [], ["по", "словам", "\u200b", "Ивана"]],
               [["Глава", "ёж", "🙂"], ["заявил", "Ивану"]]]
    for docs in batches:
        assert pieces(docs) == encode_many(tok, docs)
    assert pieces.usable
    assert len(pieces.pieces) == len({w for docs in batches for ws in docs for w in ws})


def test_word_pieces_falls_back_when_a_word_alone_reads_differently():
    """A tokenizer whose pieces for a word alone differ from the word among others is never
    cached: the output is still that of the whole call."""
    from nlpkit.windows import WordPieces, encode_many
    from tests.conftest import tiny_tokenizer

    tok = tiny_tokenizer()

    class Neighbourly:
        unk_token_id = tok.unk_token_id

        def __call__(self, docs, **kw):
            # a word's pieces change when it is not the only word of a document
            return tok([d if len(docs) > 1 else [w + "ь" for w in d] for d in docs], **kw)

    odd = Neighbourly()
    pieces = WordPieces(odd)
    docs = [["Глава", "МИД", "заявил"], ["по", "словам"]]
    assert pieces(docs) == encode_many(odd, docs) == encode_many(tok, docs)
    assert not pieces.usable and not pieces.pieces
    assert pieces([["ещё", "раз"]]) == encode_many(odd, [["ещё", "раз"]])


def test_words_read_from_the_window_where_they_sit_farthest_from_an_edge():
    """Two windows over the same words: each word takes the label of the window where its
    first sub-token is farther from an edge, the earlier window on a tie; a word no window
    covers reads O with probability 1."""
    from types import SimpleNamespace

    import numpy as np

    from nlpkit.tagger import WordTagger
    from nlpkit.windows import Window

    labels = ["O", "B-PER", "I-PER"]
    # document 0 has words 0-5; window a covers 0-3, window b 1-4; word 5 is uncovered
    a = Window(0, [0, 10, 11, 12, 13, 0], [-1, 0, 1, 2, 3, -1], 0, 3)
    b = Window(0, [0, 11, 12, 13, 14, 0], [-1, 1, 2, 3, 4, -1], 1, 4)
    la = np.log(np.full((6, 3), 0.1, dtype=np.float32))
    lb = np.log(np.full((6, 3), 0.1, dtype=np.float32))
    la[:, 1] = np.log(0.8)  # window a says B-PER everywhere
    lb[:, 2] = np.log(0.7)  # window b says I-PER everywhere
    got = WordTagger._join(SimpleNamespace(labels=labels), [a, b], [la, lb], [6, 0])
    tags, scores = got[0]
    # margins in a: words 0..3 → 1, 2, 2, 1; in b: words 1..4 → 1, 2, 2, 1 (word 2: a tie)
    assert tags == ["B-PER", "B-PER", "B-PER", "I-PER", "I-PER", "O"]
    assert np.allclose(scores, [0.8, 0.8, 0.8, 0.7, 0.7, 1.0])
    assert got[1] == ([], [])
