"""What the classifier sees: a `Doc` (normalised text, kind, extracted facts) and the feature transformers.

The word and character TF-IDF parts take the `text` field of each Doc; `FactFeatures` turns the facts
and a few cue lists into a small dense block (token price, price/budget ratio, price against the other
bids, cloud terms, licence-lending cues, notice type, kind) and the verdict of the hard rules.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from itertools import repeat
from typing import Any

import numpy as np
import scipy.sparse as sp
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.utils.sparsefuncs_fast import inplace_csr_row_normalize_l2
from sklearn.utils.validation import check_is_fitted

from nlp.rules import cloud_related as rule_cloud
from nlp.rules import label_facts, lending_statements

TOKEN_PRICE_YUAN = 10.0
"""An award at or below this many yuan is a token price (0元, 0.01元, 1元, a few yuan)."""

NOTICE_TYPES = ("award", "tender", "cancelled", "other")

CLOUD_TERMS = (
    "云服务", "云计算", "政务云", "云主机", "云服务器", "云存储", "云平台", "云资源", "云数据中心", "上云",
    "私有云", "公有云", "混合云", "专有云", "行业云", "云桌面", "云安全", "对象存储", "弹性计算", "虚拟主机",
    "互联网资源协作服务", "IDC", "数据中心", "服务器托管", "机房托管", "CDN", "内容分发", "带宽租用",
    "算力", "云网", "云上", "容器云", "大数据平台", "服务器租用",
)
"""Cloud-service words. Place names (云南, 白云区, 云浮) and brands (中标麒麟) contain none of them."""

LENDING_CUES = (
    "借用资质", "借用许可", "借用他人", "租借", "出借", "转借", "挂靠", "借证", "借牌", "出租许可", "出租资质",
    "代为签约", "代签", "以他人名义", "冒用", "无证经营", "未取得", "不具备", "超范围经营", "资质借用",
    "借用经营许可", "借用", "套用资质", "违规转租", "转租",
)
"""Words that go with a borrowed, rented or lent licence or qualification."""

LAWFUL_CUES = ("持有", "依法取得", "合法持有", "授权", "合作伙伴", "自有许可证", "已取得")

PROMOTION_CUES = ("试用", "免费", "体验", "优惠", "促销", "活动", "赠送", "代金券", "首年", "新用户")

NEGATIVE_NOTICE_CUES = ("流标", "废标", "终止", "招标公告", "采购公告", "询价公告", "竞争性磋商公告", "更正")

LOW_PRICE_CUES = ("低于成本", "远低于", "低价中标", "恶意低价", "异常低价", "低价竞标", "价格战", "明显低于", "低价抢标")

_TOKEN_PRICE_PROSE = re.compile(
    r"(?:(?<![\d.])0(?:\.0+)?\s*元|(?<![\d.])0\.0[1-9]\s*元|(?<![\d.])[1-9]\s*元(?![/每])|零元|"
    r"[一1]\s*分钱|壹分|[一1]分(?:钱)?(?:中标|成交)|零元整|[1-9]\s*块钱)"
)
_BUDGET_SHARE = re.compile(
    r"(?:预算|限价|控制价|均价|其他.{0,6}报价|市场价)[^。；;，,]{0,12}?(?:(\d+(?:\.\d+)?)\s*[%％]|([一二三四五]成|[一二三四五]折))"
)


_FAR_BELOW = re.compile(r"低(?:了|出)?(?:约|近|超过|逾)?[五六七八九]成|[一二三]折|不到[^。，,]{0,8}?[一二三]成|[一二]成左右")

_SENTENCES = re.compile(r"[^。！？!?\n；;]+")
_COMPANY = re.compile(r"[\u4e00-\u9fff]{2,}(?:有限公司|股份公司|集团|公司|中心|研究院)")
_NEGATION = ("严禁", "禁止", "不得", "不允许", "杜绝", "防止", "是否", "如何", "应当", "要求", "提醒", "倡议", "呼吁")
_MONEY = re.compile(r"\d[\d,，.]*\s*(?:万|亿)?元|[零壹贰叁肆伍陆柒捌玖拾佰仟万亿]+元|[一两二三四五六七八九十百千万亿]+元|分钱")
_WON = ("中标", "成交", "竞标", "报价", "投标", "拿下", "签约", "合同金额")
_CASE_CUES = ("经查", "查实", "查明", "被举报", "处罚", "通报", "不良名单", "失信名单", "中标结果", "成交结果", "公示",
              "举报", "立案", "责令", "罚款")

RULE_VERDICTS = ("zero_price_bid", "abnormally_low_bid", "license_lending", "none", "undecided")


@dataclass
class Doc:
    """One text to classify: normalised title + body, `bulletin` or `news`, and the facts found in it.

    The hard rules' verdicts are worked out once here, for the features and for the final decision.
    """

    text: str
    kind: str = "bulletin"
    facts: Any = None
    rule: str | None = field(init=False)
    lending_statements: int = field(init=False)
    rule_cloud: bool = field(init=False)

    def __post_init__(self) -> None:
        self.rule = label_facts(self.facts) if self.facts is not None else None
        self.lending_statements = len(lending_statements(self.text))
        self.rule_cloud = bool(rule_cloud(self.facts)) if self.facts is not None else False


def award_amounts(facts: Any) -> list[float]:
    """The money amounts of the lots that were won (rates and empty lots left out)."""
    if facts is None:
        return []
    return [
        float(lot.amount_yuan)
        for lot in getattr(facts, "lots", None) or []
        if getattr(lot, "amount_yuan", None) is not None
    ]


def lowest_award(facts: Any) -> float | None:
    """The lowest awarded amount, or None."""
    amounts = award_amounts(facts)
    return min(amounts) if amounts else None


def budget_ratio(facts: Any) -> float | None:
    """Lowest award / budget, when both are known and the budget is positive."""
    award = lowest_award(facts)
    budget = getattr(facts, "budget_yuan", None) if facts is not None else None
    if award is None or not budget or budget <= 0:
        return None
    return award / float(budget)


def other_bids_ratio(facts: Any) -> float | None:
    """Lowest award / median of the other bids listed, when there are any."""
    award = lowest_award(facts)
    others = [float(v) for v in (getattr(facts, "other_bids_yuan", None) or []) if v]
    if award is None or not others:
        return None
    return award / float(np.median(others))


def count_cues(text: str, cues: tuple[str, ...]) -> int:
    """How many times any of `cues` occurs in `text`."""
    return sum(text.count(cue) for cue in cues)


def cue_hits(text: str, cues: tuple[str, ...]) -> list[str]:
    """The cues that occur in `text`, in list order."""
    return [cue for cue in cues if cue in text]


def case_sentences(text: str) -> list[float]:
    """Sentences naming a firm beside a token price, a lending cue or a low-price cue (a case, not commentary),
    sentences of general talk (rules, questions, appeals), and sentences where a token price won or was bid
    — each count squashed."""
    token = lending = low = general = won = 0
    for sentence in _SENTENCES.findall(text):
        if any(word in sentence for word in _NEGATION):
            general += 1
            continue
        won += bool(_TOKEN_PRICE_PROSE.search(sentence)) and any(w in sentence for w in _WON)
        if not _COMPANY.search(sentence):
            continue
        token += bool(_TOKEN_PRICE_PROSE.search(sentence))
        lending += any(cue in sentence for cue in LENDING_CUES)
        low += bool(_FAR_BELOW.search(sentence)) or any(cue in sentence for cue in LOW_PRICE_CUES)
    return [_squash(token), _squash(lending), _squash(low), _squash(general), _squash(won)]


def _share(percent: str, word: str) -> float:
    """A budget share written as `12%` or as `一成`/`三折` (tenths), as a fraction."""
    if percent:
        return float(percent) / 100
    return "一二三四五".index(word[0]) / 10 + 0.1


def _squash(count: float) -> float:
    return math.log1p(count) / math.log(10.0)


class TextField(BaseEstimator, TransformerMixin):
    """Select the normalised text of each Doc (a stateless step before a vectoriser)."""

    def fit(self, docs: list[Doc], y: Any = None) -> TextField:
        return self

    def transform(self, docs: list[Doc]) -> list[str]:
        return [doc.text for doc in docs]


_CODE_BITS = 21
"""Bits of one character in a character n-gram's key: code points plus one (so none is 0) stay below 2**21."""
_WHITE_SPACES = re.compile(r"\s\s+")
"""Runs of blanks, collapsed to one space before counting characters (as scikit-learn's analyzer does)."""


