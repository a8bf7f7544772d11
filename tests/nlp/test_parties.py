from __future__ import annotations

import pytest

from nlp.parties import in_text


@pytest.mark.parametrize(
    ("name", "text", "written"),
    [
        ("星澜云(北京)科技有限公司", "由星澜云（北京）科技有限公司以0.01元中标", "星澜云（北京）科技有限公司"),
        ("星澜云（北京）科技有限公司", "由星澜云(北京)科技有限公司中标", "星澜云(北京)科技有限公司"),
        ("星澜云科技有限公司", "由星澜云科技有限公司中标", "星澜云科技有限公司"),
        ("星澜云科技有限公司", "文中没有这个名字", "星澜云科技有限公司"),
        ("a.b(c)", "x A.B(C) a.b（c） y", "a.b（c）"),
        (None, "任何文字", None),
    ],
)
def test_in_text_finds_the_name_as_written_whatever_its_brackets(name, text, written):
    assert in_text(name, text) == written


@pytest.mark.parametrize(
    ("sentence", "firm"),
    [
        ("市城乡建设局关于澜溪建筑工程有限公司违规承揽工程的处理决定", "澜溪建筑工程有限公司"),
        ("经查，参与投标的三家单位全是霁川建筑劳务有限公司的关联企业", "霁川建筑劳务有限公司"),
        ("第二中标候选人溪桥网络科技有限公司投诉称报价异常", "溪桥网络科技有限公司"),
        ("星澜云科技有限公司借用北京云栈数据有限公司的资质承接政务云项目", "星澜云科技有限公司"),
        ("泓拓云网科技有限公司将许可证出借给霁拓信息科技有限公司使用", "泓拓云网科技有限公司"),
        ("通信管理局认定其存在借用岚栈数据科技有限公司许可证的行为", "岚栈数据科技有限公司"),
        ("霁穹云科技有限公司实际运营，合同却以持证企业衢州鼎融网络科技有限公司的名义签订", "霁穹云科技有限公司"),
        ("该行为违反了我公司的投标承诺", None),
        ("澜穹软件技术有限公司挂靠翱核网络技术有限公司承接项目，违反了我公司供应商管理规定", "澜穹软件技术有限公司"),
        ("拟中标供应商瑜矩科技股份有限公司未取得许可证，其许可证为淞衡信息科技有限公司所有", "瑜矩科技股份有限公司"),
        ("我们需要确认公司的资质", None),
        ("这是公司在河南市场取得的又一突破", None),
        ("投诉人对沐原数据科技有限公司以1元报价中标提出投诉", "沐原数据科技有限公司"),
        ("由曜数科技有限公司以0.01元中标", "曜数科技有限公司"),
        ("关山数据有限公司中标", "关山数据有限公司"),
        ("有群众反映康巴什区云服务中标企业沐星数据（鄂尔多斯）有限公司借用资质", "沐星数据（鄂尔多斯）有限公司"),
        ("采购人决定取消澜数云科技有限责任公司的成交资格", "澜数云科技有限责任公司"),
        ("联盟会员单位栈星云服（黄石）有限公司存在挂靠行为", "栈星云服（黄石）有限公司"),
        ("岚溪信息技术有限公司未取得许可，通过与持证企业霁麟信息技术有限公司签订合作协议的方式对外签约", "岚溪信息技术有限公司"),
        ("调查发现施工方宇泽建筑劳务有限公司借用资质", "宇泽建筑劳务有限公司"),
        ("该项目的履行预计将对公司未来经营业绩产生积极影响", None),
        ("霁岭云数据有限公司以澄湖信息科技股份有限公司名义投标", "霁岭云数据有限公司"),
        ("永久禁止参与我公司采购活动", None),
        ("由华为云计算技术有限公司潍坊分公司以68452.00元中标", "华为云计算技术有限公司潍坊分公司"),
        ("淞拓数字科技有限公司向徐州市珩翼云数据有限公司租借增值电信业务经营许可证", "淞拓数字科技有限公司"),
        ("淞拓数字科技有限公司向徐州市珩翼云数据有限公司采购云主机", "徐州市珩翼云数据有限公司"),
        ("星澜云科技有限公司与中国移动通信集团河北有限公司邢台分公司签约", "中国移动通信集团河北有限公司邢台分公司"),
    ],
)
def test_prose_org_names_the_firm_a_sentence_is_about(sentence, firm):
    from nlp.parties import prose_org

    assert prose_org(sentence) == firm


def test_a_consortium_is_named_by_its_lead_member():
    from nlp.parties import clean_party

    lead = "曦岚云科（邢台）有限公司"
    assert clean_party(f"{lead}与中国移动通信集团河北有限公司邢台分公司组成的联合体") == lead
    assert clean_party(f"{lead}、澄湖信息工程有限公司联合体") == lead
    assert clean_party("澄湖信息工程有限公司") == "澄湖信息工程有限公司"


def test_short_subject_is_never_a_negation_or_a_time_word():
    from nlp.parties import short_subject

    assert short_subject("据悉，霁拓信息以") == "霁拓信息"
    assert short_subject("经核实，并非以") is None
    assert short_subject("，去年以") is None


@pytest.mark.parametrize(
    ("found", "name"),
    [
        ("由华为技术有限公司", "华为技术有限公司"),
        ("最终由云桥科技有限公司", "云桥科技有限公司"),
        ("中标人为曜数科技有限公司", "曜数科技有限公司"),
        ("现为北京云桥科技有限公司", "北京云桥科技有限公司"),
        ("与云栈科技有限公司", "云栈科技有限公司"),
        ("现代信息科技有限公司", "现代信息科技有限公司"),
        ("经纬恒润科技有限公司", "经纬恒润科技有限公司"),
        ("及时雨科技有限公司", "及时雨科技有限公司"),
        ("向日葵科技有限公司", "向日葵科技有限公司"),
    ],
)
def test_strip_leading_cuts_off_connectives_but_not_the_first_word_of_a_name(found, name):
    from nlp.parties import strip_leading

    assert strip_leading(found) == name


@pytest.mark.parametrize(
    ("sentence", "firm"),
    [
        ("呼和浩特市曦栈网络技术有限公司以0.01元中标", "呼和浩特市曦栈网络技术有限公司"),
        ("淞阵（呼和浩特）云网科技有限公司中标", "淞阵（呼和浩特）云网科技有限公司"),
        ("为民科技有限公司以1元中标", "为民科技有限公司"),
        ("云栈与星澜云科技有限公司签约", "星澜云科技有限公司"),
        ("云栈、星澜云科技有限公司中标", "星澜云科技有限公司"),
    ],
)
def test_a_name_is_split_only_at_a_coordinating_word(sentence, firm):
    from nlp.parties import prose_org

    assert prose_org(sentence) == firm
