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
		// a recorded voice message travels as a file
		form.querySelectorAll(".mm-recorder").forEach((el) => {
			if (el._recording) data.set(el.dataset.field, el._recording.blob, el._recording.filename);
		});
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

	// Voice messages recorded in the browser (MediaRecorder): one button starts and stops, the recording
	// can be listened to and deleted before it is sent with the form.
	function setup_recorder(el) {
		const button = el.querySelector(".mm-record");
		const start_label = el.querySelector(".mm-record-start");
		const stop_label = el.querySelector(".mm-record-stop");
		const time = el.querySelector(".mm-record-time");
		const result = el.querySelector(".mm-recording");
		const preview = el.querySelector(".mm-voice-preview");
		const max_seconds = parseInt(el.dataset.maxSeconds || "300", 10);
		el.hidden = false;
		if (!(navigator.mediaDevices && window.MediaRecorder)) {
			button.hidden = true;
			el.querySelector(".mm-record-unavailable").hidden = false;
			return;
		}
		let recorder = null;
		let timer = null;

		function show_recording(on) {
			start_label.hidden = on;
			stop_label.hidden = !on;
			button.classList.toggle("btn-danger", on);
			el.classList.toggle("is-recording", on);
		}

		async function start() {
			let stream;
			try {
				stream = await navigator.mediaDevices.getUserMedia({ audio: true });
			} catch (e) {
				button.hidden = true;
				el.querySelector(".mm-record-unavailable").hidden = false;
				return;
			}
			const chunks = [];
			recorder = new MediaRecorder(stream);
			recorder.ondataavailable = (event) => event.data.size && chunks.push(event.data);
			recorder.onstop = () => {
				stream.getTracks().forEach((track) => track.stop());
				const type = (recorder.mimeType || "audio/webm").split(";")[0];
				const blob = new Blob(chunks, { type });
				const extension = type.includes("mp4") ? "m4a" : type.includes("ogg") ? "ogg" : "webm";
				el._recording = { blob, filename: "voice-message." + extension };
				preview.src = URL.createObjectURL(blob);
				result.hidden = false;
				button.hidden = true;
				recorder = null;
			};
			recorder.start(1000);
			const began = Date.now();
			show_recording(true);
			time.textContent = "0:00";
			timer = setInterval(() => {
				const seconds = Math.floor((Date.now() - began) / 1000);
				time.textContent = Math.floor(seconds / 60) + ":" + String(seconds % 60).padStart(2, "0");
				if (seconds >= max_seconds) stop();
			}, 500);
		}

		function stop() {
			clearInterval(timer);
			show_recording(false);
			if (recorder && recorder.state !== "inactive") recorder.stop();
		}

		button.addEventListener("click", () => (recorder ? stop() : start()));
		el.querySelector(".mm-record-discard").addEventListener("click", () => {
			el._recording = null;
			preview.removeAttribute("src");
			result.hidden = true;
			button.hidden = false;
		});
	}

	document.querySelectorAll(".mm-recorder").forEach(setup_recorder);

	document.addEventListener("submit", (event) => {
		const form = event.target;
		if (form.matches("form[data-method]")) submit(form, event);
	});
})();
