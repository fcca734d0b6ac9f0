"""The pictogram sheet in right-to-left and Ethiopic script: rendered exactly as a household receives it
(`render_pictograms`, the PDF that is mailed and printed), turned into an image (pdftoppm), and every word of
every caption must lie inside its card (word boxes from `pdftotext -bbox-layout`; the cards found in the image
by their border colour). The sheet stays one page; its version line and footer speak the household's
language."""

import re
import subprocess
import tempfile
from pathlib import Path

import frappe
from frappe.tests.utils import FrappeTestCase
from PIL import Image, ImageChops

from mitmenschen.households.house_rules_sending import render_pictograms

DPI = 144
SCALE = DPI / 72  # PDF points -> image pixels
CARD_BORDER = (0xD9, 0xD9, 0xD9)  # .hr-grid td's border in the print format
MIN_CARD = 150  # px at DPI: a card is at least ~26 mm in both directions
TOLERANCE = 2  # px: anti-aliasing at the card's border
WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>')


def sample_rules():
	doc = frappe.get_doc(
		{
			"doctype": "House Rules",
			"title": "Hausordnung",
			"version": 3,
			"valid_from": "2026-01-01",
			"night_rest_from": "22:00",
			"night_rest_until": "06:00",
			"midday_rest_from": "13:00",
			"midday_rest_until": "15:00",
		}
	)
	doc.name = "Hausordnung v3"
	return doc


def card_boxes(image: Image.Image) -> list[tuple[int, int, int, int]]:
	"""The cards' rectangles: connected runs of the border colour (8-neighbourhood) big enough to be a card."""
	width = image.size[0]
	# a pixel of the border colour in all three channels (Pillow does the per-pixel work)
	channels = [
		channel.point(lambda v, b=b: 255 if abs(v - b) <= 10 else 0)
		for channel, b in zip(image.convert("RGB").split(), CARD_BORDER, strict=True)
	]
	mask = ImageChops.multiply(ImageChops.multiply(channels[0], channels[1]), channels[2])
	border = {(i % width, i // width) for i, value in enumerate(mask.getdata()) if value}
	boxes = []
	while border:
		stack = [border.pop()]
		xs, ys = [], []
		while stack:
			x, y = stack.pop()
			xs.append(x)
			ys.append(y)
			for dx in (-1, 0, 1):
				for dy in (-1, 0, 1):
					neighbour = (x + dx, y + dy)
					if neighbour in border:
						border.remove(neighbour)
						stack.append(neighbour)
		box = (min(xs), min(ys), max(xs), max(ys))
		if box[2] - box[0] >= MIN_CARD and box[3] - box[1] >= MIN_CARD:
			boxes.append(box)
	return boxes


def inside(box, card) -> bool:
	return (
		box[0] >= card[0] - TOLERANCE
		and box[1] >= card[1] - TOLERANCE
		and box[2] <= card[2] + TOLERANCE
		and box[3] <= card[3] + TOLERANCE
	)


def overlaps(box, card) -> bool:
	return box[0] < card[2] and box[2] > card[0] and box[1] < card[3] and box[3] > card[1]


class TestPictogramLayout(FrappeTestCase):
	def render(self, lang: str) -> tuple[str, Image.Image]:
		frappe.db.sql("select 1")  # renders take seconds: keep the test's connection from idling out
		folder = Path(tempfile.mkdtemp(prefix=f"pictograms-{lang}-"))
		pdf = folder / "sheet.pdf"
		pdf.write_bytes(render_pictograms(sample_rules(), lang))
		layout = subprocess.run(
			["pdftotext", "-bbox-layout", str(pdf), "-"], capture_output=True, text=True, check=True
		).stdout
		subprocess.run(
			["pdftoppm", "-r", str(DPI), "-png", "-singlefile", str(pdf), str(folder / "sheet")], check=True
		)
		return layout, Image.open(folder / "sheet.png")

	def assert_captions_inside_cards(self, lang: str) -> None:
		layout, image = self.render(lang)
		self.assertEqual(layout.count("<page "), 1, f"{lang}: the sheet must stay one page")
		cards = card_boxes(image)
		self.assertGreaterEqual(len(cards), 10, f"{lang}: the cards were not found in the image")
		escaped = []
		for match in WORD.finditer(layout):
			box = tuple(float(v) * SCALE for v in match.groups()[:4])
			center = ((box[0] + box[2]) / 2, (box[1] + box[3]) / 2)
			home = [c for c in cards if c[0] <= center[0] <= c[2] and c[1] <= center[1] <= c[3]]
			if home and not any(inside(box, card) for card in home):
				escaped.append(match.group(5))
			elif not home and any(overlaps(box, card) for card in cards):
				escaped.append(match.group(5))
			if box[0] < 0 or box[2] > image.size[0]:
				escaped.append(match.group(5))
		self.assertFalse(escaped, f"{lang}: caption text outside its card: {' '.join(escaped)[:300]}")
		return layout

	def test_arabic(self) -> None:
		self.assert_captions_inside_cards("ar")

	def test_sorani(self) -> None:
		self.assert_captions_inside_cards("ckb")

	def test_tigrinya(self) -> None:
		layout = self.assert_captions_inside_cards("ti")
		words = " ".join(m.group(5) for m in WORD.finditer(layout))
		# footer and version line in the household's language ("version 3"), not the German title
		self.assertIn("ሕታም 3", words)
		self.assertNotIn("Hausordnung", words)
