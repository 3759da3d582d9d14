"""The article table: which pieces each seed holds, and what the print does not say.

The cleaning rules (fuling/ingest/rules.py) handle the text; this table holds
what a reader decides once per piece and no rule can: the slug, where the piece
starts, which printed lines are its headline, kicker and subtitle, the date
where none is printed (with the evidence), tags, a summary, and the paragraphs
that the page layout put into another piece's column (MOVES).
"""
from __future__ import annotations

from dataclasses import dataclass, field

HEAD_FIELDS = ("title", "kicker", "subtitle", "series", "banner")


@dataclass(frozen=True)
class PieceSpec:
    slug: str
    start: str  # the piece begins at the first line starting with this text
    head: tuple[tuple[str, str], ...]  # (front matter field, printed text), in printed order
    date: str
    summary: str
    tags: tuple[str, ...]
    place: str = "涪陵区"
    date_basis: str = ""
    publication: str = ""  # where the text names none for this piece


@dataclass(frozen=True)
class Move:
    """A printed line that belongs to another piece: appended to `slug`, in table order."""

    opening: str  # the line starts with this text
    slug: str
    why: str


@dataclass(frozen=True)
class SeedSpec:
    pieces: tuple[PieceSpec, ...]
    moves: tuple[Move, ...] = field(default_factory=tuple)


_BASIS_000 = "无印刷日期；文中“去年”为2021年（“2021年全区万元GDP能耗预计同比下降5%左右，截至去年底…”），开篇“早春时节”，故取2022年早春"
_BASIS_001 = "无印刷日期；“2024全国两会特别报道”，文中“2月29日”为最近日期，两会于2024年3月5日开幕"
_BASIS_002 = "无印刷日期；最新数据为“1月-9月”，“9月21日成立的慧谷湖科创实验班”，“2022年第八届…”“2022年33家科技型企业…”，以“党的十八大以来”回顾，故取2022年10月中旬（党的二十大10月16日开幕前）"
_BASIS_003 = "无印刷日期；同版短讯日期为9月17日至9月19日（“9月19日，记者从西部(重庆)科学城获悉”），主稿“截至2021年底”“今年1—8月”“市第六次党代会精神”，故为2022年9月19日后一日"
_BASIS_004 = "无印刷日期；涪陵区政协“10月20日”召开大会后摘登论文；最新数据为2020年，“站在“十四五”新起点上”“在能耗“双控”背景下”，故为2021年10月下旬"

