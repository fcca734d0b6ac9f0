// The letter queue: a clerk prints every queued letter as one PDF (outbound/letters.py).
frappe.listview_settings["Outbound Message"] = {
	add_fields: ["status", "channel"],
	get_indicator(doc) {
		const colour = { Queued: "orange", Sent: "green", Failed: "red" }[doc.status] || "gray";
		return [__(doc.status), colour, `status,=,${doc.status}`];
	},
	onload(listview) {
		listview.page.add_inner_button(__("Print Letters"), async () => {
			const { message } = await frappe.call({
				method: "mitmenschen.outbound.letters.print_letters",
				type: "POST",
			});
			if (!message.count) {
				frappe.msgprint(__("No letters are waiting to be printed."));
				return;
			}
			frappe.show_alert({ message: __("{0} letters printed.", [message.count]), indicator: "green" });
			window.open(message.file_url);
			listview.refresh();
		});
	},
};
