"""Server-side SVG line charts of dynamics (no JavaScript, no CDN: the system runs in closed networks)."""

import math
from html import escape

from django.utils.safestring import mark_safe

COLORS = ["#0d6efd", "#dc3545", "#198754", "#fd7e14", "#6f42c1", "#20c997"]


def line_chart(series, years, *, title="", y_max=None, width=640, height=260):
    """An SVG of `series` = [(label, {year: number or None})] over `years`; gaps where a value is missing."""
    left, right, top, bottom = 48, 16, 28, 28
    plot_w, plot_h = width - left - right, height - top - bottom
    legend_top = height + 8
    height += 18 * len(series)  # one legend line per series: long Russian labels never overlap
    values = [float(v) for _label, points in series for v in points.values() if v is not None]
    # Without a given maximum, whole steps of a quarter of the axis: counts of schools read 0, 1, 2, … never 0.5.
    top_value = y_max or max(4, math.ceil(max(values, default=0) * 1.1 / 4) * 4)
    years = list(years)

    def x(i):
        return left + (plot_w * (i + 0.5) / max(len(years), 1))

    def y(v):
        return top + plot_h - plot_h * float(v) / top_value

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="{escape(title)}" class="chart" style="max-width:100%;height:auto">',
        f'<text x="{left}" y="16" font-size="13" font-weight="bold">{escape(title)}</text>',
    ]
    for step in range(5):
        value = top_value * step / 4
        parts.append(
            f'<line x1="{left}" x2="{width - right}" y1="{y(value):.1f}" y2="{y(value):.1f}" stroke="#dee2e6"/>'
            f'<text x="{left - 6}" y="{y(value) + 4:.1f}" font-size="11" text-anchor="end">{value:g}</text>'
        )
    for i, year in enumerate(years):
        parts.append(f'<text x="{x(i):.1f}" y="{top + plot_h + 16}" font-size="11" text-anchor="middle">{year}</text>')
    for n, (label, points) in enumerate(series):
        color = COLORS[n % len(COLORS)]
        segment = []
        segments = []
        for i, year in enumerate(years):
            value = points.get(year)
            if value is None:
                if segment:
                    segments.append(segment)
                segment = []
                continue
            segment.append((x(i), y(value), value))
        if segment:
            segments.append(segment)
        for seg in segments:
            if len(seg) > 1:
                coords = " ".join(f"{px:.1f},{py:.1f}" for px, py, _v in seg)
                parts.append(f'<polyline fill="none" stroke="{color}" stroke-width="2" points="{coords}"/>')
            for px, py, value in seg:
                parts.append(
                    f'<circle cx="{px:.1f}" cy="{py:.1f}" r="3" fill="{color}"><title>{escape(label)}: '
                    f"{escape(str(value))}</title></circle>"
                )
        legend_y = legend_top + 18 * n
        parts.append(
            f'<rect x="{left}" y="{legend_y - 9}" width="10" height="10" fill="{color}"/>'
            f'<text x="{left + 14}" y="{legend_y}" font-size="11">{escape(label)}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))
