"""Quote, speaker and stance scoring against gold documents: :mod:`nlpkit.scoring`, under the
names the training and evaluation scripts use."""

from __future__ import annotations

from nlpkit.scoring import match, norm_speaker, speaker_ok, stance_f1
from nlpkit.scoring import quote_scores as score_docs

__all__ = ["match", "norm_speaker", "speaker_ok", "stance_f1", "score_docs"]
