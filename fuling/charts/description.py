"""A chart in words: its text alternative, read by screen readers and shown under the chart."""
from __future__ import annotations

from fuling.charts.points import by_series
from fuling.core.model import ChartData, ChartPoint, ChartSpec
from fuling.core.numbers import format_fact
from fuling.core.periods import (
    is_partial_year,
    period_label,
    period_sort_key,
)
from fuling.core.vocab import KIND_LABELS


def describe(spec: ChartSpec, points: list[ChartPoint]) -> str:
    """The chart's text alternative: the editor's one-sentence `description` when the spec has
    one (its references filled by load), else a description made from the points."""
    if spec.description:
        return spec.description
    return generated_description(spec, points)


def generated_description(spec: ChartSpec, points: list[ChartPoint]) -> str:
    """What the chart shows, its largest and latest values, targets and partial years, in words.
    Nothing that says nothing: one value is given as itself, and a comparison whose bars include
    a part of another (其中…) names no largest."""
    if not points:
        return f"{spec.title}：没有数据。"
    parts = [f"{spec.title}。"]
    if spec.type == "pie":
        biggest = max(points, key=lambda p: p.fact.value)
        parts.append(
            "图中各部分为：" + "；".join(f"{p.x}{format_fact(p.fact)}" for p in points)
            + f"。最大的是{biggest.x}，{format_fact(biggest.fact)}。"
        )
        return "".join(parts)
    if by_series(spec, points):
        biggest = max(points, key=lambda p: p.fact.value)
        parts.append(
            f"{period_label(points[0].fact.period)}：" + "；".join(f"{p.series}{format_fact(p.fact)}" for p in points) + "。"
        )
        if not any(p.series.startswith("其中") for p in points):  # the whole is the largest of its parts: no news
            parts.append(f"最大的是{biggest.series}，{format_fact(biggest.fact)}。")
        if any(p.style == "target" for p in points):
            parts.append("空心柱为目标值，不是实际完成数。")
        return "".join(parts)
    labels = [p.x for p in sorted(points, key=lambda p: period_sort_key(p.fact.period))]
    parts.append(f"共{len(points)}个数值，时间从{labels[0]}到{labels[-1]}。")
    for series in spec.series:
        mine = [p for p in points if p.series == series.name]
        actual = [p for p in mine if p.style == "actual"]
        if actual:
            top = max(actual, key=lambda p: (p.fact.value, period_sort_key(p.fact.period)))
            last = max(actual, key=lambda p: period_sort_key(p.fact.period))
            if len(actual) == 1:
                parts.append(f"{series.name}：{top.x}为{format_fact(top.fact)}。")
            elif last is top:
                parts.append(f"{series.name}：最新的{top.x}也是最大，为{format_fact(top.fact)}。")
            else:
                parts.append(f"{series.name}：最大值为{top.x}的{format_fact(top.fact)}，最新为{last.x}的{format_fact(last.fact)}。")
        for style in ("estimate", "target"):
            planned = [p for p in mine if p.style == style]
            if planned:
                kind = KIND_LABELS[style]
                name = series.name if kind in series.name else f"{series.name}{kind}"
                parts.append(f"{name}：" + "，".join(f"{p.x}{format_fact(p.fact)}" for p in planned) + "。")
    partial = sorted({p.x for p in points if is_partial_year(p.fact.period)})
    if partial:
        parts.append(f"{'、'.join(partial)}只含部分月份，不能与全年数据直接相比。")
    if any(p.style == "target" for p in points):
        parts.append("空心柱（空心点）为目标值，不是实际完成数。")
    if any(p.style == "estimate" for p in points):
        parts.append("斜线柱为预计值。")
    return "".join(parts)


def chart_notes(data: ChartData) -> list[str]:
    """The notes printed under a chart (page, embed, share card): the spec's, then what its
    marks need said (part years, targets, estimates, printed bounds)."""
    notes = list(data.spec.notes)
    partial = sorted({p.x for p in data.points if is_partial_year(p.fact.period)})
    if partial and not any("部分" in n or "月" in n for n in notes):
        notes.append(f"{'、'.join(partial)}只含部分月份（点状填充），不与全年数据相比。")
    if any(p.style == "target" for p in data.points):
        notes.append("空心柱或空心点为目标值，不是实际完成数。")
    if any(p.style == "estimate" for p in data.points):
        notes.append("斜线填充为预计值。")
    if any(p.fact.bound != "exact" for p in data.points):
        notes.append("原文为“突破”“超过”“约”等说法的数值，按原文数字画出，表中注明。")
    return notes
