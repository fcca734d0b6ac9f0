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

const REFERRAL_API = "mitmenschen.households.referral.";

function refer_household(report, args) {
	// a manager gives the override's reason up front; a clerk is refused by the server with the reason
	frappe
		.call({
			method: REFERRAL_API + "consent_covers",
			type: "GET",
			args: { household: args.household, partner_organisation: args.partner_organisation },
		})
		.then((r) => {
			if (!r.message && frappe.user.has_role("Mit:Menschen Manager")) {
				ask_override_reason(report, args);
			} else {
				send_referral(report, args);
			}
		});
}

function ask_override_reason(report, args) {
	const explanation = __(
		"The family has not consented to a referral to {0}. As a manager you may refer anyway; your reason is recorded.",
		[args.partner_organisation]
	);
	frappe.prompt(
		[
			{ fieldtype: "HTML", options: `<p>${frappe.utils.escape_html(explanation)}</p>` },
			{ fieldname: "reason", fieldtype: "Small Text", label: __("Consent Override Reason"), reqd: 1 },
		],
		(values) => send_referral(report, { ...args, consent_override_reason: values.reason }),
		__("Refer without consent"),
		__("Refer")
	);
}

function send_referral(report, args) {
	frappe.call({
		method: REFERRAL_API + "refer_household",
		args,
		freeze: true,
		callback: (r) => {
			if (r.message) {
				frappe.show_alert({
					message: __("Referral {0} sent to {1}.", [r.message.name, args.partner_organisation]),
					indicator: "green",
				});
				report.refresh();
			}
		},
	});
}
