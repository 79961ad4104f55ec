"""Charts drawn on the server as SVG: no script, no CDN, nothing for the CSP to allow.

Colours are presentation attributes (not style attributes, which ``style-src 'self'`` would
block). Every chart has a title and a description for screen readers, and each page shows
the same numbers in a table beside it.
"""

from __future__ import annotations

from django.utils.html import escape
from django.utils.safestring import mark_safe

BLUE, DARK, GREY = "#1d70b8", "#0b0c0c", "#b1b4b6"
PALETTE = ("#1d70b8", "#f47738", "#00703c", "#912b88", "#d4351c", "#5694ca", "#85994b", "#6f72af")
FONT = 'font-family="Arial, Helvetica, sans-serif"'


def _label(text: str, limit: int = 42) -> str:
    return escape(text if len(text) <= limit else text[: limit - 1] + "…")


def bars(title: str, rows: list[tuple[str, float]], *, unit: str = "", width: int = 640) -> str:
    """A horizontal bar chart of (label, value) rows."""
    row_h, left, right = 26, 270, 60
    height = max(1, len(rows)) * row_h + 10
    top = max((v for _, v in rows), default=0) or 1
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="bd-chart" role="img" viewBox="0 0 {width} {height}" '
             f'width="100%" aria-label="{escape(title)}"><title>{escape(title)}</title>'
             f'<desc>{escape("; ".join(f"{k}: {v:g}{unit}" for k, v in rows) or "No data")}</desc>']
    if not rows:
        parts.append(f'<text x="0" y="20" {FONT} font-size="14" fill="{DARK}">No data yet</text>')
    for i, (label, value) in enumerate(rows):
        y = 5 + i * row_h
        w = (width - left - right) * (value / top)
        parts.append(f'<text x="{left - 8}" y="{y + 17}" text-anchor="end" {FONT} font-size="13" '
                     f'fill="{DARK}">{_label(label)}</text>')
        parts.append(f'<rect x="{left}" y="{y + 3}" width="{w:.1f}" height="{row_h - 8}" fill="{BLUE}"/>')
        parts.append(f'<text x="{left + w + 6:.1f}" y="{y + 17}" {FONT} font-size="13" fill="{DARK}">'
                     f'{value:g}{escape(unit)}</text>')
    parts.append("</svg>")
    return mark_safe("".join(parts))


def columns(title: str, periods: list[str], series: dict[str, list[float]], *, width: int = 640,
            height: int = 240) -> str:
    """Stacked columns: one per period, a stack per series, with a legend."""
    left, bottom, top_pad = 40, 40, 10
    legend_h = 20 * ((len(series) + 2) // 3)
    totals = [sum(vals[i] for vals in series.values()) for i in range(len(periods))]
    peak = max(totals, default=0) or 1
    plot_h = height - bottom - top_pad
    slot = (width - left) / max(1, len(periods))
    desc = "; ".join(f"{p}: " + ", ".join(f"{name} {vals[i]:g}" for name, vals in series.items() if vals[i])
                     for i, p in enumerate(periods))
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="bd-chart" role="img" '
             f'viewBox="0 0 {width} {height + legend_h}" width="100%" aria-label="{escape(title)}">'
             f'<title>{escape(title)}</title><desc>{escape(desc or "No data")}</desc>',
             f'<line x1="{left}" y1="{top_pad + plot_h}" x2="{width}" y2="{top_pad + plot_h}" stroke="{GREY}"/>',
             f'<text x="{left - 6}" y="{top_pad + 10}" text-anchor="end" {FONT} font-size="12" '
             f'fill="{DARK}">{peak:g}</text>']
    for i, period in enumerate(periods):
        x = left + i * slot + slot * 0.15
        y = top_pad + plot_h
        for n, vals in enumerate(series.values()):
            h = plot_h * vals[i] / peak
            if h:
                y -= h
                parts.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{slot * 0.7:.1f}" height="{h:.1f}" '
                             f'fill="{PALETTE[n % len(PALETTE)]}"/>')
        parts.append(f'<text x="{x + slot * 0.35:.1f}" y="{top_pad + plot_h + 16}" text-anchor="middle" {FONT} '
                     f'font-size="11" fill="{DARK}">{escape(period)}</text>')
        if totals[i]:
            parts.append(f'<text x="{x + slot * 0.35:.1f}" y="{y - 4:.1f}" text-anchor="middle" {FONT} '
                         f'font-size="11" fill="{DARK}">{totals[i]:g}</text>')
    for n, name in enumerate(series):
        lx, ly = (n % 3) * (width / 3), height + (n // 3) * 20
        parts.append(f'<rect x="{lx:.1f}" y="{ly - 10}" width="12" height="12" fill="{PALETTE[n % len(PALETTE)]}"/>')
        parts.append(f'<text x="{lx + 16:.1f}" y="{ly}" {FONT} font-size="12" fill="{DARK}">{_label(name, 34)}</text>')
    parts.append("</svg>")
    return mark_safe("".join(parts))
