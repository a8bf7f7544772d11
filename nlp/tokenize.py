"""Chinese tokenisation with jieba and the domain dictionary shipped in `nlp/dict.txt`."""

from __future__ import annotations

import os
import tempfile
import threading
from functools import lru_cache
from pathlib import Path

DICT_PATH = Path(__file__).with_name("dict.txt")
_lock = threading.Lock()
_tokenizer = None


def tokenizer():
    """The process-wide jieba tokenizer with the domain dictionary loaded (initialised once, thread-safe)."""
    global _tokenizer
    if _tokenizer is None:
        with _lock:
            if _tokenizer is None:
                import logging

                import jieba

                jieba.setLogLevel(logging.WARNING)
                instance = jieba.Tokenizer()
                cache_dir = Path(os.environ.get("CLOUDCREDIT_JIEBA_CACHE", tempfile.gettempdir()))
                cache_dir.mkdir(parents=True, exist_ok=True)
                instance.tmp_dir = str(cache_dir)
                instance.cache_file = f"cloudcredit-jieba-{os.getuid() if hasattr(os, 'getuid') else 0}.cache"
                instance.initialize()
                instance.load_userdict(str(DICT_PATH))
                _tokenizer = instance
    return _tokenizer


def tokens(text: str) -> list[str]:
    """The words of a text: jieba precise mode, domain words kept whole, blanks dropped.

    jieba segments each run of word characters (its `re_han_default`) on its own, so a text's words are
    those of its runs in order; the runs of templated bulletins (labels, boilerplate sentences) repeat from
    page to page, so each run's words are remembered (a bounded cache) instead of segmented again.
    """
    from jieba import re_han_default

    words: list[str] = []
    for run in re_han_default.split(text or ""):
        if run:
            words.extend(_run_tokens(run))
    return words


@lru_cache(maxsize=1 << 16)
def _run_tokens(run: str) -> tuple[str, ...]:
    return tuple(t for t in tokenizer().lcut(run) if t.strip())
