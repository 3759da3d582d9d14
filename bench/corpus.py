"""Synthetic corpora shaped like the real content: for the benchmark only.

`make_corpus(dest, n, repo)` writes a project folder with `content/` (site,
metrics, six themes, four charts, n articles of about 3 KB of Chinese text
with ` {#pN}` anchors and figures, one fact file per article whose quotes are
found in its text) and a copy of the repository's `templates/`.
`make_pelican_project(dest, corpus)` writes the same articles as Pelican
Markdown with a settings file. Deterministic: the same n gives the same bytes.
"""
from __future__ import annotations

import datetime as dt
import random
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import yaml

THEMES = [
    ("industry", "工业产值与结构", "Industry"),
    ("materials", "新材料与产业集群", "New materials"),
    ("green", "绿色制造、能源与生态环境", "Green manufacturing"),
    ("innovation", "科技创新", "Innovation"),
    ("smart", "智能制造与数字城市", "Smart manufacturing"),
    ("zhacai", "榨菜与农业", "Zhacai and farming"),
]

# key, label, label_en, unit, theme, measure
METRICS = [
    ("industrial_output", "规上工业产值", "Industrial output", "亿元", "industry", "level"),
    ("industrial_value_added_growth", "规上工业增加值增速", "Growth of industrial value added", "%", "industry", "growth"),
    ("materials_output", "新材料产业产值", "New materials output", "亿元", "materials", "level"),
    ("cluster_firms", "产业集群企业数", "Firms in the cluster", "家", "materials", "level"),
    ("green_factories", "绿色工厂", "Green factories", "家", "green", "level"),
    ("energy_intensity_drop", "万元GDP能耗下降", "Fall in energy use per 10,000 yuan of GDP", "%", "green", "growth"),
    ("rd_investment", "研发投入", "R&D investment", "亿元", "innovation", "level"),
    ("high_tech_firms", "高新技术企业", "High-tech firms", "家", "innovation", "level"),
    ("smart_factories", "智能工厂", "Smart factories", "个", "smart", "level"),
    ("digital_workshops", "数字化车间", "Digital workshops", "个", "smart", "level"),
    ("zhacai_output", "榨菜产业产值", "Zhacai output", "亿元", "zhacai", "level"),
    ("zhacai_farmers", "带动菜农", "Farmers in zhacai", "万户", "zhacai", "level"),
]

# How each metric reads in a sentence: {s} subject, {v} value (as printed), {u} unit.
PHRASES = {
    "industrial_output": "{s}完成规上工业产值{v}{u}",
    "industrial_value_added_growth": "{s}规上工业增加值增长{v}{u}",
    "materials_output": "{s}新材料产业产值达到{v}{u}",
    "cluster_firms": "{s}集聚上下游企业{v}{u}",
    "green_factories": "{s}累计创建国家级绿色工厂{v}{u}",
    "energy_intensity_drop": "{s}万元GDP能耗下降{v}{u}",
    "rd_investment": "{s}全社会研发投入{v}{u}",
    "high_tech_firms": "{s}有效期内高新技术企业{v}{u}",
    "smart_factories": "{s}建成智能工厂{v}{u}",
    "digital_workshops": "{s}认定数字化车间{v}{u}",
    "zhacai_output": "{s}榨菜产业综合产值{v}{u}",
    "zhacai_farmers": "{s}带动菜农{v}{u}",
}

# Metrics the four charts draw for the district; the first eight articles carry one yearly figure each.
CHARTS = [
    ("industrial-output", "涪陵规上工业产值", "Industrial output of Fuling", "industry", "bar", "industrial_output"),
    ("green-factories", "涪陵国家级绿色工厂", "National green factories in Fuling", "green", "bar", "green_factories"),
    ("rd-investment", "涪陵全社会研发投入", "R&D investment in Fuling", "innovation", "line", "rd_investment"),
    ("high-tech-firms", "涪陵高新技术企业", "High-tech firms in Fuling", "innovation", "line", "high_tech_firms"),
]
DISTRICT_ARTICLES = 8
FACTS_PER_ARTICLE = 7  # each article's figures (_article); the first DISTRICT_ARTICLES add one per chart