SEEDS: dict[str, SeedSpec] = {
    "000_97d5d91bcd0bf5e6.txt": SeedSpec(
        pieces=(
            PieceSpec(
                slug="three-changes",
                start="笃行不怠建新功",
                head=(
                    ("title", "笃行不怠建新功"),
                    ("kicker", "涪陵"),
                    ("subtitle", "坚持『绿色+』转型方向 强化『科创+』赋能动力 『三个转变』跑出高质量发展加速度"),
                ),
                date="2022-03-01",
                date_basis=_BASIS_000,
                summary="涪陵以“科创+”“绿色+”推动制造业高端化、智能化、绿色化，去年规上工业产值首次突破2000亿元，实现发展理念、结构、动力“三个转变”。",
                tags=("industry", "materials", "innovation", "green"),
            ),
            PieceSpec(
                slug="smart-green-life",
                start="数据看发展",
                head=(("title", "数据看发展 智慧绿色成就高品质生活"),),
                date="2022-03-01",
                date_basis=_BASIS_000 + "；本文为同版数据栏",
                summary="涪陵在交通、城市、生态三方面的数据：新能源公交、智慧城管与停车、水和空气质量及污染防治。",
                tags=("smart", "green"),
            ),
        ),
        moves=(
            Move("规划建设中的涪陵慧谷湖科创小镇", "three-changes",
                 "这张图片的说明印在数据栏之后，所配的是主稿写到的慧谷湖科创小镇"),
        ),
    ),
    "001_44687d2a1dd545a8.txt": SeedSpec(
        pieces=(
            PieceSpec(
                slug="new-productive-forces",
                start="3万亿后再出发",
                head=(
                    ("series", "3万亿后再出发"),
                    ("kicker", "2024全国两会特别报道"),
                    ("banner", "两江福地 神奇涪陵 产业强区 创新高地 报告封面"),
                    ("subtitle", "积蓄新优势 催生新动能 探索新模式"),
                    ("title", "涪陵 加快形成新质生产力"),
                ),
                date="2024-03-05",
                date_basis=_BASIS_001,
                summary="涪陵去年规上工业产值2471亿元，以现代产业、传统产业技改和科技创新三条路径加快形成新质生产力，并提出2024年工业发展目标。",
                tags=("industry", "materials", "innovation", "smart", "green"),
            ),
        ),
    ),
    "002_8304e4769714f30a.txt": SeedSpec(
        pieces=(
            PieceSpec(
                slug="innovation-system",
                start="科技是国家强盛之基",
                head=(
                    ("title", "科创有质量 产业更兴旺"),
                    ("subtitle", "涪陵 着力构建“1+2+3”产业科创体系"),
                ),
                date="2022-10-15",
                date_basis=_BASIS_002,
                summary="涪陵着力构建“1+2+3”产业科创体系：以涪陵高新区为引擎，以白涛新材料科技城和慧谷湖科创小镇为载体，聚焦绿色低碳、生命健康、智能科技三个方向。",
                tags=("innovation", "materials", "industry"),
            ),
        ),
    ),
    "003_2c562a0b38f46b2a.txt": SeedSpec(
        pieces=(
            PieceSpec(
                slug="green-manufacturing",
                start="“科创+”“绿色+”推动涪陵制造业高质量发展",
                head=(
                    ("kicker", "“科创+”“绿色+”推动涪陵制造业高质量发展"),
                    ("title", "含新量+含绿量=含金量"),
                ),
                date="2022-09-20",
                date_basis=_BASIS_003,
                summary="涪陵以“科创+”“绿色+”双轮驱动制造业转型：新材料企业加大研发，化工企业节能改造、综合利用磷石膏，今年1—8月规上工业产值1536.98亿元。",
                tags=("industry", "materials", "green", "innovation"),
            ),
            PieceSpec(
                slug="science-city-tech-firms",
                start="西部(重庆)科学城核心区科技型企业超1300家",
                head=(("title", "西部(重庆)科学城核心区科技型企业超1300家"),),
                place="西部(重庆)科学城",
                date="2022-09-20",
                date_basis=_BASIS_003,
                summary="截至8月底，西部(重庆)科学城核心区科技型企业达1339家，科学城以梯度培育和引才平台支持企业与青年创业。",
                tags=("innovation",),
            ),
            PieceSpec(
                slug="yongchuan-harmonyos-aiot",
                start="全国首个鸿蒙5G-AIOT在永川投入教学化运用",
                head=(("title", "全国首个鸿蒙5G-AIOT在永川投入教学化运用"),),
                place="永川区",
                date="2022-09-20",
                date_basis=_BASIS_003,
                summary="全国首个鸿蒙5G-AIOT实训套件及实验平台在永川的重庆智能工程职业学院投入教学使用。",
                tags=("smart",),
            ),
            PieceSpec(
                slug="liangping-lily",
                start="梁平百合产业带动群众增收",
                head=(("title", "梁平百合产业带动群众增收"),),
                place="梁平区",
                date="2022-09-20",
                date_basis=_BASIS_003,
                summary="梁平区蟠龙镇老林村2021年引进百合产业，今年首次丰收，带动村民务工增收。",
                tags=("zhacai",),
            ),
            PieceSpec(
                slug="qianjiang-park",
                start="黔江公园秋景“醉”游人",
                head=(("title", "黔江公园秋景“醉”游人"),),
                place="黔江区",
                date="2022-09-20",
                date_basis=_BASIS_003,
                summary="9月18日，市民在黔江区新城一公园休憩游玩；黔江区近年利用闲置空间建设公园绿地。",
                tags=("green",),
            ),
            PieceSpec(
                slug="nanan-fish-nest-bricks",
                start="江边“空心石块”固河床护生态",
                head=(("title", "江边“空心石块”固河床护生态"),),
                place="南岸区",
                date="2022-09-20",
                date_basis=_BASIS_003,
                summary="9月17日南岸区南滨路江滩露出的“空心石块”是生态鱼巢砖，用于保护河床和水生动物栖息。",
                tags=("green",),
            ),
            PieceSpec(
                slug="wansheng-social-security",
                start="万盛经开区：社保服务跑出惠企便民“加速度”",
                head=(("title", "万盛经开区：社保服务跑出惠企便民“加速度”"),),
                place="万盛经开区",
                date="2022-09-20",
                date_basis=_BASIS_003,
                summary="万盛经开区社保中心推行“掌上办”“就近办”“一窗办”，让企业和群众办理社保业务更便捷。",
                tags=("smart",),
            ),
        ),
    ),
    "004_9415d643239be4de.txt": SeedSpec(
        pieces=(
            PieceSpec(
                slug="cppcc-papers",
                start="# 走好",
                head=(("title", "走好“科创+”“绿色+”高质量发展之路"),),
                date="2021-10-27",
                date_basis=_BASIS_004,
                summary="10月20日涪陵区政协召开推动高质量发展理论研究成果交流暨建言资政大会，本版摘登部分优秀论文。",
                tags=("industry", "innovation", "green"),
            ),
            PieceSpec(
                slug="strategic-pivot-city",
                start="## 探索建设成渝地区双城经济圈重要战略支点城市",
                head=(("title", "探索建设成渝地区双城经济圈重要战略支点城市"),),
                date="2021-10-27",
                date_basis=_BASIS_004,
                summary="作者分析涪陵建设成渝地区双城经济圈重要战略支点城市的优势与短板，提出强化联通、支撑、融合、撬动、辐射五项功能。",
                tags=("industry",),
            ),
            PieceSpec(
                slug="smart-manufacturing",
                start="## 让工业制造如期而“智”",
                head=(("title", "让工业制造如期而“智”"),),
                date="2021-10-27",
                date_basis=_BASIS_004,
                summary="作者提出涪陵以“换”“增”“联”“融”“引”五大行动推进智能工厂建设，实现从“制造”到“智造”。",
                tags=("smart", "industry"),
            ),
            PieceSpec(
                slug="investment-promotion",
                start="## 以“懂你”招商助推高质量发展",
                head=(("title", "以“懂你”招商助推高质量发展"),),
                date="2021-10-27",
                date_basis=_BASIS_004,
                summary="作者主张以“懂你”的思维、逻辑和标准明确招商方向、选准项目、打造投资洼地。",
                tags=("industry",),
            ),
            PieceSpec(
                slug="zhacai-highland",
                start="## 打造中国榨菜产业高地",
                head=(("title", "打造中国榨菜产业高地"),),
                date="2021-10-27",
                date_basis=_BASIS_004,
                summary="作者分析涪陵榨菜产业的短板，提出力争2030年涪陵榨菜产值500亿元、打造中国榨菜产业高地的对策。",
                tags=("zhacai",),
            ),
            PieceSpec(
                slug="energy-carbon-peak",
                start="## 能耗精控助力工业碳达峰碳中和",
                head=(("title", "能耗精控助力工业碳达峰碳中和"),),
                date="2021-10-27",
                date_basis=_BASIS_004,
                summary="作者分析涪陵工业能耗问题，从专项节能行动、产业结构调整和支持体系三方面提出实现碳达峰碳中和的对策。",
                tags=("green", "industry"),
            ),
            PieceSpec(
                slug="city-intelligent-agent",
                start="## 用智能体赋予城市生命",
                head=(("title", "用智能体赋予城市生命"),),
                date="2021-10-27",
                date_basis=_BASIS_004,
                summary="作者提出以“135”架构建设涪陵城市智能体，夯实基础设施、健全三大支撑体系、创新五类智能应用。",
                tags=("smart",),
            ),
        ),
        moves=(
            # 任杰's piece lists five functions, 强化联通/支撑/融合/撬动/辐射功能, each
            # "…融入成渝地区双城经济圈"; the last four and his author note were printed
            # after 彭国栋's piece broke off.
            Move("强化支撑功能", "strategic-pivot-city", "续“强化联通功能”，同为“高X融入成渝地区双城经济圈”五项功能之一"),
            Move("强化融合功能", "strategic-pivot-city", "同上"),
            Move("强化撬动功能", "strategic-pivot-city", "同上"),
            Move("强化辐射功能", "strategic-pivot-city", "同上"),
            Move("(作者系涪陵区发展和改革委员会课题组成员)", "strategic-pivot-city", "紧随五项功能之后，发改委课题组"),
            # 甘立磊's "五大行动" (立足“换”… then 着力“增”/协同“联”/找准“融”/全面“引”).
            Move("着力“增”", "smart-manufacturing", "续“立足“换”，实施智能技改提升行动”，同为“五大行动”之一"),
            Move("协同“联”", "smart-manufacturing", "同上"),
            Move("找准“融”", "smart-manufacturing", "同上"),
            Move("全面“引”", "smart-manufacturing", "同上"),
            Move("(作者系涪陵区政府办公室副主任)", "smart-manufacturing", "紧随“五大行动”之后"),
        ),
    ),
}
