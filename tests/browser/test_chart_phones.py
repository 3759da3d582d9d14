"""Charts read on a phone as on a desktop: at 320, 360, 412 and 1280 px, on every chart
page, in the build's picture and in the interactive chart, no x label is turned, and no
two texts of the chart (tick labels, axis and panel titles, legend entries, the labels on
the bars) overlap or run out of the chart's box. Read from the bounding boxes of the
drawn SVG: the interactive chart's own, and the picture's once its SVG file is put
in the page in the picture's place at the size shown. And nothing jumps when the picture
turns interactive: every bar and legend entry moves less than 2 px, every text less than 3 px (the largest move
per chart and width is written to tests/artifacts/chart-jumps.txt). Screenshots: tests/artifacts/.
"""
from __future__ import annotations

import pytest
from harness import new_context, reach_for
from sitefiles import url_for

pytestmark = [pytest.mark.browser, pytest.mark.slow]

WIDTHS = (320, 360, 412, 1280)

# The picture's SVG file, inline where the <img> was, scaled to the box the <img> filled.
INLINE_PICTURE_JS = """async () => {
  const img = document.querySelector('.chart-preview img');
  const text = await (await fetch(img.currentSrc)).text();
  const svg = new DOMParser().parseFromString(text, 'image/svg+xml').documentElement;
  const box = img.getBoundingClientRect();
  svg.setAttribute('viewBox', `0 0 ${svg.getAttribute('width')} ${svg.getAttribute('height')}`);
  svg.setAttribute('width', box.width); svg.setAttribute('height', box.height);
  svg.classList.add('inline-picture');
  img.closest('picture').replaceWith(svg);
}"""

# Every text of the chart as a box, with what it is; and whether an x label is turned.
TEXT_BOXES_JS = """() => {
  const root = document.querySelector('.chart-plot');
  const frame = root.getBoundingClientRect();
  const kinds = [['.xtick text', 'x label'], ['.ytick text', 'y label'], ['.g-xtitle text', 'x title'],
                 ['.g-ytitle text', 'y title'], ['.annotation-text', 'panel title'], ['.legend .traces', 'legend entry'],
                 ['.bartext', 'bar label'], ['.textpoint text', 'point label']];
  const boxes = [];
  kinds.forEach(([selector, kind]) => root.querySelectorAll(selector).forEach((node) => {
    const r = node.getBoundingClientRect();
    if (r.width && r.height && node.textContent.trim())
      boxes.push({kind, text: node.textContent.trim(), l: r.left, r: r.right, t: r.top, b: r.bottom});
  }));
  const turned = Array.from(root.querySelectorAll('.xtick text'))
    .filter((t) => /rotate\\((?!0[,)])/.test(t.getAttribute('transform') || '')).map((t) => t.textContent);
  const marks = Array.from(root.querySelectorAll('.trace.bars .point path, .legend .traces')).map((node) => {
    const r = node.getBoundingClientRect();
    return {l: r.left, r: r.right, t: r.top, b: r.bottom};
  });
  return {frame: {l: frame.left, r: frame.right, t: frame.top, b: frame.bottom}, boxes, turned, marks};
}"""

TOLERANCE_PX = 0.5
MAX_JUMP_PX = 2  # how far any bar or legend entry may move when the picture turns interactive
MAX_TEXT_JUMP_PX = 3  # and any text: the y labels still move 2.6 px (they moved 8 px while y axes got a tickcolor)


