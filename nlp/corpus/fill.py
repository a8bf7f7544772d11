"""Slot fillers for the synthetic bulletin corpus: names, places, projects, dates and amount strings.

Every function takes the generator's `random.Random` so the corpus is reproducible from one seed.
Supplier names are invented (city + made-up brand + business word); buyers are real-looking public bodies.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

CITIES = (
    "杭州", "成都", "西安", "贵阳", "合肥", "南京", "武汉", "长沙", "郑州", "济南", "青岛", "厦门", "福州",
    "南宁", "昆明", "兰州", "银川", "太原", "石家庄", "天津", "重庆", "沈阳", "长春", "哈尔滨", "南昌",
    "海口", "深圳", "广州", "苏州", "无锡", "宁波", "温州", "佛山", "东莞", "珠海", "绍兴", "嘉兴", "台州",
    "扬州", "徐州", "洛阳", "襄阳", "宜昌", "绵阳", "遵义", "柳州", "桂林", "赣州", "泉州", "潍坊", "烟台",
    "临沂", "大连", "呼和浩特", "乌鲁木齐", "西宁", "拉萨", "芜湖", "常州", "南通", "金华", "湖州", "株洲",
)
PROVINCES = (
    "浙江省", "四川省", "陕西省", "贵州省", "安徽省", "江苏省", "湖北省", "湖南省", "河南省", "山东省",
    "福建省", "广西壮族自治区", "甘肃省", "山西省", "河北省", "辽宁省", "吉林省", "黑龙江省", "江西省",
    "海南省", "广东省", "内蒙古自治区", "宁夏回族自治区", "青海省",
)
DISTRICTS = ("高新区", "经开区", "新城区", "江北区", "城关区", "滨海新区", "临港新区", "天府新区", "西湖区", "雁塔区")
# Place names that contain 云 but have nothing to do with cloud computing (hard negatives).
CLOUD_PLACES = (
    "云南省", "昆明市（云南）", "广州市白云区", "云浮市", "丽水市云和县", "连云港市", "云阳县", "云梦县",
    "大同市云冈区", "云霄县", "贵阳市白云区", "密云区", "云县", "云龙县",
)

_BRAND_A = "澜栈岚翎沐峦皓霁翊珩瑜琮璟曦澈玥骁钧铖烁溯泓淞渝湛霆峤嵘崧翱昶晞暄"
_BRAND_B = "星芯算栈途启衡数联图擎翼矩阵链舟桥川岳辰穹核枢域汇鉴拓铂锐"
_CLOUD_BIZ = (
    "云计算", "云科技", "云数据", "数据科技", "信息技术", "信息科技", "网络科技", "网络技术", "科技",
    "智能科技", "数字科技", "云网科技", "数据服务", "云服务", "计算机系统", "软件技术",
)
_OTHER_BIZ = (
    "物业管理", "家具制造", "建筑工程", "医疗器械", "餐饮管理", "保安服务", "印务", "环境工程", "园林绿化",
    "建设工程", "商贸", "实业", "机电设备", "教育装备", "保洁服务", "汽车租赁", "食品配送", "消防工程",
)
_FORMS = ("有限公司", "有限公司", "有限公司", "有限责任公司", "股份有限公司")

# Real vendors: only ever used as ordinary, lawful winners or as buyers.
REAL_VENDORS = (
    "阿里云计算有限公司", "腾讯云计算（北京）有限责任公司", "华为云计算技术有限公司", "中国电信股份有限公司",
    "中国移动通信集团有限公司", "中国联合网络通信有限公司", "浪潮软件集团有限公司", "天翼云科技有限公司",
    "紫光云技术有限公司", "金山云（北京）信息技术有限公司", "京东科技信息技术有限公司", "百度在线网络技术（北京）有限公司",
)
REAL_VENDOR_MARKERS = ("阿里云", "腾讯", "华为", "中国电信", "中国移动", "中国联合", "中国联通", "浪潮", "天翼云",
                       "紫光", "金山云", "京东", "百度", "移动云", "联通云")

SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红娥玲芬燕彬鹏浩宇晨曦婷雪琳斌宁凯峰建国志海波"

CLOUD_ITEMS = (
    "政务云服务", "政务云平台租赁服务", "云主机租赁服务", "云服务器租用服务", "云存储服务", "容灾备份云服务",
    "IDC机房托管服务", "互联网资源协作服务", "大数据平台上云服务", "智慧城市云平台建设项目", "电子政务外网云资源服务",
    "视频云存储服务", "数据中心机柜租赁服务", "云桌面服务", "信息系统上云迁移服务", "教育云平台运维服务",
    "智慧校园云服务", "云安全服务", "对象存储扩容项目", "政务云资源扩容项目", "异地灾备中心云服务",
    "混合云管理平台项目", "云计算资源池扩容项目", "公有云资源采购项目", "CDN加速及云资源服务", "算力资源租赁服务",
    "政务云二期租赁服务", "医疗云影像存储服务", "数据中心托管及带宽服务", "云上等保安全服务", "GPU云算力服务",
    "政务数据共享交换平台云资源服务", "城市大脑云资源租赁项目", "一网通办系统云部署服务",
)
OTHER_ITEMS = (
    "办公家具采购", "物业管理服务", "道路维修工程", "医疗设备采购", "食堂食材配送服务", "安保服务", "印刷服务",
    "绿化养护服务", "保洁服务", "公务车辆租赁服务", "校服采购", "图书采购", "中央空调维保服务", "电梯维保服务",
    "被服采购", "实验室设备采购", "体育器材采购", "办公用品采购", "法律顾问服务", "年度审计服务", "工程监理服务",
    "消防设施维保服务", "污水处理厂运营服务", "生活垃圾清运服务", "课桌椅采购", "高低压配电改造工程",
    "农村饮水安全工程", "外墙改造工程", "档案整理服务", "台式计算机采购", "打印复印一体机采购", "彩超设备采购",
    "救护车采购", "学生营养餐配送服务", "城市照明维护服务", "河道保洁服务", "宣传品制作服务", "会议服务",
)


@dataclass
class Case:
    """One procurement situation that a skeleton renders as a bulletin."""

    label: str
    cloud: bool
    project: str
    buyer: str
    winner: str
    agency: str
    budget: float | None
    amount: float | None
    others: list[tuple[str, float]] = field(default_factory=list)
    city: str = ""
    hard: bool = False
    item: str = ""
    shown_budget: bool = False


def pick(rng: random.Random, seq):
    """One element of a sequence."""
    return seq[rng.randrange(len(seq))]


def person(rng: random.Random) -> str:
    """A plausible Chinese personal name."""
    return pick(rng, SURNAMES) + "".join(pick(rng, GIVEN) for _ in range(rng.choice((1, 2))))


def phone(rng: random.Random) -> str:
    """A landline or mobile number in one of the written forms."""
    if rng.random() < 0.4:
        return "1" + str(rng.choice((33, 35, 37, 38, 39, 58, 59, 86, 89))) + "".join(str(rng.randrange(10)) for _ in range(8))
    area = rng.choice(("0571", "028", "029", "0851", "0551", "025", "027", "0731", "0371", "0531", "0532", "0592"))
    return area + rng.choice(("-", "-", "—", "")) + "".join(str(rng.randrange(10)) for _ in range(8 if len(area) == 3 else 7))


def brand(rng: random.Random) -> str:
    """An invented two-character brand."""
    return pick(rng, _BRAND_A) + pick(rng, _BRAND_B)


def supplier(rng: random.Random, cloud: bool = True) -> str:
    """A fictional supplier name, cloud/IT flavoured or not."""
    biz = pick(rng, _CLOUD_BIZ if cloud else _OTHER_BIZ)
    form = pick(rng, _FORMS)
    b = brand(rng)
    shape = rng.randrange(5)
    if shape == 0:
        return f"{pick(rng, CITIES)}{b}{biz}{form}"
    if shape == 1:
        return f"{b}（{pick(rng, CITIES)}）{biz}{form}"
    if shape == 2:
        return f"{pick(rng, PROVINCES)}{b}{biz}{form}"
    if shape == 3:
        return f"{pick(rng, CITIES)}市{b}{biz}{form}"
    return f"{b}{biz}{form}"


def buyer(rng: random.Random, cloud: bool, city: str) -> str:
    """A real-looking public buyer in `city`."""
    if cloud:
        options = (
            f"{city}市大数据管理局", f"{city}市政务服务数据管理局", f"{city}市数据资源管理局", f"{city}市人民医院",
            f"{city}市公安局", f"{city}市教育局", f"{city}市卫生健康委员会", f"{city}市不动产登记中心",
            f"{city}市住房公积金管理中心", f"{city}市信息中心", f"{city}市人民政府办公室", f"{city}职业技术学院",
            f"{city}市第一人民医院", f"{city}市智慧城市运营中心", f"{city}市医疗保障局", f"{city}市气象局",
            f"{city}市{pick(rng, DISTRICTS)}管理委员会", f"{city}市中心医院", f"{city}市图书馆",
        )
    else:
        options = (
            f"{city}市机关事务管理局", f"{city}市人民医院", f"{city}市第二中学", f"{city}市交通运输局",
            f"{city}市城市管理局", f"{city}市中医医院", f"{city}市实验小学", f"{city}市市场监督管理局",
            f"{city}市水务局", f"{city}市住房和城乡建设局", f"{city}市{pick(rng, DISTRICTS)}社会事业局",
            f"{city}市妇幼保健院", f"{city}市体育运动学校", f"{city}市公路管理局", f"{city}市档案馆",
        )
    return pick(rng, options)


def place_buyer(rng: random.Random) -> str:
    """A buyer whose place name contains 云 (a hard negative for cloud detection)."""
    place = pick(rng, CLOUD_PLACES)
    return place + pick(rng, ("教育局", "人民医院", "交通运输局", "机关事务服务中心", "农业农村局", "第一中学", "城市管理局"))


def agency(rng: random.Random, city: str) -> str:
    """A procurement agency (fictional firm or a public centre)."""
    if rng.random() < 0.35:
        return pick(rng, (f"{city}市政府采购中心", f"{city}市公共资源交易中心", f"{city}市政府集中采购中心"))
    return f"{city}{brand(rng)}{pick(rng, ('招标代理', '项目管理', '工程咨询', '招标咨询'))}有限公司"


def item(rng: random.Random, cloud: bool) -> str:
    """What is bought (政务云服务, 物业管理服务 …)."""
    return pick(rng, CLOUD_ITEMS if cloud else OTHER_ITEMS)


def project(rng: random.Random, cloud: bool, buyer_name: str, what: str | None = None) -> str:
    """A project name that fits the buyer."""
    item = what or pick(rng, CLOUD_ITEMS if cloud else OTHER_ITEMS)
    short = buyer_name.replace("委员会", "委").replace("有限公司", "")
    year = rng.choice(("", "", "2023年", "2024年", "2025年", "2024-2025年度", "2025年度"))
    return f"{short}{year}{item}"


def code(rng: random.Random, city: str = "") -> str:
    """A procurement project code in one of the common shapes."""
    y = rng.choice((2022, 2023, 2024, 2025))
    n = rng.randrange(1, 999)
    shapes = (
        f"{city[:1]}{y}-{rng.choice(('GK', 'CS', 'TP', 'XJ', 'DY'))}-{n:03d}",
        f"ZFCG-{y}-{rng.randrange(10000, 99999)}",
        f"{rng.randrange(330000, 659999)}{y}{rng.randrange(100000, 999999)}",
        f"{rng.choice(('HZ', 'CD', 'XA', 'GY', 'NJ', 'WH'))}CG{y}{n:04d}",
        f"{y}ZC{rng.randrange(1000, 9999)}号",
        f"GXZC{y}-G{rng.randrange(1, 4)}-{rng.randrange(100000, 999999)}-{rng.choice(('JDZB', 'ZJZB', 'HSBD'))}",
    )
    return pick(rng, shapes)


def date(rng: random.Random, fmt: int | None = None) -> str:
    """A date in 2022–2025 in one of the written forms."""
    y, m, d = rng.choice((2022, 2023, 2024, 2025)), rng.randrange(1, 13), rng.randrange(1, 29)
    fmt = rng.randrange(4) if fmt is None else fmt
    return (f"{y}年{m}月{d}日", f"{y}-{m:02d}-{d:02d}", f"{y}年{m:02d}月{d:02d}日", f"{y}/{m}/{d}")[fmt]


def period(rng: random.Random, fmt: int = 0) -> str:
    """A start and end date a few days apart, joined by 至."""
    y, m, d = rng.choice((2022, 2023, 2024, 2025)), rng.randrange(1, 13), rng.randrange(1, 20)
    e = d + rng.randrange(2, 9)
    if fmt == 1:
        return f"{y}-{m:02d}-{d:02d}至{y}-{m:02d}-{e:02d}"
    return f"{y}年{m}月{d}日至{y}年{m}月{e}日"


def address(rng: random.Random, city: str | None = None) -> str:
    """A street address."""
    city = city or pick(rng, CITIES)
    road = pick(rng, ("人民路", "解放路", "科技大道", "文三路", "天府大道", "高新路", "长江路", "中山路", "建设路", "创新路"))
    return f"{city}市{pick(rng, DISTRICTS)}{road}{rng.randrange(1, 999)}号{rng.choice(('', 'A座', '科技园', '大厦'))}{rng.choice(('', str(rng.randrange(2, 30)) + '层'))}"


def credit_code(rng: random.Random) -> str:
    """An 18-character unified social credit code lookalike."""
    chars = "0123456789ABCDEFGHJKLMNPQRTUWXY"
    return "91" + str(rng.randrange(110000, 659999)) + "".join(pick(rng, chars) for _ in range(10))


# ---------------------------------------------------------------- amounts

def budget(rng: random.Random, cloud: bool) -> float:
    """A realistic budget in yuan."""
    scale = rng.choice((1e4, 1e5, 1e5, 1e6, 1e6, 1e7)) if cloud else rng.choice((1e4, 1e5, 1e5, 1e6, 1e7))
    return float(round(rng.uniform(1.0, 9.9) * scale, -2))


def price_for(rng: random.Random, label: str, budget_yuan: float) -> float:
    """The award amount a label implies for a given budget."""
    if label == "zero_price_bid":
        return rng.choice((0.0, 0.0, 0.0, 0.01, 0.01, 0.01, 1.0, 1.0, 0.1, 2.0, 5.0, 8.0, 0.5, 3.0))
    if label == "abnormally_low_bid":
        return round(budget_yuan * rng.uniform(0.03, 0.37), rng.choice((2, 0, -2)))
    return round(budget_yuan * rng.uniform(0.6, 0.995), rng.choice((2, 0, -2, -3)))


def others_for(rng: random.Random, label: str, budget_yuan: float, n: int, cloud: bool) -> list[tuple[str, float]]:
    """Losing bidders with their (normal) prices."""
    lo = 0.8 if label in ("zero_price_bid", "abnormally_low_bid") else 0.7
    return [(supplier(rng, cloud), round(budget_yuan * rng.uniform(lo, 0.999), rng.choice((2, 0, -2)))) for _ in range(n)]


_DIGITS = "零壹贰叁肆伍陆柒捌玖"
_SMALL = ("", "拾", "佰", "仟")
_BIG = ("", "万", "亿")


def _daxie_int(n: int) -> str:
    if n == 0:
        return ""
    digits = str(n)
    out: list[str] = []
    zero = False
    for i, ch in enumerate(digits):
        pos = len(digits) - 1 - i
        if ch == "0":
            zero = True
        else:
            if zero:
                out.append("零")
                zero = False
            out.append(_DIGITS[int(ch)] + _SMALL[pos % 4])
        if pos % 4 == 0 and pos > 0 and int(digits[max(0, i - 3):i + 1]) != 0:
            out.append(_BIG[pos // 4])
    return "".join(out)


def daxie(yuan: float) -> str:
    """Chinese capital numerals for a yuan amount: 壹拾万元整, 零元整, 壹分, 贰仟…元壹角玖分."""
    fen = round(yuan * 100)
    whole, jiao, cent = fen // 100, (fen // 10) % 10, fen % 10
    head = _daxie_int(whole)
    if not head and not jiao and not cent:
        return "零元整"
    text = head + "元" if head else ""
    if not jiao and not cent:
        return text + "整"
    if jiao:
        text += _DIGITS[jiao] + "角"
    elif head:
        text += "零"
    if cent:
        text += _DIGITS[cent] + "分"
    return text


def num(x: float, decimals: int | None = None) -> str:
    """A bare number: integral values without decimals unless `decimals` is given."""
    if decimals is not None:
        return f"{x:.{decimals}f}"
    if abs(x - round(x)) < 1e-9:
        return str(int(round(x)))
    return f"{x:.2f}".rstrip("0").rstrip(".")


def wan(x: float, decimals: int | None = None) -> str:
    """A yuan amount written in 万元 units (number only); `decimals` only where rounding keeps the value."""
    v = x / 10000
    if decimals is not None and abs(round(v, decimals) - v) <= 0.005 * v:
        return f"{v:.{decimals}f}"
    text = f"{v:.6f}".rstrip("0").rstrip(".")
    return text or "0"


def money(rng: random.Random, x: float) -> str:
    """A yuan amount with its unit, in one of the formats seen in real bulletins."""
    forms = [
        lambda: f"{num(x, 2)}元",
        lambda: f"{num(x)}元",
        lambda: f"￥{x:,.2f}元",
        lambda: f"¥{x:,.2f}",
        lambda: f"{wan(x)}万元",
        lambda: f"人民币{num(x, 2)}元",
        lambda: f"RMB{num(x, 2)}元",
        lambda: f"人民币{daxie(x)}（￥{num(x, 2)}元）",
        lambda: f"{daxie(x)}（¥{x:,.2f}）",
        lambda: f"{num(x, 2)}元（大写：{daxie(x)}）",
        lambda: f"大写：人民币{daxie(x)}，小写：￥{num(x, 2)}元",
        lambda: f"{num(x, 2)} 元",
        lambda: f"￥{wan(x, 6)} 万元（人民币）",
        lambda: f"人民币{daxie(x)}",
    ]
    if x < 10:
        forms += [lambda: f"{num(x)}元", lambda: f"{daxie(x)}", lambda: f"人民币{num(x, 2)}元"]
    return rng.choice(forms)()


def money_in(rng: random.Random, x: float, unit: str) -> str:
    """A bare number for a column or label whose unit is given in the header (元 or 万元)."""
    if unit == "万元":
        return wan(x, rng.choice((None, 2, 4, 6)))
    return rng.choice((num(x, 2), num(x), f"{x:,.2f}"))


def rate(rng: random.Random) -> tuple[str, str]:
    """A rate-type award: (label, value) such as (下浮率, 12.5%)."""
    kind = rng.choice(("下浮率", "费率", "折扣率", "优惠率", "成交下浮系数", "价格系数", "折扣系数"))
    if kind in ("下浮率", "优惠率", "成交下浮系数"):
        value = f"{rng.uniform(2, 35):.1f}{rng.choice(('%', '％'))}"
    elif kind == "费率":
        value = f"{rng.uniform(0.3, 4.5):.2f}%"
    else:
        value = f"{rng.uniform(80, 99.99):.2f}%"
    return kind, value