FILLER = [
    "早春时节，涪陵大地生机勃勃，高质量发展热潮汹涌澎湃",
    "工业是涪陵的立区之本、强区之基，是涪陵发展的“根”和“魂”",
    "走进园区生产现场，一条条自动化生产线正在满负荷运转",
    "据区经济信息委相关负责人介绍，全区正加快推动制造业高端化、智能化、绿色化",
    "产业项目的工地上，建设的热潮如火如荼，一张张新订单为发展写下生动注脚",
    "企业负责人表示，今年将继续加大技术改造力度，提升产品附加值",
    "围绕延链补链强链，园区着力引进和培育代表新经济的大项目、好项目",
    "长江岸线生态修复持续推进，江水清澈，两岸绿意盎然",
    "科技创新平台加快建设，一批关键核心技术取得突破",
    "榨菜产业由传统种植向精深加工转变，带动群众稳定增收",
    "数字技术与实体经济深度融合，为传统产业注入新动能",
    "发展向“新”而行，产业向“高”攀登，涪陵正在展现蓬勃的跨越活力",
    "园区持续优化营商环境，推行项目审批“一窗通办”，企业办事更加便捷",
    "一批重点项目竣工投产，为稳定工业经济增长提供了有力支撑",
    "当地坚持生态优先、绿色发展，推进能源结构和产业结构调整",
    "人才是第一资源，全区出台系列政策吸引高层次人才落户",
]
HEADINGS = [
    "结构之变 以“补链”促“强群” 新兴产业成为现代产业强支撑",
    "动力之变 以“创新”促“转型” 科技赋能激发发展新活力",
    "理念之变 以“绿色”促“发展” 生态优先走出转型新路子",
    "数字之变 以“智造”促“升级” 传统产业焕发新生机",
]
SURNAMES = "赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦许何吕施张孔曹严华金魏陶姜"
GIVEN = "童玉珮楠杰飞磊栋影叶海林峰华明军平静涛勇丽"
PARKS = ["白涛新材料科技城", "李渡工业园", "龙桥工业园", "涪陵高新区", "清溪园区", "珍溪镇"]


@dataclass
class ArticleSpec:
    slug: str
    title: str
    date: dt.date
    tags: list[str]
    blocks: list[tuple[str, str, str]] = field(default_factory=list)  # (anchor, kind, text)
    facts: list[dict] = field(default_factory=list)


def _number(rng: random.Random, unit: str) -> float | int:
    if unit == "%":
        return round(rng.uniform(1, 30), 1)
    if unit == "亿元":
        value = round(rng.uniform(5, 900), 1)
        return int(value) if value == int(value) else value
    return rng.randint(3, 400)


def _printed(value: float | int) -> str:
    return str(value)


def _filler(rng: random.Random, count: int) -> str:
    return "，".join(rng.sample(FILLER, count)) + "。"


