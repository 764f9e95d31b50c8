"""explore: load, clean and split a corpus of Chinese rural-digitalization news.

The core is pure: text in, pandas DataFrames out. It imports neither plotly
nor ipywidgets, so it runs unchanged in a batch job or on a cluster worker.
"""

from explore._version import __version__
from explore.clean import CleanText, clean_document, clean_text
from explore.corpus import Corpus, default_corpus_path, load_corpus
from explore.errors import CorpusError
from explore.split import Item, split_items

__all__ = [
    "CleanText",
    "Corpus",
    "CorpusError",
    "Item",
    "__version__",
    "clean_document",
    "clean_text",
    "default_corpus_path",
    "load_corpus",
    "split_items",
]
