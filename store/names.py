"""The registry's name key: the one normalised form company names are compared on."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from opencc import OpenCC

_NOISE = re.compile(r"[\s\u200b-\u200f\u2060\ufeff·•,，.。、\"'“”‘’]")


@lru_cache(maxsize=1)
def _to_simplified() -> OpenCC:
    """OpenCC's compiled traditional → simplified converter, built once per process."""
    from opencc import OpenCC

    return OpenCC("t2s")


def name_key(name: str) -> str:
    """The normalised form names are compared on: NFKC (full-width to ASCII), no spaces or punctuation,
    traditional characters folded to simplified (湛算科技（蘭州） = 湛算科技(兰州)), lower case."""
    text = _NOISE.sub("", unicodedata.normalize("NFKC", name))
    return _to_simplified().convert(text).lower() if text else text
