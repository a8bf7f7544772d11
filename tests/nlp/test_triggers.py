from __future__ import annotations

import pytest

from nlp.triggers import firm_in_text, subject_party

PENALTY_RECORD = (
    "行政处罚信息公示\n"
    "行政相对人名称 | 统一社会信用代码 | 处罚事由 | 处罚结果\n"
    "澜穹云服务（衢州）有限公司 | 91330800MA2X000000 | 霁拓信息科技有限公司将其《增值电信业务经营许可证》"
    "出借给澜穹云服务（衢州）有限公司使用 | 警告，罚款5万元\n"
)


def test_a_penalty_record_is_about_the_party_in_its_subject_column_not_the_lender_its_reason_names():
    assert subject_party(PENALTY_RECORD) == "澜穹云服务（衢州）有限公司"
    assert firm_in_text(PENALTY_RECORD, "license_lending") == "澜穹云服务（衢州）有限公司"


@pytest.mark.parametrize(
    "text",
    [
        "当事人：澜穹云服务（衢州）有限公司\n违法事实：借用许可证",
        "被处罚单位 | 处罚事由\n澜穹云服务（衢州）有限公司 | 借用许可证",
    ],
)
def test_subject_party_reads_a_labelled_line_or_a_table_column(text):
    assert subject_party(text) == "澜穹云服务（衢州）有限公司"


def test_a_table_without_a_subject_column_names_no_subject():
    text = "序号 | 供应商名称 | 报价\n1 | 澜穹云服务（衢州）有限公司 | 0.01元"
    assert subject_party(text) is None
    assert subject_party("中标金额 | 行政相对人名称\n0.01元") is None
