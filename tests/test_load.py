"""load_site: every content error names `path:line: field:`, and all errors come together.

Each test copies the mini fixture project, breaks one thing, and checks the
error's prefix. The expected line is found by searching the edited file for
the broken text, independently of the loader.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from editing import edit_value
from fuling.core.errors import BuildError
from fuling.core.numbers import text_matches_value
from fuling.load.charts import series_facts
from fuling.load.facts import period_problem
from fuling.load.site import load_site, normalise_site_url

MINI = Path(__file__).parent / "fixtures" / "mini"
TC = "content/facts/three-changes.yaml"
NPF = "content/facts/new-productive-forces.yaml"


@pytest.fixture
def root(tmp_path: Path) -> Path:
    shutil.copytree(MINI, tmp_path / "mini")
    return tmp_path / "mini"


def edit(root: Path, rel: str, old: str, new: str, nth: int = 1) -> int:
    """Replace the nth occurrence of `old` in `rel`; return the 1-based line where it started."""
    path = root / rel
    text = path.read_text(encoding="utf-8")
    start = -1
    for _ in range(nth):
        start = text.index(old, start + 1)
    path.write_text(text[:start] + new + text[start + len(old):], encoding="utf-8")
    return text.count("\n", 0, start) + 1


def line_of(root: Path, rel: str, needle: str) -> int:
    text = (root / rel).read_text(encoding="utf-8")
    return text.count("\n", 0, text.index(needle)) + 1


def errors(root: Path, **kwargs) -> list[str]:
    with pytest.raises(BuildError) as caught:
        load_site(root, **kwargs)
    return [str(e) for e in caught.value.errors]


def assert_error(root: Path, prefix: str, **kwargs) -> str:
    found = errors(root, **kwargs)
    matching = [e for e in found if e.startswith(prefix)]
    assert matching, f"no error starting {prefix!r} in {found}"
    return matching[0]


# --- the fixture itself -------------------------------------------------------

def test_mini_fixture_loads_every_kind_of_content():
    site = load_site(MINI)
    assert sorted(site.articles) == ["new-productive-forces", "three-changes"]
    assert site.facts["industrial-output-2023"].value == 2471
    assert site.facts["industrial-output-2021"].bound == "at_least"
    assert site.facts["industrial-value-added-2023"].corrections[0].old_value == 770
    assert site.facts["high-tech-firms-2021"].period == "2021-12-31"
    assert list(site.themes) == ["industry"]
    assert site.charts["industrial-output"].series[0].select["metric"] == "industrial_output"
    assert site.config.headline_facts == ["industrial-output-2023", "high-tech-firms-2021"]
    assert site.conflicts == []


def test_fact_records_carry_their_file_and_line():
    site = load_site(MINI)
    fact = site.waiting["industrial-value-added-growth-2021"]  # a proposal: loaded, not published
    assert fact.path == TC
    assert fact.line == line_of(MINI, TC, "- id: industrial-value-added-growth-2021")


def test_facts_file_may_be_a_mapping_with_a_facts_list():
    site = load_site(MINI)
    assert site.facts["industrial-output-target-2024"].path == NPF  # that file uses `facts:`


# --- YAML syntax and types ------------------------------------------------------

def test_yaml_syntax_error_names_the_broken_line(root):
    line = edit(root, TC, "quote: 国家高新技术企业达122户", "quote: 国家高新技术企业: 达122户")
    message = assert_error(root, f"{TC}:{line}: YAML syntax error")
    assert "mapping values" in message


def test_unclosed_bracket_mentions_where_it_started(root):
    line = edit(root, "content/site.yaml", "headline_facts:\n  - industrial-output-2023\n  - high-tech-firms-2021",
                "headline_facts: [industrial-output-2023,\nlanguage2: x")
    message = assert_error(root, "content/site.yaml:")
    assert "YAML syntax error" in message and f"starts on line {line}" in message


@pytest.mark.parametrize("written", ['"13"', ".nan", ".inf", "-.inf", "1.0e+309", "1e309", "true", "yes", "[13]"])
def test_value_must_be_a_finite_yaml_number(root, written):
    line = edit(root, TC, "value: 13", f"value: {written}")
    assert_error(root, f"{TC}:{line}: value: must be a")


def test_value_may_be_integer_or_decimal(root):
    edit_value(root / TC, 13, 13.25)
    assert load_site(root).waiting["industrial-value-added-growth-2021"].value == 13.25


def test_text_field_given_a_list_is_a_type_error(root):
    line = edit(root, TC, "subject: 涪陵区", "subject: [涪陵区, 梁平区]")
    assert_error(root, f"{TC}:{line}: subject: must be text")


def test_reviewed_must_be_a_boolean(root):
    line = edit(root, TC, "reviewed: true", "reviewed: 是")
    assert_error(root, f"{TC}:{line}: reviewed: must be true or false")


@pytest.mark.parametrize("field", ["unit:", "metric:", "subject:", "kind:"])
def test_missing_required_field_points_at_its_record(root, field):
    record = line_of(root, TC, "- id: industrial-output-2021")
    edit(root, TC, f"  {field}", "  x_removed:")  # rename the field away
    found = errors(root)
    assert any(e.startswith(f"{TC}:{record}: {field[:-1]}: missing") for e in found), found


def test_missing_source_quote_names_the_nested_field(root):
    source_line = line_of(root, TC, "    article: three-changes")
    edit(root, TC, "    quote: 去年全区规模以上工业产值首次突破2000亿元大关\n", "")
    assert_error(root, f"{TC}:{source_line}: source.quote: missing")


def test_unknown_field_is_reported_so_typos_are_not_ignored(root):
    line = edit(root, TC, "reviewed: true", "reveiwed: true")
    assert_error(root, f"{TC}:{line}: reveiwed: unknown field")


def test_a_key_given_twice_in_one_record_is_reported(root):
    line = edit(root, TC, "  unit: 户\n", "  unit: 户\n  unit: 家\n") + 1
    assert_error(root, f"{TC}:{line}: unit: key appears twice")


# --- references -------------------------------------------------------------------

def test_unknown_metric(root):
    line = edit(root, TC, "metric: high_tech_enterprises", "metric: high_tech_firms")
    assert_error(root, f"{TC}:{line}: metric: unknown metric 'high_tech_firms'")


def test_unknown_headline_fact_in_site_yaml(root):
    line = edit(root, "content/site.yaml", "  - high-tech-firms-2021", "  - high-tech-firms-2020")
    assert_error(root, f"content/site.yaml:{line}: headline_facts: unknown fact id 'high-tech-firms-2020'")


def test_unknown_chart_in_theme(root):
    line = edit(root, "content/themes/industry.md", "charts: [industrial-output]", "charts: [industrial-output, rd-investment]")
    assert_error(root, f"content/themes/industry.md:{line}: charts: unknown chart 'rd-investment'")


def test_unknown_metric_in_theme(root):
    line = edit(root, "content/themes/industry.md", "metrics: [industrial_output,", "metrics: [industry_output,")
    assert_error(root, f"content/themes/industry.md:{line}: metrics: unknown metric 'industry_output'")


def test_unknown_fact_in_chart_series(root):
    line = edit(root, "content/charts/industrial-output.yaml", "facts: [industrial-output-target-2024]", "facts: [industrial-output-target-2025]")
    assert_error(root, f"content/charts/industrial-output.yaml:{line}: series.facts: unknown fact id 'industrial-output-target-2025'")


def test_unknown_fact_in_theme_narrative_link(root):
    line = edit(root, "content/themes/industry.md", "{fact:industrial-output-2023}", "[2471亿元](fact:industrial-output-2022)", nth=2)
    assert_error(root, f"content/themes/industry.md:{line}: body: link [2471亿元](fact:industrial-output-2022): unknown fact id 'industrial-output-2022'")


def test_unknown_fact_in_a_reference(root):
    line = edit(root, "content/themes/industry.md", "{fact:industrial-output-2023}", "{fact:industrial-output-2022}", nth=2)
    assert_error(root, f"content/themes/industry.md:{line}: body: {{fact:industrial-output-2022}}: unknown fact id 'industrial-output-2022'")
    line = edit(root, "content/themes/industry.md", "summary: 规上工业产值从2021年", "summary: 规上工业产值从{fact:no-such-fact}")
    assert_error(root, f"content/themes/industry.md:{line}: summary: {{fact:no-such-fact}}: unknown fact id 'no-such-fact'")


def test_narrative_link_text_must_show_the_fact_value(root):
    line = edit(root, "content/themes/industry.md", "{fact:industrial-output-2023}", "[2470亿元](fact:industrial-output-2023)", nth=2)
    assert_error(root, f"content/themes/industry.md:{line}: body: link text '2470亿元' does not show the value")


def test_references_in_prose_are_filled_with_the_facts_figures(root):
    site = load_site(root)
    assert site.themes["industry"].summary == "规上工业产值从2021年超过2000亿元到2023年的2471亿元。"
    assert site.articles["three-changes"].summary == "2021年涪陵规模以上工业产值首次超过2000亿元。"
    assert site.warnings == []


def test_a_figure_typed_as_digits_that_is_a_facts_value_is_a_warning_naming_the_reference(root):
    line = edit(root, "content/themes/industry.md", "{fact:industrial-output-2023}。", "2471亿元。")
    site = load_site(root)
    assert site.warnings == [f"content/themes/industry.md:{line}: summary: “2471亿元” is the value of fact "
                             f"industrial-output-2023: write {{fact:industrial-output-2023}} so the text follows a correction"]


def test_unknown_theme_of_a_chart(root):
    line = edit(root, "content/charts/industrial-output.yaml", "theme: industry", "theme: industries")
    assert_error(root, f"content/charts/industrial-output.yaml:{line}: theme: unknown theme 'industries'")


def test_unknown_theme_of_a_metric(root):
    line = edit(root, "content/metrics.yaml", "theme: industry", "theme: factories", nth=3)
    assert_error(root, f"content/metrics.yaml:{line}: theme: unknown theme 'factories'")


def test_a_metric_s_words_are_read(root):
    edit(root, "content/metrics.yaml", "  unit: 亿元\n", "  unit: 亿元\n  words: [规模工业总产值, 规模以上工业产值]\n")
    assert load_site(root).metrics["industrial_output"].words == ("规模工业总产值", "规模以上工业产值")


def test_a_word_listed_under_two_metrics_names_both(root):
    edit(root, "content/metrics.yaml", "  unit: 亿元\n", "  unit: 亿元\n  words: [工业产值]\n")
    line = edit(root, "content/metrics.yaml", "  unit: 亿元\n", "  unit: 亿元\n  words: [工业产值]\n", nth=2) + 1
    assert_error(root, f"content/metrics.yaml:{line}: words: '工业产值' already names metric 'industrial_output'; list it under one metric only")


def test_a_one_character_word_is_refused(root):
    line = edit(root, "content/metrics.yaml", "  unit: 亿元\n", "  unit: 亿元\n  words:\n  - 值\n") + 2
    assert_error(root, f"content/metrics.yaml:{line}: words: '值' is too short to name a metric; write the words a report uses, such as 签约额")


def test_duplicate_fact_id_across_files(root):
    # files are read in name order, so the copy in three-changes.yaml is the duplicate
    first = line_of(root, NPF, "- id: industrial-output-2023")
    line = edit(root, TC, "- id: industrial-value-added-growth-2021", "- id: industrial-output-2023")
    message = assert_error(root, f"{TC}:{line}: id: duplicate fact id 'industrial-output-2023'")
    assert f"{NPF}:{first}" in message


def test_fact_id_must_be_kebab_case(root):
    line = edit(root, TC, "- id: high-tech-firms-2021", "- id: High_Tech_2021")
    assert_error(root, f"{TC}:{line}: id: 'High_Tech_2021' is not a kebab-case id")


# --- periods and closed vocabularies ------------------------------------------------

@pytest.mark.parametrize("period", ['"2021-13-01"', '"2021/2022"', '"2022-08/2022-01"', '"2021-02-30"', '"21"', '"2022-00/2022-08"', '"去年"'])
def test_malformed_period(root, period):
    line = edit(root, TC, 'period: "2021-12-31"', f"period: {period}")
    assert_error(root, f"{TC}:{line}: period:")


@pytest.mark.parametrize("period, stored", [('"2021"', "2021"), ('"2022-01/2022-08"', "2022-01/2022-08"),
                                            ('"2021-12-31"', "2021-12-31"), ("2021", "2021"), ("2021-12-31", "2021-12-31")])
def test_well_formed_periods_are_accepted(root, period, stored):
    edit(root, TC, 'period: "2021-12-31"', f"period: {period}")
    assert load_site(root).facts["high-tech-firms-2021"].period == stored


def test_period_rules_on_seed_periods():
    # 今年1—8月 in the 2022 report, 截至去年底 in 2022, 到2026年
    assert period_problem("2022-01/2022-08") == ""
    assert period_problem("2021-12-31") == ""
    assert period_problem("2026") == ""
    assert "malformed" in period_problem("2022-1/2022-8")


@pytest.mark.parametrize("field, old, new", [
    ("kind", "kind: actual", "kind: forecast"),
    ("bound", "bound: at_least", "bound: more_than"),
    ("measure", "measure: growth", "measure: rate"),
])
def test_closed_vocabularies(root, field, old, new):
    line = edit(root, TC, old, new)
    assert_error(root, f"{TC}:{line}: {field}: '{new.split(': ')[1]}' is not one of")


# --- sources --------------------------------------------------------------------------

def test_quote_not_verbatim_in_article(root):
    line = edit(root, TC, "quote: 规模以上工业增加值增长13%", "quote: 规模以上工业增加值增长了13%")
    assert_error(root, f"{TC}:{line}: source.quote: not found verbatim in paragraph {{#p1}}")


def test_quote_in_another_paragraph_than_named(root):
    line_of_paragraph = edit(root, TC, "    paragraph: p3", "    paragraph: p1")
    quote_line = line_of_paragraph - 1
    message = assert_error(root, f"{TC}:{quote_line}: source.quote: not found verbatim in paragraph {{#p1}}")
    assert "it is in {#p3}" in message


def test_quote_without_paragraph_is_searched_in_the_whole_article(root):
    edit(root, TC, "    paragraph: p3\n", "")
    assert load_site(root).facts["high-tech-firms-2021"].source.paragraph == ""
    line = edit(root, TC, "quote: 国家高新技术企业达122户", "quote: 国家高新技术企业达123户")
    assert_error(root, f"{TC}:{line}: source.quote: not found verbatim in article 'three-changes'")


def test_paragraph_anchor_missing_from_article(root):
    line = edit(root, TC, "    paragraph: p3", "    paragraph: p9")
    assert_error(root, f"{TC}:{line}: source.paragraph: article 'three-changes' has no paragraph {{#p9}}")


def test_unknown_article_slug(root):
    line = edit(root, TC, "article: three-changes", "article: three-change", nth=2)
    assert_error(root, f"{TC}:{line}: source.article: unknown article slug 'three-change'")


def test_also_in_sources_are_checked_too(root):
    edit(root, NPF, "    reviewed: true\n", "    reviewed: true\n    also_in:\n      - article: three-changes\n        quote: 不在文中的句子\n")
    line = line_of(root, NPF, "        quote: 不在文中的句子")
    assert_error(root, f"{NPF}:{line}: also_in.quote: not found verbatim in article 'three-changes'")


# --- articles ---------------------------------------------------------------------------

def test_article_format_error_keeps_its_line(root):
    rel = "content/articles/three-changes.md"
    line = edit(root, rel, "高新技术企业产值达660亿元、增长22%。 {#p3}", "高新技术企业产值达660亿元、增长22%。")
    assert_error(root, f"{rel}:{line}: body: block has no anchor")


def test_duplicate_paragraph_anchor(root):
    rel = "content/articles/three-changes.md"
    line = edit(root, rel, "增长22%。 {#p3}", "增长22%。 {#p1}")
    message = assert_error(root, f"{rel}:{line}: anchor: {{#p1}} is used twice")
    assert f"first on line {line_of(root, rel, '早春时节，涪陵')}" in message


def test_article_slug_must_match_file_name(root):
    rel = "content/articles/three-changes.md"
    line = edit(root, rel, "slug: three-changes", "slug: three-changes-2022")
    assert_error(root, f"{rel}:{line}: slug: 'three-changes-2022' differs from the file name")


# --- charts -------------------------------------------------------------------------------

def test_chart_series_selecting_no_facts(root):
    rel = "content/charts/industrial-output.yaml"
    line = edit(root, rel, "subject: 涪陵区, kind: actual", "subject: 白涛新材料科技城, kind: actual")
    assert_error(root, f"{rel}:{line}: series: series '实际' selects no facts")


def test_chart_type_must_be_known(root):
    rel = "content/charts/industrial-output.yaml"
    line = edit(root, rel, "type: bar", "type: donut")
    assert_error(root, f"{rel}:{line}: type: 'donut' is not one of")


def test_chart_select_filters_on_known_fields_only(root):
    rel = "content/charts/industrial-output.yaml"
    line = edit(root, rel, "select: {metric: industrial_output, subject", "select: {metric: industrial_output, year: 2023, subject")
    assert_error(root, f"{rel}:{line}: series.select: cannot filter on 'year'")


def test_series_facts_lists_ids_then_selection():
    site = load_site(MINI)
    actual, target = site.charts["industrial-output"].series
    assert [f.id for f in series_facts(actual, site.facts)] == ["industrial-output-2023", "industrial-output-2021"]
    assert [f.id for f in series_facts(target, site.facts)] == ["industrial-output-target-2024"]


# --- corrections ----------------------------------------------------------------------------

@pytest.mark.parametrize("field, old, new", [
    ("corrections.old_value", "old_value: 770", 'old_value: "770"'),
    ("corrections.date", "date: 2024-03-05", "date: 2024-13-05"),
    ("corrections.reason", "reason: 测试用更正：首次发布时误录为770亿元。", "reason:"),
])
def test_malformed_correction(root, field, old, new):
    line = edit(root, NPF, old, new)
    assert_error(root, f"{NPF}:{line}: {field}:")


def test_corrections_must_be_a_list(root):
    line = edit(root, NPF, "    corrections:\n      - date: 2024-03-05\n        old_value: 770\n        reason: 测试用更正：首次发布时误录为770亿元。",
                "    corrections: 首次误录为770亿元")
    assert_error(root, f"{NPF}:{line}: corrections: must be a list")


# --- site URL ---------------------------------------------------------------------------------

def test_site_url_override_is_normalised_to_end_with_slash():
    assert load_site(MINI, site_url="https://news.example.com/fuling").config.site_url == "https://news.example.com/fuling/"


@pytest.mark.parametrize("url", ["/fuling/", "ftp://example.com/", "example.com/fuling", "https://x.example/?a=1"])
def test_site_url_override_must_be_absolute_http(url):
    with pytest.raises(BuildError) as caught:
        load_site(MINI, site_url=url)
    assert str(caught.value.errors[0]).startswith("--site-url: ")


def test_site_url_in_site_yaml_is_checked(root):
    line = edit(root, "content/site.yaml", "site_url: https://example.org/fuling/", "site_url: example.org/fuling")
    assert_error(root, f"content/site.yaml:{line}: site_url: 'example.org/fuling' must be an absolute")


def test_site_yaml_licence_is_read_with_its_address():
    config = load_site(MINI).config
    assert (config.licence, config.licence_url) == ("CC BY 4.0", "https://creativecommons.org/licenses/by/4.0/")


def test_a_licence_without_its_address_is_an_error(root):
    line = edit(root, "content/site.yaml", "licence_url: https://creativecommons.org/licenses/by/4.0/\n", "")
    message = assert_error(root, f"content/site.yaml:{line - 1}: licence: 'CC BY 4.0' has no licence_url")
    assert "https://creativecommons.org/licenses/by/4.0/" in message


def test_a_licence_address_must_be_absolute(root):
    line = edit(root, "content/site.yaml", "licence_url: https://creativecommons.org/licenses/by/4.0/",
                "licence_url: creativecommons.org/by")
    assert_error(root, f"content/site.yaml:{line}: licence_url: 'creativecommons.org/by' must be an absolute https://")


def test_search_parts_hold_100_articles_unless_site_yaml_says_otherwise(root):
    assert load_site(MINI).config.search_part_articles == 100
    line = edit(root, "content/site.yaml", "licence: CC BY 4.0\n", "licence: CC BY 4.0\nsearch_part_articles: 0\n") + 1
    message = assert_error(root, f"content/site.yaml:{line}: search_part_articles: must be at least 1, not 0")
    assert "100 if unsure" in message


def test_normalise_keeps_a_trailing_slash():
    assert normalise_site_url("http://127.0.0.1:8000/") == ("http://127.0.0.1:8000/", "")


# --- all together, and conflicts -----------------------------------------------------------------

def test_two_broken_files_give_two_errors_in_one_run(root):
    fact_line = edit(root, TC, "value: 122", "value: many")
    chart_line = edit(root, "content/charts/industrial-output.yaml", "type: bar", "type: donut")
    found = errors(root)
    assert len(found) == 2, found
    assert found[0].startswith(f"content/charts/industrial-output.yaml:{chart_line}: type:")
    assert found[1].startswith(f"{TC}:{fact_line}: value:")


def test_a_broken_fact_is_not_reported_again_where_it_is_referenced(root):
    line = edit(root, NPF, "value: 2471", "value: 2471亿")  # headline fact, theme link, chart point
    assert errors(root) == [f"{NPF}:{line}: value: must be a YAML number, not the text '2471亿' (remove quotes; write 1.5e+3 not 1.5e3)"]


def test_a_file_with_a_syntax_error_does_not_flood_unknown_ids(root):
    edit(root, NPF, "    unit: 亿元\n    period: \"2023\"", "    unit: [亿元\n    period: \"2023\"")
    found = errors(root)
    assert len(found) == 1 and "YAML syntax error" in found[0], found


def test_conflicting_figures_are_listed_not_errors(root):
    (root / "content/facts/extra.yaml").write_text(
        "- id: industrial-output-2023-other\n  metric: industrial_output\n  subject: 涪陵区\n  value: 2470\n"
        "  unit: 亿元\n  period: \"2023\"\n  kind: actual\n  source:\n    article: new-productive-forces\n"
        "    quote: 规上工业产值2471亿元\n  corrections:\n    - date: 2024-04-01\n      old_value: 2471\n"
        "      reason: 另一口径。\n  reviewed: true\n", encoding="utf-8")
    site = load_site(root)
    assert [(a, b) for a, b, _ in site.conflicts] == [("industrial-output-2023-other", "industrial-output-2023")]
    assert "2470" in site.conflicts[0][2] and "2471" in site.conflicts[0][2]


def test_a_lower_bound_does_not_conflict_with_a_larger_exact_figure(root):
    # 突破2000亿元 (at least) and 2000亿元 given exactly as 2100 would not contradict each other
    (root / "content/facts/extra.yaml").write_text(
        "- id: industrial-output-2021-exact\n  metric: industrial_output\n  subject: 涪陵区\n  value: 2100\n"
        "  unit: 亿元\n  period: \"2021\"\n  kind: actual\n  source:\n    article: three-changes\n"
        "    quote: 工业产值首次突破2000亿元\n  corrections:\n    - date: 2024-04-01\n      old_value: 2000\n"
        "      reason: 核定数。\n  reviewed: true\n", encoding="utf-8")
    assert load_site(root).conflicts == []


# --- numbers in narrative links ------------------------------------------------------------------

@pytest.mark.parametrize("text, value, unit", [
    ("2471亿元", 2471, "亿元"),
    ("1.2万亿元", 12000, "亿元"),
    ("突破2000亿元", 2000, "亿元"),
    ("13%", 13, "%"),
    ("20万吨", 200000, "吨"),
    ("20万吨", 20, "万吨"),
    ("2,471亿元", 2471, "亿元"),
    ("455.65亿元", 455.65, "亿元"),
    ("2471亿元", 2471.3, "亿元"),  # the text rounds to its last digit
    ("两家", 2, "家"),
    ("十二家", 12, "家"),  # a numeral of two characters is one number, not its last digit
    ("二十五个", 25, "个"),
    ("一百二十家", 120, "家"),
])
def test_link_text_matches_fact_value(text, value, unit):
    assert text_matches_value(text, value, unit)


@pytest.mark.parametrize("text, value, unit", [
    ("2470亿元", 2471, "亿元"),
    ("1.2万亿元", 1200, "亿元"),
    ("455.6亿元", 455.65 + 0.1, "亿元"),
    ("规上工业产值", 2471, "亿元"),
    ("十二家", 2, "家"),
    ("十二家", 10, "家"),
])
def test_link_text_that_does_not_match(text, value, unit):
    assert not text_matches_value(text, value, unit)


# --- with the build cache ---------------------------------------------------------------------

def cached_load(root: Path):
    """One load inside a build cache, saved as a successful build would save it."""
    from fuling.build.cache import BuildState

    state = BuildState.begin(root, root / "site", root / "templates", None)
    try:
        return load_site(root, memo=state)
    finally:
        state.save({})


def test_cached_load_gives_the_same_site_and_sees_edits(root):
    fresh = load_site(root)
    cached_load(root)
    again = cached_load(root)
    assert again.facts == fresh.facts
    assert again.articles == fresh.articles and again.metrics == fresh.metrics and again.charts == fresh.charts
    edit(root, TC, "value: 122", "value: 123")
    edit(root, "content/articles/three-changes.md", "国家高新技术企业达122户", "国家高新技术企业达123户")
    edit(root, TC, "quote: 国家高新技术企业达122户", "quote: 国家高新技术企业达123户")
    assert cached_load(root).facts["high-tech-firms-2021"].value == 123


def test_errors_found_while_parsing_are_found_again_with_the_cache(root):
    line = edit(root, TC, "  unit: 户\n", "  unit: 户\n  unit: 家\n") + 1
    for _ in range(2):
        with pytest.raises(BuildError) as caught:
            cached_load(root)
        assert any(str(e).startswith(f"{TC}:{line}: unit: key appears twice") for e in caught.value.errors)


def test_cross_file_checks_run_on_cached_files(root):
    cached_load(root)
    edit(root, "content/articles/three-changes.md", "国家高新技术企业达122户", "国家高新技术企业达到122户")
    with pytest.raises(BuildError) as caught:
        cached_load(root)  # the fact file is unchanged and replayed; its quote is checked again
    quote_line = line_of(root, TC, "quote: 国家高新技术企业达122户")
    assert [str(e).split(" not")[0] for e in caught.value.errors] == [f"{TC}:{quote_line}: source.quote:"]


def test_unchanged_files_are_not_parsed_again(root, monkeypatch):
    import fuling.load.site
    import fuling.load.yamlfile

    cached_load(root)

    def refuse(*args, **kwargs):
        raise AssertionError("parsed again")

    monkeypatch.setattr(fuling.load.yamlfile, "parse_yaml", refuse)  # facts, metrics, charts, site.yaml
    monkeypatch.setattr(fuling.load.site, "read_article", refuse)
    with pytest.raises(AssertionError):
        load_site(root)  # without the cache, parsing is needed
    site = cached_load(root)
    assert (len(site.facts), len(site.waiting)) == (5, 1)


# --- empty and unreadable files -----------------------------------------------------------------

@pytest.mark.parametrize("rel", ["content/site.yaml", "content/metrics.yaml", "content/charts/industrial-output.yaml"])
def test_an_empty_settings_metrics_or_chart_file_is_an_error(root, rel):
    (root / rel).write_text("", encoding="utf-8")
    assert_error(root, f"{rel}: file is empty")


def test_an_empty_facts_file_holds_no_facts(root):
    (root / "content/facts/empty.yaml").write_text("# no figures in this article\n", encoding="utf-8")
    site = load_site(root)
    assert (len(site.facts), len(site.waiting)) == (5, 1)


@pytest.mark.parametrize("rel, text", [(TC, "涪陵区"), ("content/themes/industry.md", "涪陵"), ("content/site.yaml", "涪陵"),
                                       ("content/articles/three-changes.md", "高新技术企业产值")])
def test_a_file_that_is_not_utf8_names_the_line_of_the_bad_byte(root, rel, text):
    line = line_of(root, rel, text)
    (root / rel).write_bytes((root / rel).read_bytes().replace(text.encode(), text.encode("gbk"), 1))
    assert_error(root, f"{rel}:{line}: not UTF-8: byte")


def test_article_tags_must_be_theme_slugs(root):
    rel = "content/articles/three-changes.md"
    line = edit(root, rel, "tags: [industry]", "tags: [industry, 工业]")
    assert_error(root, f"{rel}:{line}: tags: unknown theme '工业'")


# --- a value against its own quote --------------------------------------------------------------

def test_a_value_that_is_not_the_number_in_its_quote_is_an_error_naming_its_line(root):
    line = edit(root, NPF, "value: 2471", "value: 2476")
    message = assert_error(root, f"{NPF}:{line}: value:")
    assert "2476" in message and "去年，涪陵累计完成规上工业产值2471亿元" in message
    assert "corrections:" in message and "old_value: 2471" in message  # what to write instead


def test_a_value_changed_with_a_correction_of_the_quoted_number_loads(root):
    edit(root, NPF, "value: 2471\n", "value: 2476\n")
    edit(root, NPF, "      paragraph: p1\n    reviewed: true",
         "      paragraph: p1\n    corrections:\n      - date: 2024-04-01\n        old_value: 2471\n"
         "        reason: 统计局核定数为2476亿元。\n    reviewed: true")
    site = load_site(root)
    assert site.facts["industrial-output-2023"].value == 2476


def test_a_correction_whose_old_value_is_not_the_quote_is_an_error(root):
    edit(root, NPF, "value: 2471\n", "value: 2476\n")
    line = edit(root, NPF, "      paragraph: p1\n    reviewed: true",
                "      paragraph: p1\n    corrections:\n      - date: 2024-04-01\n        old_value: 2470\n"
                "        reason: 统计局核定。\n    reviewed: true") + 1
    assert_error(root, f"{NPF}:{line}: corrections:")


@pytest.mark.parametrize("quote, value, unit", [
    ("生产工人减少30%", -30, "%"),  # a fall is stored negative, printed without its sign
    ("全球四分之一", 25, "%"),
    ("产销成品榨菜占全国一半以上", 50, "%"),
    ("将实现产值200余万元", 0.02, "亿元"),
    ("新增国家级绿色工厂十二家", 12, "家"),
])
def test_quoted_numbers_in_the_forms_reports_print_match_their_values(quote, value, unit):
    from fuling.core.numbers import quote_matches_value

    assert quote_matches_value(quote, value, unit)


def test_a_quote_with_another_number_does_not_match():
    from fuling.core.numbers import quote_matches_value

    assert not quote_matches_value("全球四分之一", 20, "%")
    assert not quote_matches_value("将实现产值200余万元", 0.2, "亿元")


# --- proposals nobody has reviewed ----------------------------------------------------------------

def test_a_proposed_fact_nobody_reviewed_is_not_published_but_counted(root):
    site = load_site(root)
    assert "industrial-value-added-growth-2021" not in site.facts
    assert list(site.waiting) == ["industrial-value-added-growth-2021"]


def test_a_reference_to_a_fact_waiting_for_review_says_so(root):
    line = edit(root, "content/site.yaml", "  - high-tech-firms-2021", "  - industrial-value-added-growth-2021")
    message = assert_error(root, f"content/site.yaml:{line}: headline_facts:")
    assert "waits for review (content/facts/three-changes.yaml:" in message and "reviewed: true" in message


def test_a_chart_description_is_the_editors_sentence_with_its_references_filled(root):
    chart = "content/charts/industrial-output.yaml"
    edit(root, chart, "theme: industry", "description: 涪陵规上工业产值2023年为{fact:industrial-output-2023}。\ntheme: industry")
    site = load_site(root)
    assert site.charts["industrial-output"].description == "涪陵规上工业产值2023年为2471亿元。"
    from fuling.charts.figures import build_charts

    assert build_charts(site)["industrial-output"].description == "涪陵规上工业产值2023年为2471亿元。"


def test_a_chart_description_naming_an_unknown_fact_is_an_error_with_its_line(root):
    chart = "content/charts/industrial-output.yaml"
    line = edit(root, chart, "theme: industry", "description: 2023年为{fact:industrial-output-2033}。\ntheme: industry")
    message = assert_error(root, f"{chart}:{line}: description:")
    assert "industrial-output-2033" in message


def test_a_figure_typed_as_digits_in_a_chart_description_is_a_warning(root):
    chart = "content/charts/industrial-output.yaml"
    line = edit(root, chart, "theme: industry", "description: 2023年为2471亿元。\ntheme: industry")
    warnings = load_site(root).warnings
    assert any(w.startswith(f"{chart}:{line}: description: “2471亿元”") and "{fact:industrial-output-2023}" in w
               for w in warnings), warnings
