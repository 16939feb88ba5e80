"""Server-side SVG charts for the desk (no script needed): pure, data in, markup out.

``bars(series, labels)`` draws stacked bars, one column per label (a minute, a week), one
colour per series, with a legend; every number is also in a ``<title>`` for the hover.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

COLOURS = ("#2e7d32", "#f9a825", "#c62828", "#6a1b9a", "#1565c0")


def bars(
    series: Sequence[tuple[str, Sequence[int]]],
    labels: Sequence[str],
    *,
    width: int = 720,
    height: int = 180,
    title: str = "",
) -> str:
    """Stacked bars: ``series`` is ``[(name, counts per label), …]``."""
    n = max(len(labels), 1)
    totals = [sum(s[1][i] for s in series) for i in range(len(labels))]
    top = max([*totals, 1])
    plot_h = height - 40
    step = (width - 40) / n
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}" class="chart">',
        f"<title>{escape(title)}</title>",
        f'<text x="0" y="12" font-size="11">{top}</text>',
        f'<line x1="36" y1="{plot_h + 4}" x2="{width}" y2="{plot_h + 4}" stroke="#999"/>',
    ]
    for i, label in enumerate(labels):
        x = 40 + i * step
        y = plot_h + 4.0
        for (name, counts), colour in zip(series, COLOURS, strict=False):
            v = counts[i]
            if not v:
                continue
            h = v / top * (plot_h - 10)
            y -= h
            out.append(
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{max(step - 2, 1):.1f}" height="{h:.1f}" '
                f'fill="{colour}"><title>{escape(label)} {escape(name)} {v}</title></rect>'
            )
    if labels:
        out.append(f'<text x="40" y="{height - 20}" font-size="11">{escape(labels[0])}</text>')
        out.append(
            f'<text x="{width}" y="{height - 20}" font-size="11" text-anchor="end">'
            f"{escape(labels[-1])}</text>"
        )
    x = 40
    for (name, counts), colour in zip(series, COLOURS, strict=False):
        out.append(f'<rect x="{x}" y="{height - 10}" width="10" height="10" fill="{colour}"/>')
        legend = f"{escape(name)} {sum(counts)}"
        out.append(f'<text x="{x + 14}" y="{height - 1}" font-size="11">{legend}</text>')
        x += 110
    out.append("</svg>")
    return "\n".join(out)
