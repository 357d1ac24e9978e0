"""nlpkit: who is named, who said what, and what each statement does, in Russian news.

    >>> import nlpkit
    >>> nlp = nlpkit.load()
    >>> doc = nlp("«Мы будем защищать интересы граждан», — заверил министр Руслан Казакбаев.")
    >>> [(e.text, e.label) for e in doc.entities]
"""

from nlpkit.pipeline import Pipeline, load
from nlpkit.types import Document, Entity, Quote, Span

__all__ = ["load", "Pipeline", "Document", "Entity", "Quote", "Span", "to_dataframe",
           "__version__"]
__version__ = "0.1.0"


def to_dataframe(docs, kind: str = "entities"):
    """One row per entity or quote of ``docs`` (pandas)."""
    from nlpkit.export import to_dataframe as _to_dataframe

    return _to_dataframe(docs, kind)
