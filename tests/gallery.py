"""The screenshot gallery (docs/gallery.md): pictures of every desk route, portal page and print format
in logs/gallery/ with an index.html. One Gallery per run (the session fixture `gallery` in conftest.py):
the desk smoke test's pass adds the desk routes, tests/test_gallery.py the portal and the print formats;
the index is written at the end of the run."""

import html
import os
import re
from pathlib import Path
from urllib.parse import quote

from portal_world import BENCH

GALLERY = Path(os.environ.get("MM_GALLERY_DIR", BENCH / "logs" / "gallery"))


def slug(text: str) -> str:
	return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


class Gallery:
	def __init__(self) -> None:
		self.shots: list[tuple[str, str, str]] = []  # (section, caption, file)
		GALLERY.mkdir(parents=True, exist_ok=True)
		for old in GALLERY.glob("*.png"):
			old.unlink()

	def take(self, page, section: str, caption: str) -> str:
		name = f"{slug(section)}--{slug(caption)}.png"
		page.screenshot(path=str(GALLERY / name), full_page=True)
		self.shots.append((section, caption, name))
		return name

	def write_index(self) -> Path:
		sections: dict[str, list[str]] = {}
		for section, caption, name in self.shots:
			sections.setdefault(section, []).append(
				f'<figure><a href="{quote(name)}"><img src="{quote(name)}" loading="lazy"></a>'
				f"<figcaption>{html.escape(caption)}</figcaption></figure>"
			)
		body = "".join(
			f"<h2>{html.escape(section)} ({len(items)})</h2><div class=grid>{''.join(items)}</div>"
			for section, items in sections.items()
		)
		index = GALLERY / "index.html"
		index.write_text(
			'<!DOCTYPE html><html lang="de"><head><meta charset="utf-8"><title>Mit:Menschen – Galerie</title>'
			"<style>body{font-family:sans-serif;margin:1em}.grid{display:grid;"
			"grid-template-columns:repeat(auto-fill,minmax(260px,1fr));gap:12px}"
			"figure{margin:0;border:1px solid #ddd;padding:6px}img{width:100%;height:200px;"
			"object-fit:cover;object-position:top}figcaption{font-size:12px}</style></head>"
			f"<body><h1>Mit:Menschen – Galerie ({len(self.shots)} Bilder)</h1>{body}</body></html>",
			encoding="utf-8",
		)
		return index