class NgramTfidf(TfidfVectorizer):
    """A `TfidfVectorizer` that counts n-grams with numpy when it transforms: same matrix, a fraction of the time.

    Fitting is scikit-learn's own. For character n-grams up to 3 long and word n-grams up to 2 long (no stop
    words), `transform` packs each n-gram into one 64-bit key (characters: their code points; words: numbers
    given to the vocabulary's words) and looks all the keys of a batch up at once in the vocabulary's sorted
    keys, instead of building and looking up every n-gram string in a Python loop. Anything else goes the usual way.
    """

    def __getstate__(self) -> dict[str, Any]:
        """What is pickled: the fitted vectoriser without its look-up keys (worked out again when first used)."""
        state = super().__getstate__()
        for name in ("_sorted_keys", "_sorted_columns", "_word_numbers"):
            state.pop(name, None)
        return state

    def fit(self, raw_documents: list[str], y: Any = None) -> NgramTfidf:
        self._sorted_keys = None
        return super().fit(raw_documents, y)

    def fit_transform(self, raw_documents: list[str], y: Any = None) -> sp.csr_matrix:
        self._sorted_keys = None
        return super().fit_transform(raw_documents, y)

    def transform(self, raw_documents: list[str]) -> sp.csr_matrix:
        check_is_fitted(self, "vocabulary_")
        if isinstance(raw_documents, str) or self.input != "content" or self.binary or self.norm not in ("l2", None):
            return super().transform(raw_documents)
        if self.analyzer == "char" and self.ngram_range[1] * _CODE_BITS <= 64:
            rows, keys = self._char_keys(raw_documents)
        elif self.analyzer == "word" and self.ngram_range[1] <= 2 and self.stop_words is None:
            rows, keys = self._word_keys(raw_documents)
        else:
            return super().transform(raw_documents)
        return self._weighted(self._counts(rows, keys, len(raw_documents)))

    def _counts(self, rows: np.ndarray, keys: np.ndarray, documents: int) -> sp.csr_matrix:
        """Documents × vocabulary counts of the n-grams (`rows`: each one's document, `keys`: its key)."""
        sorted_keys, sorted_columns = self._vocabulary_keys()
        where = np.minimum(np.searchsorted(sorted_keys, keys), len(sorted_keys) - 1)
        known = sorted_keys[where] == keys
        width = len(self.vocabulary_)
        cells, counts = np.unique(rows[known] * width + sorted_columns[where[known]], return_counts=True)
        indptr = np.searchsorted(cells, np.arange(documents + 1) * width).astype(np.int32)
        return sp.csr_matrix((counts.astype(self.dtype), (cells % width).astype(np.int32), indptr),
                             shape=(documents, width))

    def _weighted(self, counts: sp.csr_matrix) -> sp.csr_matrix:
        """Counts → TF-IDF with the fitted weights: the steps of scikit-learn's `TfidfTransformer.transform`
        on an already valid matrix, without its per-call input checks (most of its time on a small batch)."""
        if self.sublinear_tf:
            np.log(counts.data, counts.data)
            counts.data += 1.0
        if self.use_idf:
            counts.data *= self._tfidf.idf_[counts.indices]
        if self.norm == "l2":
            inplace_csr_row_normalize_l2(counts)
        return counts

    def _vocabulary_keys(self) -> tuple[np.ndarray, np.ndarray]:
        """The vocabulary's n-gram keys, sorted, and the column of each (worked out once)."""
        if getattr(self, "_sorted_keys", None) is None:
            if self.analyzer == "word":
                words = sorted({word for term in self.vocabulary_ for word in term.split(" ")})
                self._word_numbers = {word: number for number, word in enumerate(words, start=1)}
            terms = sorted(self.vocabulary_.items())
            keys = np.array([self._term_key(term) for term, _column in terms], dtype=np.uint64)
            order = np.argsort(keys)
            self._sorted_keys = keys[order]
            self._sorted_columns = np.array([column for _term, column in terms], dtype=np.int64)[order]
        return self._sorted_keys, self._sorted_columns

    def _term_key(self, term: str) -> int:
        if self.analyzer == "word":
            numbers = [self._word_numbers[word] for word in term.split(" ")]
            return numbers[0] if len(numbers) == 1 else numbers[0] * (len(self._word_numbers) + 1) + numbers[1]
        key = 0
        for char in term:
            key = (key << _CODE_BITS) | (ord(char) + 1)
        return key

    def _char_keys(self, raw_documents: list[str]) -> tuple[np.ndarray, np.ndarray]:
        """The document number and key of every character n-gram of the documents."""
        preprocess = self.build_preprocessor()
        texts = [_WHITE_SPACES.sub(" ", preprocess(doc)) for doc in raw_documents]
        codes = np.frombuffer("".join(texts).encode("utf-32-le"), dtype=np.uint32).astype(np.uint64) + 1
        return _ngram_keys(codes, [len(text) for text in texts], self.ngram_range, lambda left, right:
                           (left << np.uint64(_CODE_BITS)) | right)

    def _word_keys(self, raw_documents: list[str]) -> tuple[np.ndarray, np.ndarray]:
        """The document number and key of every word n-gram of the documents (0 for a word the vocabulary lacks)."""
        self._vocabulary_keys()
        preprocess, tokenize, number = self.build_preprocessor(), self.build_tokenizer(), self._word_numbers.get
        lengths, numbers = [], []
        for doc in raw_documents:
            words = tokenize(preprocess(doc))
            lengths.append(len(words))
            numbers.extend(map(number, words, repeat(0)))
        size = np.uint64(len(self._word_numbers) + 1)

        def pair(left: np.ndarray, right: np.ndarray) -> np.ndarray:
            return np.where((left == 0) | (right == 0), np.uint64(0), left * size + right)

        return _ngram_keys(np.array(numbers, dtype=np.uint64), lengths, self.ngram_range, pair)


