"""Cleaning rules for seed text: what one printed line is, and when lines join.

Each rule is a small function with a docstring that states it; tests/test_ingest.py
tries every rule on examples taken from the seeds.
"""
from __future__ import annotations

import re

# Characters that end a sentence, possibly followed by closing quotes or brackets.
SENTENCE_END = "。！？!?…"
CLOSERS = "”’」』）)》】"
# Punctuation that only appears inside sentences, never in a printed label.
SENTENCE_PUNCT = "，,。；;！？!?"
COMMAS = "，,"
LABEL_MAX = 32  # longest headline, heading or caption in the seeds is 30 characters
COMMA_HEADING_MAX = 24  # comma headings run 19-22 characters; cut-off sentence starts run to a full 32-character line

# What a photo shows: captions name a place or a thing, and end with such a noun.
PHOTO_SUBJECT_ENDINGS = ("车间", "效果图", "中心", "产业园", "控制室", "装备", "小镇", "高新区")

CREDIT_RE = re.compile(r"^(图片.*提供|.{2,24}\s+\S{2,4}\s+摄)$")
CAPTION_WITH_CREDIT_RE = re.compile(r"^(?P<text>.+?)\s*(?P<credit>[(（][^()（）]*供图[)）])$")
BOX_BYLINE_RE = re.compile(r"^□\s*(?:(?P<outlet>\S*?)(?:首席)?记者\s+)?(?P<names>\S.*)$")
REPRINT_RE = re.compile(r"^据《(?P<outlet>[^》]+)》$")
PHOTO_CREDIT_RE = re.compile(r"^(?P<outlet>\S+?)(?:首席)?记者\s+(?P<names>.+?)\s+摄$")
AUTHOR_NOTE_RE = re.compile(r"^[(（]作者系.+[)）]$")
NAME_RE = re.compile(r"^[\u4e00-\u9fff]{2,3}$")
# `（记者 叶知秋）`, `(记者 钟一鸣 通讯员 向帆)`: a byline printed in brackets, on its own line.
BRACKETED_BYLINE_RE = re.compile(r"^[(（]\s*(?P<inner>(?:本报|首席|特约|见习)?(?:记者|通讯员|实习生)[^()（）。，]{2,36})[)）]$")
# `记者 蒲星宇`, `本报记者 陈静 通讯员 李想`: a byline line without the box.
REPORTER_LINE_RE = re.compile(r"^(?:本报)?(?:首席|特约|见习)?记者\s*(?P<names>[\u4e00-\u9fff]{2,4}(?:\s+(?:通讯员\s*)?[\u4e00-\u9fff]{2,4})*)$")
ROLE_RE = re.compile(r"^(?:(?:本报|本台|本网)?(?:首席|特约|见习|实习)?(?:摄影记者|记者|記者|通讯员|通訊員|实习生|實習生|摄影|攝影)[:：]?"
                     r"|(?:文/图|文|图|圖)[:：/])")
PERSON_RE = re.compile(r"^[\u4e00-\u9fff]{2,4}$")
# `图为长城汽车永川生产基地总装车间。记者 刘川 摄`: a caption printed with its photographer.
PHOTO_CAPTION_RE = re.compile(r"^(?P<text>[图圖][为為].+?[。.])\s*(?P<credit>\S*(?:记者|記者|通讯员|通訊員)\s*\S.{0,20}\s*[摄攝])$")
MD_HEADING_RE = re.compile(r"^(#{1,3})\s+(.*)$")
LIST_ITEM_RE = re.compile(r"^-\s+(.*)$")


def ends_sentence(text: str) -> bool:
    """A line ends a sentence when its last character, closing quotes and
    brackets aside, is 。！？!? or …; anything else (including ，、：) means the
    line was cut by a page or column break and continues on the next line."""
    stripped = text.rstrip().rstrip(CLOSERS)
    return bool(stripped) and stripped[-1] in SENTENCE_END


