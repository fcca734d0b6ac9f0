// The reporter's voice messages, played in the case: each audio attachment (stored private; the clerk's
// session may read it) gets a player at the top of the form. Loaded beside the doctype's own form script
// (hooks.py doctype_js).
const MM_VOICE_FILE = /\.(webm|ogg|oga|opus|m4a|mp4|mp3|aac|wav)$/i;

frappe.ui.form.on("Mediation Case", {
	refresh(frm) {
		mm_show_voice_messages(frm);
	},
});

function mm_show_voice_messages(frm) {
	const files = ((frm.get_docinfo() || {}).attachments || []).filter((file) =>
		MM_VOICE_FILE.test(file.file_url || "")
	);
	if (frm.is_new() || !files.length) return;
	const players = files
		.map(
			(file) => `<div class="mm-voice-message" style="display:flex;flex-wrap:wrap;align-items:center;gap:.75rem;margin-bottom:.5rem">
				<audio controls preload="metadata" src="${encodeURI(file.file_url)}"></audio>
				<span class="text-muted">${frappe.utils.escape_html(file.file_name)}</span>
			</div>`
		)
		.join("");
	frm.dashboard.add_section(`<div class="mm-voice-messages">${players}</div>`, __("Voice Messages"));
	frm.dashboard.show();
}
