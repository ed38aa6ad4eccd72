"""Server-side SVG charts: named, described, escaped, with the same numbers as a table."""

from portal.dashboard.charts import Bar, Chart


def _chart(bars):
    return Chart("chart-x", "Sessions per month", "Sessions logged per month.", bars, "n", "m")


def test_chart_is_an_accessible_image_with_title_and_description():
    svg = str(_chart([Bar("March 2025", 4), Bar("April 2025", 2)]).svg)
    assert svg.startswith(
        '<svg class="chart" role="img" aria-labelledby="chart-x-title chart-x-desc"'
    )
    assert '<title id="chart-x-title">Sessions per month</title>' in svg
    assert (
        '<desc id="chart-x-desc">Sessions logged per month. March 2025: 4; April 2025: 2</desc>'
        in svg
    )
    assert "style=" not in svg and "<script" not in svg
    widths = [float(part.split('"')[0]) for part in svg.split('width="')[2:]]
    assert widths[0] == 2 * widths[1]  # bars are proportional to the values


def test_chart_escapes_labels_and_handles_zero_and_empty():
    svg = str(_chart([Bar('<script>alert("x")</script>', 0)]).svg)
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    assert 'width="0"' in svg
    assert str(_chart([]).svg) == ""
    assert _chart([]).empty


def test_long_labels_wrap_then_shorten_in_the_picture_but_not_in_the_text_alternative():
    label = "Alliance Nationale des Consommateurs et de l'Environnement"
    svg = str(_chart([Bar(label, 1.5, "1.5 h")]).svg)
    assert ">Alliance Nationale des Consommateurs et</text>" in svg
    assert ">de l&#x27;Environnement</text>" in svg
    assert "Alliance Nationale des Consommateurs et de l&#x27;Environnement: 1.5 h" in svg
    longer = str(_chart([Bar("word " * 30, 1)]).svg)
    assert longer.count('class="chart-label"') == 2 and "…</text>" in longer
