from __future__ import annotations

import pytest

from nlp.triggers import firm_in_text, signatory, subject_party

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


DISCLOSURE = (
    "本公司及董事会全体成员保证信息披露内容的真实、准确和完整。\n"
    "近日，公司收到星河市大数据管理局发出的《中标通知书》，确认公司为政务云服务项目的中标单位，中标金额0.01元。\n"
    "该项目的履行预计将对公司未来经营业绩产生积极影响。\n"
    "澜溪云数据科技有限公司董事会\n"
    "2024年5月6日"
)
SUPPLIER_DECISION = (
    "星河通信集团有限公司关于供应商违规行为处理结果的公告\n"
    "在云资源租赁采购项目中，霁岭云数据有限公司以澄湖信息科技股份有限公司名义投标，实际由霁岭云数据有限公司履约，"
    "违反了我公司供应商管理规定。\n"
    "经研究决定：取消霁岭云数据有限公司本项目中选资格，永久禁止参与我公司采购活动。\n"
    "星河通信集团有限公司\n"
    "2022年10月7日"
)


def test_a_first_person_statement_is_about_the_firm_that_signs_it():
    assert signatory(DISCLOSURE) == "澜溪云数据科技有限公司"
    assert firm_in_text(DISCLOSURE, "zero_price_bid") == "澜溪云数据科技有限公司"
    third_person = "记者获悉，霁岭云数据有限公司以0.01元中标星河市政务云项目。\n澜溪云数据科技有限公司"
    assert signatory(third_person) is None


def test_a_buyer_writing_about_its_supplier_is_not_the_firm_the_text_is_about():
    assert signatory(SUPPLIER_DECISION) is None
    assert firm_in_text(SUPPLIER_DECISION, "license_lending") == "霁岭云数据有限公司"


def test_a_first_person_statement_without_a_signature_is_about_the_firm_in_its_heading():
    statement = ("澜溪云数据科技有限公司关于许可证使用情况的说明\n"
                 "经自查，我公司与霁岭云数据有限公司开展的云服务合作中，存在由其以我公司名义对外签约的情况。\n"
                 "我公司已终止上述合作。")
    assert signatory(statement) == "澜溪云数据科技有限公司"
    assert signatory(statement.replace("我公司", "该企业")) is None