def is_credit(text: str) -> bool:
    """A picture credit: `图片…提供` or `<outlet>记者 <name> 摄`."""
    return bool(CREDIT_RE.match(text))


def split_caption_with_credit(text: str) -> tuple[str, str] | None:
    """A caption printed with its credit in brackets, `…产业园。(涪陵区委宣传部供图)`."""
    match = CAPTION_WITH_CREDIT_RE.match(text)
    return (match.group("text"), match.group("credit")) if match else None


def is_author_note(text: str) -> bool:
    """The op-ed author note `(作者系…)`, in half- or full-width brackets."""
    return bool(AUTHOR_NOTE_RE.match(text))


def is_name_list(text: str) -> bool:
    """A bare byline: two or more space-separated personal names of 2-3 Han
    characters (`赵童 刘玉珮 董楠`). Headings have longer parts or punctuation."""
    parts = text.split()
    return len(parts) >= 2 and all(NAME_RE.match(p) and ROLE_RE.sub("", p) == p for p in parts)


def parse_byline(text: str) -> tuple[list[str], str] | None:
    """(authors, publication) from a byline line, or None when it is not one.

    `□ 重庆日报记者 左黎韵` -> ([左黎韵], 重庆日报); `□任杰` -> ([任杰], "");
    `据《重庆日报》` -> ([], 重庆日报); `赵童 刘玉珮 董楠` -> ([赵童, 刘玉珮, 董楠], "")."""
    if match := BOX_BYLINE_RE.match(text):
        return match.group("names").split(), match.group("outlet") or ""
    if match := REPRINT_RE.match(text):
        return [], match.group("outlet")
    if is_name_list(text):
        return text.split(), ""
    if match := BRACKETED_BYLINE_RE.match(text):
        return byline_names(match.group("inner")), ""
    if REPORTER_LINE_RE.match(text):
        return byline_names(text), ""
    return None


def byline_names(byline: str) -> list[str]:
    """The people of a byline: `记者 钟一鸣 田小禾 通讯员 向帆` -> [钟一鸣, 田小禾, 向帆]."""
    names = []
    for token in re.split(r"[\s、,，/]+", byline.strip("()（） ")):
        token = ROLE_RE.sub("", token)
        if PERSON_RE.match(token):
            names.append(token)
    return names


def is_bracketed_byline(text: str) -> bool:
    """`（记者 叶知秋）` or `(记者 钟一鸣 通讯员 向帆)` on a line of its own."""
    return bool(BRACKETED_BYLINE_RE.match(text))


def byline_as_printed(text: str) -> str:
    """The byline for front matter: as printed, without enclosing brackets
    (`（记者 叶知秋）` -> `记者 叶知秋`; `□ 重庆日报记者 左黎韵` stays as it is)."""
    if text[:1] in "(（" and text[-1:] in ")）":
        return text[1:-1].strip()
    return text


def split_photo_caption(text: str) -> tuple[str, str] | None:
    """(caption, credit) of `图为长城汽车永川生产基地总装车间。记者 刘川 摄`,
    in either script (`圖為…。記者 劉念 攝`)."""
    match = PHOTO_CAPTION_RE.match(text)
    return (match.group("text"), match.group("credit")) if match else None


def parse_photo_credit(text: str) -> tuple[list[str], str]:
    """(photographers, outlet) from `武陵都市报首席记者 杨敏 摄`; ([], "") for `图片由…提供`."""
    if match := PHOTO_CREDIT_RE.match(text):
        return match.group("names").split(), match.group("outlet")
    return [], ""


def is_label(text: str) -> bool:
    """A printed label (headline, heading or caption): short, no sentence
    punctuation at all, and not ending a sentence. The enumeration comma 、
    counts as sentence punctuation here: `加快绿色设计产品、绿色工厂、绿色园区、
    绿色产业供` is a sentence cut by a column break, not a heading."""
    return (
        len(text) <= LABEL_MAX
        and not ends_sentence(text)
        and not any(ch in SENTENCE_PUNCT + "、" for ch in text)
    )


