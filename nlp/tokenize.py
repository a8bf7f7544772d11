"""Chinese tokenisation with jieba and the domain dictionary shipped in `nlp/dict.txt`."""

from __future__ import annotations

import os
import tempfile
import threading
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
    """The words of a text: jieba precise mode, domain words kept whole, blanks dropped."""
    return [t for t in tokenizer().lcut(text or "") if t.strip()]
