"""The SVG line chart: points where values are, gaps where a year has none, whole-number ticks for counts."""

from resurs.monitoring.charts import line_chart


def test_points_gaps_and_legend():
    svg = line_chart(
        [("Доля «2», %", {2023: 10, 2024: None, 2025: 30}), ("Качество", {2023: 50, 2024: 60, 2025: 70})],
        [2023, 2024, 2025],
        title="Результаты <школы>",
        y_max=100,
    )
    assert svg.startswith('<svg xmlns="http://www.w3.org/2000/svg"')
    assert "Результаты &lt;школы&gt;" in svg and "Доля «2», %" in svg
    assert svg.count("<polyline") == 1  # the first series is broken by the missing year: two single points
    assert svg.count("<circle") == 5
    # x of the three years: 48 + 576·(i + 0.5)/3 → 144, 336, 528; y of 50 on a 0–100 axis of 204 px: 28 + 102.
    assert 'points="144.0,130.0 336.0,109.6 528.0,89.2"' in svg


def test_count_axis_has_whole_ticks():
    svg = line_chart([("Школы", {2024: 1, 2025: 2})], [2024, 2025])
    ticks = [t for t in ("0", "1", "2", "3", "4") if f'text-anchor="end">{t}</text>' in svg]
    assert ticks == ["0", "1", "2", "3", "4"]
