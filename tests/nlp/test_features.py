"""Fact features follow scikit-learn conventions and encode token prices, ratios and cues."""

from dataclasses import dataclass, field

import numpy as np
from sklearn.base import clone
from sklearn.feature_extraction.text import TfidfVectorizer

from nlp.features import (
    CLOUD_TERMS,
    Doc,
    FactFeatures,
    NgramTfidf,
    TextField,
    budget_ratio,
    count_cues,
    other_bids_ratio,
)
from nlp.tokenize import tokens


@dataclass
class Lot:
    winner: str | None
    amount_yuan: float | None
    rate: str | None = None


@dataclass
class Facts:
    notice_type: str = "award"
    lots: list = field(default_factory=list)
    budget_yuan: float | None = None
    other_bids_yuan: list = field(default_factory=list)
    title: str = ""
    text: str = ""


def _row(doc: Doc) -> dict[str, float]:
    transformer = FactFeatures().fit([doc])
    return dict(zip(transformer.feature_names(), transformer.transform([doc])[0], strict=True))


def test_is_a_proper_transformer():
    transformer = FactFeatures(low_ratio=0.3)
    assert clone(transformer).get_params() == {"low_ratio": 0.3}
    docs = [Doc("正文"), Doc("另一篇", kind="news")]
    out = transformer.fit_transform(docs)
    assert out.shape == (2, len(transformer.get_feature_names_out()))
    assert out.dtype == np.float64
    assert TextField().fit_transform(docs) == ["正文", "另一篇"]


def test_token_price_award():
    row = _row(Doc("中标金额：0.01元", facts=Facts(lots=[Lot("甲", 0.01)], budget_yuan=3_000_000)))
    assert row["token_price"] == 1.0 and row["notice_award"] == 1.0
    assert row["budget_ratio_low"] == 1.0 and row["zero_price"] == 0.0


def test_ratios_to_budget_and_other_bids():
    facts = Facts(lots=[Lot("甲", 250_000.0)], budget_yuan=1_000_000.0, other_bids_yuan=[900_000.0, 1_000_000.0])
    assert budget_ratio(facts) == 0.25
    assert round(other_bids_ratio(facts), 4) == round(250_000 / 950_000, 4)
    row = _row(Doc("正文", facts=facts))
    assert row["budget_ratio_low"] == 1.0 and row["bids_ratio_low"] == 1.0 and row["token_price"] == 0.0


def test_ordinary_win_and_rate_award():
    ordinary = _row(Doc("正文", facts=Facts(lots=[Lot("甲", 950_000.0)], budget_yuan=1_000_000.0)))
    assert ordinary["budget_ratio_low"] == 0.0 and ordinary["token_price"] == 0.0
    rate = _row(Doc("下浮率20%", facts=Facts(lots=[Lot("甲", None, rate="下浮率20%")])))
    assert rate["rate_award"] == 1.0 and rate["has_award_amount"] == 0.0


def test_prose_cues():
    row = _row(Doc("据报道，该公司报价比第二名低了约八成，中标价仅为预算的12%。", kind="news"))
    assert row["far_below_prose"] > 0 and row["budget_share_low"] == 1.0 and row["kind_news"] == 1.0
    row = _row(Doc("某公司借用他人资质承接政务云项目", kind="news"))
    assert row["lending_cues"] > 0 and row["cloud_terms"] > 0


def test_place_and_brand_names_are_not_cloud_terms():
    for text in ("云南省昆明市白云区云浮市人民医院", "中标麒麟操作系统 中标软件有限公司"):
        assert count_cues(text, CLOUD_TERMS) == 0


CHAR_AND_WORD_TEXTS = [
    "星澜云科技有限公司以0.01元中标某市政务云服务项目", "某某单位 云主机 租用 项目\n中标金额：￥1,200.00元",
    "", "云", "İstanbul  ABC\t\tx", "😀云服务😀 上云", "雲端服務 中標 公告", "  \n\n ", "全新的词语组合 甲乙丙丁 戊己庚", "陌生 云主机 项目",
]


def _fitted(vectoriser_params: dict) -> tuple[NgramTfidf, TfidfVectorizer]:
    fast = NgramTfidf(**vectoriser_params).fit(CHAR_AND_WORD_TEXTS[:3])
    plain = TfidfVectorizer(**vectoriser_params).fit(CHAR_AND_WORD_TEXTS[:3])
    return fast, plain


def test_ngram_tfidf_gives_scikit_learns_matrix_for_characters_and_words():
    for params in (
        {"analyzer": "char", "ngram_range": (1, 3), "sublinear_tf": True, "dtype": np.float32},
        {"analyzer": "char", "ngram_range": (2, 3), "lowercase": False},
        {"tokenizer": tokens, "token_pattern": None, "lowercase": False, "ngram_range": (1, 2), "sublinear_tf": True},
        {"tokenizer": tokens, "token_pattern": None, "lowercase": False, "ngram_range": (2, 2)},
    ):
        fast, plain = _fitted(params)
        mine, theirs = fast.transform(CHAR_AND_WORD_TEXTS), plain.transform(CHAR_AND_WORD_TEXTS)
        assert mine.shape == theirs.shape and mine.dtype == theirs.dtype
        assert abs(mine - theirs).max() == 0, params
        assert mine.has_sorted_indices


def test_ngram_tfidf_forgets_its_lookup_when_fitted_again():
    fast = NgramTfidf(analyzer="char", ngram_range=(1, 2))
    fast.fit(["甲乙"]).transform(["甲乙"])
    refitted = fast.fit(["丙丁"]).transform(["丙丁 甲乙"])
    expected = TfidfVectorizer(analyzer="char", ngram_range=(1, 2)).fit(["丙丁"]).transform(["丙丁 甲乙"])
    assert abs(refitted - expected).max() == 0


def test_ngram_tfidf_takes_the_usual_path_for_longer_ngrams_and_stop_words():
    texts = ["一二三四五", "二三四五六"]
    for params in ({"analyzer": "char", "ngram_range": (3, 4)},
                   {"tokenizer": tokens, "token_pattern": None, "stop_words": ["云"], "ngram_range": (1, 3)}):
        fast, plain = NgramTfidf(**params).fit(texts), TfidfVectorizer(**params).fit(texts)
        assert abs(fast.transform(texts) - plain.transform(texts)).max() == 0


def test_ngram_tfidf_pickles_without_its_lookup_keys():
    import pickle

    fast = NgramTfidf(analyzer="char", ngram_range=(1, 3)).fit(CHAR_AND_WORD_TEXTS[:3])
    before = fast.transform(CHAR_AND_WORD_TEXTS)
    assert fast._sorted_keys is not None
    copy = pickle.loads(pickle.dumps(fast))
    assert getattr(copy, "_sorted_keys", None) is None
    assert abs(copy.transform(CHAR_AND_WORD_TEXTS) - before).max() == 0
