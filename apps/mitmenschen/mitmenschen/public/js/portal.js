// Portal forms: <form data-method="dotted.path"> posts its fields (and files) to the whitelisted
// method, shows the server's message in the page's language and reloads or goes on; with data-confirm it
// asks first.
(function () {
	function message_area() {
		return document.querySelector(".mm-message");
	}

	function show(text, kind) {
		const area = message_area();
		if (!area) return alert(text);
		area.hidden = false;
		area.className = "mm-message alert alert-" + (kind || "danger");
		area.textContent = text;
		area.scrollIntoView({ block: "center" });
	}

	function server_message(data) {
		// Frappe sends validation messages as a JSON list of JSON objects; never show a traceback
		try {
			const messages = JSON.parse(data._server_messages || "[]").map((m) => {
				const parsed = typeof m === "string" ? JSON.parse(m) : m;
				const div = document.createElement("div");
				div.innerHTML = parsed.message || "";
				return div.textContent;
			});
			if (messages.length) return messages.join("\n");
		} catch (e) {
			/* fall through */
		}
		return null;
	}

	async function submit(form, event) {
		event.preventDefault();
		// a step that cannot be taken back asks first (data-confirm holds the question)
		if (form.dataset.confirm && !window.confirm(form.dataset.confirm)) return;
		const button = event.submitter || form.querySelector("[type=submit]");
		const data = new FormData(form);
		if (button && button.name) data.set(button.name, button.value);
		data.set("_lang", window.mm_portal.lang);
		// lists (checkbox groups, multi-selects) travel as one JSON array: Frappe keeps one value per key
		const lists = new Set();
		form.querySelectorAll("select[multiple], input[type=checkbox]").forEach((el) => lists.add(el.name));
		lists.forEach((key) => data.set(key, JSON.stringify(data.getAll(key))));
		const label = button ? button.textContent : "";
		if (button) {
			button.disabled = true;
			button.textContent = window.mm_portal.messages.sending;
		}
		let ok = false;
		let body = {};
		try {
			const response = await fetch("/api/method/" + form.dataset.method, {
				method: "POST",
				body: data,
				headers: { "X-Frappe-CSRF-Token": window.frappe && frappe.csrf_token, Accept: "application/json" },
				credentials: "same-origin",
			});
			body = await response.json().catch(() => ({}));
			ok = response.ok;
			if (!ok) show(server_message(body) || window.mm_portal.messages.failed);
		} catch (e) {
			show(window.mm_portal.messages.failed);
		}
		if (button) {
			button.disabled = false;
			button.textContent = label;
		}
		if (!ok) return;
		const next = form.dataset.next;
		if (next) {
			window.location.href = next.replace("{name}", encodeURIComponent((body.message || {}).name || ""));
		} else {
			window.location.reload();
		}
	}

	document.addEventListener("submit", (event) => {
		const form = event.target;
		if (form.matches("form[data-method]")) submit(form, event);
	});
})();