def _article(i: int) -> ArticleSpec:
    rng = random.Random(i)
    slug = f"report-{i:04d}"
    date = dt.date(2024, 1, 1) + dt.timedelta(days=i % 330)
    tags = rng.sample([t[0] for t in THEMES], 2)
    park = PARKS[i % len(PARKS)]
    subject = f"{park}第{i + 1}号企业"
    art = ArticleSpec(slug=slug, title=f"{park}跑出高质量发展加速度（{i + 1}）", date=date, tags=tags)
    anchor = 0

    def add(kind: str, text: str) -> str:
        nonlocal anchor
        anchor += 1
        art.blocks.append((f"p{anchor}", kind, text))
        return f"p{anchor}"

    def fact(metric: str, subj: str, value, period: str, kind: str, sentence: str, para: str) -> None:
        unit = next(m[3] for m in METRICS if m[0] == metric)
        measure = next(m[5] for m in METRICS if m[0] == metric)
        art.facts.append({
            "id": f"{'district' if subj == '涪陵区' else slug}-{metric.replace('_', '-')}-{kind}-{period}",
            "metric": metric,
            "subject": subj,
            "value": value,
            "unit": unit,
            "period": period,
            "kind": kind,
            "measure": measure,
            "source": {"article": slug, "quote": sentence, "paragraph": para},
            "reviewed": True,  # a site's published facts: proposals waiting for review are not built
        })

    def figure_sentence(metric: str, subj: str, value, lead: str) -> str:
        unit = next(m[3] for m in METRICS if m[0] == metric)
        return lead + PHRASES[metric].format(s=subj, v=_printed(value), u=unit)

    add("p", _filler(rng, 3))
    metrics = rng.sample(METRICS, FACTS_PER_ARTICLE)
    heading_at = {2: HEADINGS[i % 4], 5: HEADINGS[(i + 1) % 4]}
    for n, metric in enumerate(metrics):
        if n in heading_at:
            add("h2", heading_at[n])
        value = _number(rng, metric[3])
        kind, period, lead = ("target", "2025", "到2025年，") if n == 6 else ("actual", "2023", "去年，")
        sentence = figure_sentence(metric[0], subject, value, lead)
        text = f"{_filler(rng, 1)}{sentence}，{_filler(rng, 1)}"
        para = add("li" if n == 4 else "p", text)
        fact(metric[0], subject, value, period, kind, sentence, para)
    if i < DISTRICT_ARTICLES:
        # District-wide yearly figures: the charts select these, one year per article.
        year = str(2016 + i)
        for _, _, _, _, _, metric in CHARTS:
            value = _number(rng, next(m[3] for m in METRICS if m[0] == metric))
            sentence = figure_sentence(metric, "涪陵区", value, f"{year}年，")
            para = add("p", f"{sentence}。{_filler(rng, 1)}")
            fact(metric, "涪陵区", value, year, "actual", sentence, para)
    while sum(len(t.encode()) for _, _, t in art.blocks) < 2500:
        add("p", _filler(rng, 3))
    return art


def _dump(data) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)


def article_text(art: ArticleSpec) -> str:
    front = {
        "title": art.title,
        "slug": art.slug,
        "kicker": "涪陵",
        "subtitle": "坚持『绿色+』转型方向 强化『科创+』赋能动力",
        "date": art.date.isoformat(),
        "date_basis": "",
        "publication": "涪陵日报",
        "authors": [SURNAMES[art.date.toordinal() % len(SURNAMES)] + GIVEN[len(art.slug) % len(GIVEN)]],
        "place": "涪陵区",
        "seed": "000_97d5d91bcd0bf5e6.txt",
        "summary": art.blocks[0][2][:40],
        "tags": art.tags,
    }
    prefix = {"h2": "## ", "li": "- "}
    body = "\n\n".join(f"{prefix.get(kind, '')}{text} {{#{anchor}}}" for anchor, kind, text in art.blocks)
    return f"---\n{_dump(front).strip()}\n---\n\n{body}\n"


def articles_for_facts(facts: int) -> int:
    """The fewest articles whose corpus holds at least `facts` fact records."""
    n = 0
    while FACTS_PER_ARTICLE * n + min(n, DISTRICT_ARTICLES) * len(CHARTS) < facts:
        n += 1
    return n


