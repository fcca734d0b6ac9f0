// Copyright (c) 2026, Mit:Menschen developers and contributors
// For license information, please see license.txt

// One click refers the household to the partner of the row, under the family's consent; without
// consent a manager is asked for the reason of the override, a clerk sees the refusal.
frappe.query_reports["Unmet Needs"] = {
	filters: [
		{ fieldname: "household", label: __("Household"), fieldtype: "Link", options: "Refugee Household" },
		{ fieldname: "district", label: __("District"), fieldtype: "Data" },
		{
			fieldname: "need",
			label: __("Need"),
			fieldtype: "Select",
			options: [
				"",
				{ value: "Kindergarten Place", label: __("Kindergarten Place") },
				{ value: "School Place", label: __("School Place") },
				{ value: "Interpreter", label: __("Interpreter") },
				{ value: "Language Course", label: __("Language Course") },
			],
		},
	],
	formatter(value, row, column, data, default_formatter) {
		if (column.fieldname === "refer" && data) {
			if (!data.partner_organisation) {
				return `<span class="text-muted">${__("No partner offers this here")}</span>`;
			}
			if (data.referral_status === "Requested" || data.referral_status === "Accepted") {
				return `<span class="text-muted">${__("Referred")}</span>`;
			}
			const esc = frappe.utils.escape_html;
			return `<button class="btn btn-xs btn-primary mm-refer"
				data-household="${esc(data.household)}" data-partner="${esc(data.partner_organisation)}"
				data-need="${esc(data.need)}" data-member="${esc(data.member || "")}">${__("Refer")}</button>`;
		}
		return default_formatter(value, row, column, data);
	},
	onload(report) {
		$(report.page.wrapper)
			.off("click.mm-refer")
			.on("click.mm-refer", ".mm-refer", function () {
				const b = $(this);
				refer_household(report, {
					household: b.attr("data-household"),
					partner_organisation: b.attr("data-partner"),
					need: b.attr("data-need"),
					member: b.attr("data-member") || null,
				});
			});
	},
};

function refer_household(report, args) {
	frappe.call({
		method: "mitmenschen.households.referral.refer_household",
		args,
		freeze: true,
		error: (r) => {
			const no_consent = r && r.exc_type === "ConsentRequiredError";
			if (no_consent && frappe.user.has_role("Mit:Menschen Manager") && !args.consent_override_reason) {
				frappe.prompt(
					{ fieldname: "reason", fieldtype: "Small Text", label: __("Consent Override Reason"), reqd: 1 },
					(values) => refer_household(report, { ...args, consent_override_reason: values.reason }),
					__("Refer without consent"),
					__("Refer")
				);
			}
		},
		callback: (r) => {
			if (r.message) {
				frappe.show_alert({ message: __("Referral {0} sent to {1}.", [r.message.name, args.partner_organisation]), indicator: "green" });
				report.refresh();
			}
		},
	});
}
