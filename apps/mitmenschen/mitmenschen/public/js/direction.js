// Frappe's own website pages (login, 403, 404, the web forms) set `lang` on <html> but never `dir`:
// right-to-left languages, Sorani Kurdish included, need it. Our portal pages set both server-side.
(() => {
	const RTL_LANGUAGES = ["ar", "fa", "ckb", "he", "ps", "ur"];
	const html = document.documentElement;
	if (RTL_LANGUAGES.includes((html.lang || "").split("-")[0].toLowerCase())) html.dir = "rtl";
})();