def ends_block(text: str) -> bool:
    """A paragraph is complete when it ends a sentence or ends with a colon
    that introduces the heading or list after it (`…提出以下对策建议:`)."""
    return ends_sentence(text) or text.rstrip().endswith(("：", ":"))


def is_comma_label(text: str) -> bool:
    """A short line (at most 24 characters) with one comma, no colon and no
    sentence end, such as the heading `增强“含新量”，为产业发展注入科技创新新动力`
    — or the first half of a sentence split around a heading
    (`以创新为第一生产力，华峰勇闯技术`); which one it is depends on what follows
    (see `comma_label_is_heading`). Longer such lines, like
    `在涪陵慧谷湖科创小镇，涪陵页岩气与新能源科创产业园前期筹划正紧张`, are
    sentences cut by a page break."""
    return (
        len(text) <= COMMA_HEADING_MAX
        and "：" not in text
        and ":" not in text
        and not ends_sentence(text)
        and sum(text.count(c) for c in COMMAS) == 1
        and not any(ch in "。；;！？!?" for ch in text)
    )


def comma_label_is_heading(next_is_heading: bool) -> bool:
    """A comma label followed by a paragraph is a heading. Followed by another
    heading it is the start of a sentence that the layout split around that
    heading: headings never stand back to back in these reports."""
    return not next_is_heading


def is_two_part_heading(text: str) -> bool:
    """Section headings are printed as two phrases separated by a space:
    `结构之变 以“补链”促“强群” 新兴产业成为现代产业强支撑`, `制造焕新 传统产业勃发新动能`."""
    return len(text.split()) >= 2


def label_is_caption(text: str, blank_lines_before: int) -> bool:
    """A label is a photo caption, not a heading, when it is set off by two or
    more blank lines (photos sit in their own frame; headings follow the text
    after one blank line) or when it names a photographed thing
    (`…生产车间`, `…效果图`, `…中心`, `…产业园`, `…控制室`, `…装备`, `…小镇`, `…高新区`).
    Two-part headings are headings whatever their surroundings."""
    if is_two_part_heading(text):
        return False
    return blank_lines_before >= 2 or text.endswith(PHOTO_SUBJECT_ENDINGS)


def markdown_heading(text: str) -> tuple[int, str] | None:
    """(level, text) for a line printed with Markdown `#` marks (seed 004)."""
    match = MD_HEADING_RE.match(text)
    return (len(match.group(1)), match.group(2).strip()) if match else None


def list_item(text: str) -> str | None:
    """The text of a `- ` list item line (seed 001's 2024发展目标)."""
    match = LIST_ITEM_RE.match(text)
    return match.group(1).strip() if match else None


_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>])")
_MD_LINE_START = re.compile(r"^([#>+-]|\d+[.)])")


def escape_markdown(text: str) -> str:
    """Escape characters Markdown would read as markup, so the printed text
    renders as printed: the stray `**` in seed 001's list becomes `\\*\\*`
    (literal asterisks, not broken bold)."""
    text = _MD_SPECIAL.sub(r"\\\1", text)
    return _MD_LINE_START.sub(r"\\\1", text)


def unescape_markdown(text: str) -> str:
    """The printed text of an escaped block (inverse of `escape_markdown`)."""
    return re.sub(r"\\(.)", r"\1", text)


def join_lines(first: str, second: str) -> str:
    """Join a line cut by a page or column break to its continuation. Chinese
    has no spaces between words; a space is kept only between two Latin letters
    or digits, which the seeds never break (so in practice: no space)."""
    if first and second and first[-1].isascii() and first[-1].isalpha() and second[0].isascii() and second[0].isalpha():
        return f"{first} {second}"
    return first + second
