// Copyright (c) 2026, Mit:Menschen developers and contributors
// For license information, please see license.txt

const HOUSE_RULES_SENDING = "mitmenschen.households.house_rules_sending.";
const TRANSLATION_COLOURS = { Checked: "green", Outdated: "red", "To be checked by a native speaker": "orange" };

frappe.ui.form.on("House Rules", {
	setup(frm) {
		// districts and buildings: the group nodes of ERPNext's Location tree
		frm.set_query("property", "scope", (doc, cdt, cdn) =>
			locals[cdt][cdn].property_doctype === "Location" ? { filters: { is_group: 1 } } : {}
		);
	},
	refresh(frm) {
		set_translation_formatter(frm);
		show_translation_alert(frm);
		if (frm.is_new()) {
			return;
		}
		frm.add_custom_button(__("Pictogram Summary"), () => pictogram_dialog(frm));
		if (frm.perm[0]?.write && (frm.doc.translations || []).length) {
			frm.add_custom_button(__("Mark Translation as Checked"), () => mark_checked_dialog(frm));
		}
		load_older_version_households(frm);
	},
});

// The state of each translation as a coloured badge in the grid (Frappe applies a formatter kept in
// docfield_map to the grid's static rows).
function set_translation_formatter(frm) {
	const df = frappe.meta.docfield_map["House Rules Translation"]?.status;
	if (!df || df.formatter) {
		return;
	}
	df.formatter = (value) =>
		value
			? `<span class="indicator-pill ${TRANSLATION_COLOURS[value] || "gray"}">${__(value, null, "House Rules Translation")}</span>`
			: "";
	frm.fields_dict.translations.grid.refresh();
}

function show_translation_alert(frm) {
	if (frm.doc.translations_outdated) {
		frm.dashboard.set_headline_alert(
			__("{0} translation(s) checked against an older German text: outdated.", [frm.doc.translations_outdated]),
			"red"
		);
	} else if (frm.doc.translations_to_check) {
		frm.dashboard.set_headline_alert(
			__("{0} translation(s) to be checked by a native speaker.", [frm.doc.translations_to_check]),
			"orange"
		);
	}
}

function pictogram_dialog(frm) {
	const languages = ["de"].concat((frm.doc.translations || []).map((row) => row.language));
	frappe.prompt(
		[{ fieldname: "language", fieldtype: "Select", label: __("Language"), options: language_options(languages), default: "de", reqd: 1 }],
		(values) => {
			const params = new URLSearchParams({ house_rules: frm.doc.name, language: values.language });
			window.open("/api/method/" + HOUSE_RULES_SENDING + "download_pictograms?" + params.toString());
		},
		__("Pictogram Summary"),
		__("Open PDF")
	);
}

// each language under its own name (the Language records' titles the grid has already loaded)
function language_options(codes) {
	return codes.map((code) => ({
		value: code,
		label: frappe.utils.get_link_title("Language", code) || (code === "de" ? __("German") : code),
	}));
}

function mark_checked_dialog(frm) {
	frappe.prompt(
		[
			{
				fieldname: "language",
				fieldtype: "Select",
				label: __("Language"),
				options: language_options((frm.doc.translations || []).map((row) => row.language)),
				reqd: 1,
			},
			{ fieldname: "checked_by", fieldtype: "Data", label: __("Checked By"), reqd: 1 },
		],
		(values) =>
			frappe
				.call({
					method: "mitmenschen.households.doctype.house_rules.house_rules.mark_translation_checked",
					args: { house_rules: frm.doc.name, ...values },
					freeze: true,
				})
				.then(() => frm.reload_doc()),
		__("Mark Translation as Checked"),
		__("Checked")
	);
}

function load_older_version_households(frm) {
	const wrapper = frm.fields_dict.older_version_households.$wrapper;
	frappe
		.call({ method: HOUSE_RULES_SENDING + "older_version_households", args: { house_rules: frm.doc.name } })
		.then((r) => {
			const rows = r.message || [];
			if (!rows.length) {
				wrapper.html(`<p class="text-muted">${__("No household has acknowledged an older version and still lacks this one.")}</p>`);
				return;
			}
			const items = rows
				.map(
					(row) =>
						`<tr><td><a href="/app/refugee-household/${encodeURIComponent(row.name)}">${frappe.utils.escape_html(row.family_name)}</a></td>` +
						`<td>${frappe.utils.escape_html(row.acknowledged || __("before versions were kept"))}</td>` +
						`<td>${frappe.datetime.str_to_user(row.explained_on)}</td>` +
						`<td>${frappe.utils.escape_html(row.acknowledged_by || "")}</td></tr>`
				)
				.join("");
			wrapper.html(
				`<p>${__("{0} household(s) acknowledged an older version.", [rows.length])}</p>` +
					`<table class="table table-bordered table-sm"><thead><tr><th>${__("Household")}</th><th>${__("Version", null, "House Rules Explanation")}</th>` +
					`<th>${__("Explained On")}</th><th>${__("Acknowledged By")}</th></tr></thead><tbody>${items}</tbody></table>`
			);
			if (frm.perm[0]?.write) {
				frm.add_custom_button(__("Send to Households of Older Versions"), () => send_to_older(frm, rows.length));
			}
		});
}

function send_to_older(frm, count) {
	const outdated = (frm.doc.translations || []).filter((row) => row.status === "Outdated");
	const question = outdated.length
		? __("Send {0} to {1} household(s), each in its language? The translation into {2} was checked against an older German text.", [
				frm.doc.name,
				count,
				outdated.map((row) => row.language).join(", "),
		  ])
		: __("Send {0} to {1} household(s), each in its language?", [frm.doc.name, count]);
	frappe.confirm(question, () =>
		frappe
			.call({
				method: HOUSE_RULES_SENDING + "send_to_older_version_households",
				args: { house_rules: frm.doc.name, confirm_outdated: outdated.length ? 1 : 0 },
			})
			.then((r) =>
				frappe.show_alert({
					message: __("Sending to {0} household(s) in the background.", [r.message.households]),
					indicator: "blue",
				})
			)
	);
}
