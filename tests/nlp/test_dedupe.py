"""Reposts of one story share a cluster id, within a run and across runs; different stories do not."""

import numpy as np
import pytest

from nlp.dedupe import BANDS, NUM_PERM, Clusterer, band_keys, shingles, signature
from store.db import open_db

STORY = (
    "盐城市应急管理局日前公布电子政务云资源服务项目中标结果，星澜云科技有限公司以0.01元中标，项目预算720万元。"
    "本项目共有11家供应商参与投标，业内人士认为如此报价难以覆盖带宽、机房与运维成本，后续服务质量值得关注。"
    "据了解，该公司去年在另一地市的云主机租用项目中也曾以极低价格中标，引发同行质疑。"
)
REPOST = "【转载】" + STORY.replace("日前", "近日") + "（来源：IDC圈内参，编辑：小王）"
OTHER = (
    "丽水市大数据发展管理局云存储扩容项目今日开标，共有五家供应商参加，预算金额为三百二十万元。"
    "采购内容包括对象存储节点、备份一体机以及三年原厂维保服务，评标委员会将在两周内公布结果。"
    "本次采购采用综合评分法，价格分占百分之三十，技术分占百分之六十，商务分占百分之十。"
)


def test_shingles_ignore_spaces_and_punctuation():
    assert shingles("云 主机，租用！") == shingles("云主机租用")


@pytest.fixture
def db(tmp_path):
    store = open_db(tmp_path / "m.db")
    for doc_id in range(1, 6):
        store.execute("INSERT INTO documents (id, url, fingerprint) VALUES (?, ?, ?)", [doc_id, f"u{doc_id}", f"f{doc_id}"])
    return store


def test_repost_joins_the_first_story_and_other_story_does_not(db):
    clusterer = Clusterer(db)
    assert clusterer.assign(1, signature(STORY)) == "c1"
    assert clusterer.assign(2, signature(OTHER)) == "c2"
    assert clusterer.assign(3, signature(REPOST)) == "c1"


def test_reassigning_the_same_documents_is_stable(db):
    clusterer = Clusterer(db)
    clusterer.assign(1, signature(STORY))
    clusterer.assign(3, signature(REPOST))
    assert clusterer.assign(1, signature(STORY)) == "c1"
    assert clusterer.assign(3, signature(REPOST)) == "c1"
    assert db.execute("SELECT COUNT(*) FROM document_minhash_bands").fetchone()[0] == 2 * BANDS


def test_clusters_survive_across_runs_through_the_database(db):
    Clusterer(db).assign(1, signature(STORY))
    assert Clusterer(db).assign(2, signature(REPOST)) == "c1"


def test_signature_is_stable_across_processes():
    import subprocess
    import sys

    code = "from nlp.dedupe import signature; print(signature('星澜云科技有限公司以0.01元中标').tolist())"
    other = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert other.strip() == str(signature("星澜云科技有限公司以0.01元中标").tolist())


def test_band_keys_differ_per_band():
    keys = band_keys(np.zeros(NUM_PERM, dtype=np.uint32))
    assert len(keys) == BANDS and len(set(keys)) == BANDS


def _award(project: str, buyer: str, winner: str, amount: str, code: str) -> str:
    return (
        f"{project}中标公告\n一、项目编号：{code}\n二、项目名称：{project}\n三、采购人：{buyer}\n"
        f"四、中标信息：中标供应商名称：{winner}，中标金额：{amount}\n"
        "五、主要标的信息：详见附件。\n六、评审专家名单：张某、李某、王某。\n"
        "七、公告期限：自本公告发布之日起1个工作日。\n八、其他补充事宜：无。\n"
        "九、凡对本次公告内容提出询问，请按以下方式联系：采购代理机构：某某招标代理有限公司，联系人：赵工。"
    )


def test_two_awards_from_one_template_are_different_stories(db):
    clusterer = Clusterer(db)
    first = _award("星河市政务云租赁服务项目", "星河市大数据局", "星澜云科技有限公司", "0.01元", "XH-2024-017")
    second = _award("河湾县医院信息系统运维项目", "河湾县人民医院", "河湾康泰科技有限公司", "58.6万元", "HW-2023-203")
    assert clusterer.assign(1, signature(first)) == "c1"
    assert clusterer.assign(2, signature(second)) == "c2"
