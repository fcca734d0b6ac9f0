// Copyright (c) 2026, Mit:Menschen developers and contributors
// For license information, please see license.txt

frappe.listview_settings["House Rules"] = {
	add_fields: ["translations_to_check", "translations_outdated", "valid_from"],
	get_indicator(doc) {
		if (doc.translations_outdated) {
			return [__("{0} outdated", [doc.translations_outdated]), "red", "translations_outdated,>,0"];
		}
		if (doc.translations_to_check) {
			return [__("{0} to be checked by a native speaker", [doc.translations_to_check]), "orange", "translations_to_check,>,0"];
		}
		return [__("Translations checked"), "green", "translations_to_check,=,0"];
	},
};