def _ngram_keys(codes: np.ndarray, lengths: list[int], ngram_range: tuple[int, int],
                combine: Any) -> tuple[np.ndarray, np.ndarray]:
    """Keys of the n-grams of consecutive `codes` (documents of `lengths` laid end to end) that stay within
    one document, and the document number of each. `combine(key, next_code)` extends a key by one code."""
    owner = np.repeat(np.arange(len(lengths)), lengths)
    ends = np.cumsum(lengths)
    rows, keys = [np.zeros(0, dtype=np.int64)], [np.zeros(0, dtype=np.uint64)]
    for n in range(ngram_range[0], ngram_range[1] + 1):
        starts = len(codes) - n + 1
        if starts <= 0:
            break
        key = codes[:starts]
        for offset in range(1, n):
            key = combine(key, codes[offset : starts + offset])
        inside = np.arange(starts) + n <= ends[owner[:starts]]
        rows.append(owner[:starts][inside])
        keys.append(key[inside])
    return np.concatenate(rows), np.concatenate(keys)


class FactFeatures(BaseEstimator, TransformerMixin):
    """Dense features from the extracted facts and cue lists, each roughly in [0, 1].

    `low_ratio` is the price/budget (or price/other-bids) ratio under which an award counts as far below.
    """

    def __init__(self, low_ratio: float = 0.5):
        self.low_ratio = low_ratio

    def fit(self, docs: list[Doc], y: Any = None) -> FactFeatures:
        self.n_features_out_ = len(self.feature_names())
        return self

    def feature_names(self) -> list[str]:
        """Column names, in order."""
        return [
            *(f"notice_{name}" for name in NOTICE_TYPES),
            "kind_news", "has_award_amount", "token_price", "zero_price", "log_award",
            "rate_award", "budget_ratio_known", "budget_ratio_low", "budget_ratio",
            "bids_ratio_known", "bids_ratio_low", "token_price_prose", "cloud_terms", "lending_cues",
            "lawful_cues", "promotion_cues", "negative_notice_cues", "low_price_cues", "budget_share_low",
            "far_below_prose", *(f"rule_{name}" for name in RULE_VERDICTS), "rule_lending_statements", "rule_cloud",
            "token_case_sentences", "lending_case_sentences", "low_case_sentences", "general_sentences", "token_won_sentences",
            "case_cues", "named_firms", "money_mentions", "no_case",
        ]

    def get_feature_names_out(self, input_features: Any = None) -> np.ndarray:
        return np.array(self.feature_names(), dtype=object)

    def transform(self, docs: list[Doc]) -> np.ndarray:
        return np.array([self._row(doc) for doc in docs], dtype=np.float64)

    def _row(self, doc: Doc) -> list[float]:
        facts = doc.facts
        notice = getattr(facts, "notice_type", None) or "other"
        award = lowest_award(facts)
        ratio = budget_ratio(facts)
        bids = other_bids_ratio(facts)
        lots = getattr(facts, "lots", None) or []
        rate_award = any(getattr(lot, "rate", None) for lot in lots) and award is None
        text = doc.text
        verdict = doc.rule or "undecided"
        firms = len(_COMPANY.findall(text))
        money = len(_MONEY.findall(text))
        shares = [_share(num, word) for num, word in _BUDGET_SHARE.findall(text)]
        return [
            *(float(notice == name) for name in NOTICE_TYPES),
            float(doc.kind == "news"),
            float(award is not None),
            float(award is not None and award <= TOKEN_PRICE_YUAN),
            float(award is not None and award == 0),
            min(_squash(award or 0.0) / 10.0, 1.0),
            float(rate_award),
            float(ratio is not None),
            float(ratio is not None and ratio <= self.low_ratio),
            min(ratio, 1.5) if ratio is not None else 1.0,
            float(bids is not None),
            float(bids is not None and bids <= self.low_ratio),
            _squash(len(_TOKEN_PRICE_PROSE.findall(text))),
            _squash(count_cues(text, CLOUD_TERMS)),
            _squash(count_cues(text, LENDING_CUES)),
            _squash(count_cues(text, LAWFUL_CUES)),
            _squash(count_cues(text, PROMOTION_CUES)),
            _squash(count_cues(text, NEGATIVE_NOTICE_CUES)),
            _squash(count_cues(text, LOW_PRICE_CUES)),
            float(any(share <= self.low_ratio for share in shares)),
            _squash(len(_FAR_BELOW.findall(text))),
            *(float(verdict == name) for name in RULE_VERDICTS),
            _squash(doc.lending_statements),
            float(doc.rule_cloud),
            *case_sentences(text),
            _squash(count_cues(text, _CASE_CUES)),
            _squash(firms),
            _squash(money),
            float(not firms and not money and not lots),
        ]