def largest_jump(pictured: dict, drawn: dict) -> tuple[float, str]:
    """The largest move of an edge of a bar, a legend entry or a text between the picture and the
    interactive chart, each matched with its twin by order (relative to the chart's box)."""
    def relative(box, frame):
        return (box["l"] - frame["l"], box["r"] - frame["l"], box["t"] - frame["t"], box["b"] - frame["t"])

    def drawn_marks(found):  # an empty category's bar is a path of no size, placed anyhow
        return [m for m in found["marks"] if m["r"] > m["l"] and m["b"] > m["t"]]

    worst, what = 0.0, "nothing"  # in units of the limit: a text's move counts MAX_JUMP_PX / MAX_TEXT_JUMP_PX
    before, after = drawn_marks(pictured), drawn_marks(drawn)
    if len(before) != len(after):
        return float("inf"), f"the bars and legend entries ({len(before)} in the picture, {len(after)} drawn)"
    pairs = [("bar or legend entry", a, b, 1.0) for a, b in zip(before, after)]
    if len(pictured["boxes"]) != len(drawn["boxes"]):
        return float("inf"), f"the texts ({len(pictured['boxes'])} in the picture, {len(drawn['boxes'])} drawn)"
    pairs += [(f"{a['kind']} {a['text']!r}", a, b, MAX_JUMP_PX / MAX_TEXT_JUMP_PX)
              for a, b in zip(pictured["boxes"], drawn["boxes"])]
    for name, a, b, weight in pairs:
        move = max(abs(x - y) for x, y in zip(relative(a, pictured["frame"]), relative(b, drawn["frame"])))
        if move * weight > worst:
            worst, what = move * weight, f"{name} (moves {move:.1f} px)"
    return worst, what


def overlap(a: dict, b: dict) -> bool:
    return (min(a["r"], b["r"]) - max(a["l"], b["l"]) > TOLERANCE_PX
            and min(a["b"], b["b"]) - max(a["t"], b["t"]) > TOLERANCE_PX)


def text_problems(where: str, found: dict) -> list[str]:
    problems = [f"{where}: x label turned: {text!r}" for text in found["turned"]]
    boxes, frame = found["boxes"], found["frame"]
    if not boxes:
        return [f"{where}: no text found in the chart"]
    for i, a in enumerate(boxes):
        if (a["l"] < frame["l"] - TOLERANCE_PX or a["r"] > frame["r"] + TOLERANCE_PX
                or a["t"] < frame["t"] - TOLERANCE_PX or a["b"] > frame["b"] + TOLERANCE_PX):
            problems.append(f"{where}: {a['kind']} {a['text']!r} runs out of the chart's box")
        for b in boxes[i + 1:]:
            if overlap(a, b):
                problems.append(f"{where}: {a['kind']} {a['text']!r} overlaps {b['kind']} {b['text']!r}")
    return problems


@pytest.mark.parametrize("width", WIDTHS)
def test_no_turned_overlapping_or_clipped_text_in_any_chart(browser, server, site_model, artifacts, width):
    problems, jumps = [], {}
    context = new_context(browser, width, 900)
    try:
        for chart_id in sorted(site_model.charts):
            path = url_for(f"charts/{chart_id}/index.html")
            page = context.new_page()
            page.goto(server.base + path, wait_until="load")
            page.evaluate(INLINE_PICTURE_JS)
            problems += text_problems(f"{chart_id} at {width} px, picture", page.evaluate(TEXT_BOXES_JS))
            page.locator(".chart-plot").screenshot(path=str(artifacts / f"chart-{chart_id}-{width}-picture.png"))
            pictured = page.evaluate(TEXT_BOXES_JS)
            page.goto(server.base + path, wait_until="load")
            reach_for(page, ".chart-plot")
            drawn = page.evaluate(TEXT_BOXES_JS)
            problems += text_problems(f"{chart_id} at {width} px, interactive", drawn)
            jump, what = largest_jump(pictured, drawn)
            jumps[f"{chart_id} at {width} px"] = (jump, what)
            if jump >= MAX_JUMP_PX:
                problems.append(f"{chart_id} at {width} px: {what} when the chart turns interactive")
            page.locator(".chart-plot").screenshot(path=str(artifacts / f"chart-{chart_id}-{width}-interactive.png"))
            page.close()
    finally:
        context.close()
    with (artifacts / "chart-jumps.txt").open("a", encoding="utf-8") as out:
        out.writelines(f"{where}: largest move against its limit: {what}\n" for where, (_, what) in sorted(jumps.items()))
    worst = max(jumps, key=lambda where: jumps[where][0])
    print(f"at {width} px, largest move against its limit: {worst}: {jumps[worst][1]}")
    assert not problems, "\n".join(problems)