def make_corpus(dest: Path, n: int, repo: Path) -> list[ArticleSpec]:
    """Write a project with n synthetic articles under dest; return the articles."""
    content = dest / "content"
    for sub in ("articles", "facts", "themes", "charts"):
        (content / sub).mkdir(parents=True, exist_ok=True)
    articles = [_article(i) for i in range(n)]
    district = [f for a in articles[:DISTRICT_ARTICLES] for f in a.facts if f["subject"] == "涪陵区"]
    site = yaml.safe_load((repo / "content" / "site.yaml").read_text(encoding="utf-8"))
    site["headline_facts"] = [f["id"] for f in district[:3]]
    (content / "site.yaml").write_text(_dump(site), encoding="utf-8")
    metrics = [
        {"key": key, "label": label, "label_en": label_en, "unit": unit, "theme": theme,
         "definition": f"{label}（合成基准数据）", "definition_en": f"{label_en} (synthetic benchmark data)"}
        for key, label, label_en, unit, theme, _ in METRICS
    ]
    (content / "metrics.yaml").write_text(_dump(metrics), encoding="utf-8")
    first_output = next(f for f in district if f["metric"] == "industrial_output")
    for order, (slug, title, title_en) in enumerate(THEMES, start=1):
        front = {
            "title": title, "title_en": title_en, "summary": f"{title}的主要数字",
            "order": order,
            "charts": [c[0] for c in CHARTS if c[3] == slug],
            "metrics": [m[0] for m in METRICS if m[4] == slug],
        }
        body = f"{title}是涪陵高质量发展的重要支撑。"
        if slug == "industry":
            v = _printed(first_output["value"])
            body += f"{first_output['period']}年，全区规上工业产值[{v}亿元](fact:{first_output['id']})。"
        (content / "themes" / f"{slug}.md").write_text(f"---\n{_dump(front).strip()}\n---\n\n{body}\n", encoding="utf-8")
    for chart_id, title, title_en, theme, kind, metric in CHARTS:
        unit = next(m[3] for m in METRICS if m[0] == metric)
        spec = {
            "title": title, "title_en": title_en, "subtitle": unit, "theme": theme, "type": kind,
            "x_title": "年份", "y_title": unit, "y_title_en": unit,
            "series": [{"name": "实际", "name_en": "Actual", "style": "actual",
                        "select": {"metric": metric, "subject": "涪陵区", "kind": "actual"}}],
            "notes": ["合成基准数据。"], "notes_en": ["Synthetic benchmark data."],
        }
        (content / "charts" / f"{chart_id}.yaml").write_text(_dump(spec), encoding="utf-8")
    for art in articles:
        (content / "articles" / f"{art.slug}.md").write_text(article_text(art), encoding="utf-8")
        (content / "facts" / f"{art.slug}.yaml").write_text(_dump(art.facts), encoding="utf-8")
    if (repo / "templates").is_dir():
        shutil.copytree(repo / "templates", dest / "templates", dirs_exist_ok=True)
    bundle = repo / "node_modules" / ".fuling"
    if bundle.is_dir():  # the site ships this plotly.js build when npm installed it; so does the benchmark
        (dest / "node_modules").mkdir(exist_ok=True)
        (dest / "node_modules" / bundle.name).symlink_to(bundle.resolve(), target_is_directory=True)
    return articles


ANCHOR_RE = re.compile(r"\s*\{#[a-z][a-z0-9-]*\}\s*$")

PELICAN_CONF = """\
AUTHOR = "涪陵数据编辑部"
SITENAME = "涪陵数据"
SITEURL = ""
PATH = "content"
OUTPUT_PATH = "output"
TIMEZONE = "Asia/Shanghai"
DEFAULT_LANG = "zh"
RELATIVE_URLS = True
ARTICLE_URL = "articles/{slug}/"
ARTICLE_SAVE_AS = "articles/{slug}/index.html"
CACHE_CONTENT = True
LOAD_CONTENT_CACHE = True
CACHE_PATH = "cache"
CHECK_MODIFIED_METHOD = "mtime"
"""


def pelican_text(art: ArticleSpec) -> str:
    """The same article as Pelican Markdown: metadata lines, then the body without anchors."""
    prefix = {"h2": "## ", "li": "- "}
    body = "\n\n".join(f"{prefix.get(kind, '')}{text}" for _, kind, text in art.blocks)
    return (
        f"Title: {art.title}\nDate: {art.date.isoformat()}\nSlug: {art.slug}\n"
        f"Category: {art.tags[0]}\nTags: {', '.join(art.tags)}\n\n{body}\n"
    )


def make_pelican_project(dest: Path, articles: list[ArticleSpec]) -> None:
    (dest / "content").mkdir(parents=True, exist_ok=True)
    (dest / "pelicanconf.py").write_text(PELICAN_CONF, encoding="utf-8")
    for art in articles:
        (dest / "content" / f"{art.slug}.md").write_text(pelican_text(art), encoding="utf-8")
