// The desk's timeline in German for the clerks (issue #23): Frappe's version lines print an empty old
// value as "null" (its html2text turns null into the word). An empty value reads as "" instead.
(() => {
	const html2text = frappe.utils.html2text;
	frappe.utils.html2text = (html) => (html === null || html === undefined ? "" : html2text(html));
})();
