"""Speed shortcuts that must not change a byte of output."""
from __future__ import annotations

import random
from pathlib import Path

import markdown
import pytest

from fuling.core.articlefile import read_article
from fuling.site import markup as render_markup

ROOT = Path(__file__).resolve().parent.parent
ARTICLE_DIRS = [ROOT / "content" / "articles", ROOT / "tests" / "fixtures" / "mini" / "content" / "articles"]
# Things newspaper text and editors' Markdown contain, spliced into real paragraphs.
INSERTS = ["2471.5亿元", "比例3:1", "(注)", "（注）", "a-b", "x=y", "1+1", "~", "|a|b|", "!", "100%", "http://example.com",
           "e.g.", "——", "…", "<!-- -->", "a  b", "--", "==", "*强调*", "**加粗**", "_x_", "`代码`", "[链接](https://a.b)",
           "&amp;", "&", "<b>x</b>", "\\*", "# ", "> ", "- ", "1. ", "    缩进", "\u00a0", "\t", "行\n行", "末尾  ", " 开头"]


def content_blocks() -> list[str]:
    texts = []
    for folder in ARTICLE_DIRS:
        for path in sorted(folder.glob("*.md")):
            texts += [block.text for block in read_article(path, ROOT).blocks]
    return texts


def test_plain_paragraph_shortcut_gives_what_markdown_gives():
    texts = content_blocks()
    assert len(texts) > 50
    rng = random.Random(2471)
    checked = shortcut = 0
    for text in texts:
        variants = [text, text[:5] + "\ue0000\ue001" + text[5:9] + "\ue002" + text[9:]]
        for insert in rng.sample(INSERTS, 4):
            at = rng.randrange(len(text) + 1)
            variants += [text[:at] + insert + text[at:], rng.choice([insert + text, text + insert])]
        for variant in variants:
            joined = render_markup._SOFT_BREAK.sub("", variant)
            expected = markdown.markdown(joined, output_format="html")
            assert render_markup._markdown(variant) == expected, variant
            checked += 1
            shortcut += not render_markup.PLAIN_PARAGRAPH.search(joined)
    # Both paths were exercised: most real paragraphs take the shortcut, the inserts force the parser.
    assert shortcut > len(texts) // 2
    assert checked - shortcut > len(texts)


@pytest.mark.parametrize("text", ["", "普通段落", "1. 列表", "# 标题", "*强调*", "行\n行"])
def test_converter_is_reset_between_texts(text):
    # The shared converter must give the same result whatever it converted before.
    render_markup._markdown("[脚注][1]\n\n[1]: https://example.com")
    assert render_markup._markdown(text) == markdown.markdown(render_markup._SOFT_BREAK.sub("", text), output_format="html")
