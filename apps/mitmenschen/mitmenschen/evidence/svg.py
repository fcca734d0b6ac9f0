"""Charts as inline SVG, drawn on the server.

wkhtmltopdf runs little JavaScript, so the half-year report cannot use Frappe Charts: these few
functions draw grouped bars (and an optional line) into plain SVG that any PDF renderer prints.
"""

from dataclasses import dataclass
from html import escape

PALETTE = ("#2f6fb0", "#e08a2c", "#4c9a5b", "#b44b4b", "#7d5ba6", "#7f7f7f")
FONT = "font-family:sans-serif;font-size:12px"


@dataclass(frozen=True)
class Series:
	name: str
	values: list[float | None]
	kind: str = "bar"  # "bar" or "line"


def chart(labels: list[str], series: list[Series], width: int = 1000, height: int = 240) -> str:
	"""Grouped bars (and lines) over the labels, with a y axis from zero, a legend below."""
	left, right, top, bottom = 36, 8, 10, 46
	plot_w, plot_h = width - left - right, height - top - bottom
	values = [v for s in series for v in s.values if v is not None]
	peak = _nice_ceiling(max(values, default=0))
	n = max(len(labels), 1)
	slot = plot_w / n
	bars = [s for s in series if s.kind == "bar"]
	bar_w = slot * 0.8 / max(len(bars), 1)

	def y(value: float) -> float:
		return top + plot_h - (plot_h * value / peak if peak else 0)

	parts = [
		f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
		f'viewBox="0 0 {width} {height}" style="{FONT}">'
	]
	for i in range(5):  # grid lines and y labels
		value = peak * i / 4
		parts.append(
			f'<line x1="{left}" y1="{y(value):.1f}" x2="{width - right}" y2="{y(value):.1f}" stroke="#ddd"/>'
			f'<text x="{left - 4}" y="{y(value) + 3:.1f}" text-anchor="end" fill="#555">{_number(value)}</text>'
		)
	for index, s in enumerate(series):
		color = PALETTE[index % len(PALETTE)]
		if s.kind == "bar":
			offset = slot * 0.1 + bars.index(s) * bar_w
			for i, value in enumerate(s.values):
				if value:
					x = left + i * slot + offset
					parts.append(
						f'<rect x="{x:.1f}" y="{y(value):.1f}" width="{bar_w:.1f}" '
						f'height="{top + plot_h - y(value):.1f}" fill="{color}"/>'
					)
		else:
			points = " ".join(
				f"{left + (i + 0.5) * slot:.1f},{y(v):.1f}" for i, v in enumerate(s.values) if v is not None
			)
			parts.append(f'<polyline points="{points}" fill="none" stroke="{color}" stroke-width="2"/>')
			for point in points.split():
				x, y_ = point.split(",")
				parts.append(f'<circle cx="{x}" cy="{y_}" r="3" fill="{color}"/>')
	for i, label in enumerate(labels):
		parts.append(
			f'<text x="{left + (i + 0.5) * slot:.1f}" y="{top + plot_h + 13}" text-anchor="middle" '
			f'fill="#333">{escape(_shorten(str(label), slot))}</text>'
		)
	x = left
	for index, s in enumerate(series):  # legend
		color = PALETTE[index % len(PALETTE)]
		parts.append(
			f'<rect x="{x}" y="{height - 14}" width="10" height="10" fill="{color}"/>'
			f'<text x="{x + 14}" y="{height - 5}" fill="#333">{escape(s.name)}</text>'
		)
		x += 30 + 7 * len(s.name)
	parts.append("</svg>")
	return "".join(parts)


def _nice_ceiling(value: float) -> float:
	if value <= 0:
		return 1
	for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10000, 20000, 50000):
		if value <= step * 4:
			return step * 4
	return value


def _number(value: float) -> str:
	return f"{value:.0f}" if value == int(value) else f"{value:.1f}"


def _shorten(label: str, slot: float) -> str:
	room = max(int(slot / 6), 3)
	return label if len(label) <= room else label[: room - 1] + "…"
