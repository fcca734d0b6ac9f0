// Charts in the clerk's number format, with labels she can read (issue #23).
// Every desk chart (workspace and dashboard charts, report charts, form dashboards) is made with
// `new frappe.Chart(...)`, so this wraps that one constructor:
// - frappe-charts writes axis numbers and, for charts without a field type, tooltip values with
//   JavaScript's "1.5" (Frappe's own axis formatter too); they are written in the site's number format
//   ("1,5", "1.000").
// - frappe-charts cuts category labels to a share of the bar's width ("Hausor ..."); they are wrapped
//   onto two lines in the bar's whole width instead, and a label that still does not fit ends in "…"
//   and keeps its full text in a <title> (shown on hover). Legends cut to 18 characters get one too.
(() => {
	const Chart = frappe.Chart;
	if (!Chart || Chart.mm_localised) return;

	const MAX_LINES = 2; // a third line would run into the legend below

	function decimals(number) {
		const text = String(Math.round(number * 100) / 100);
		return text.includes(".") ? text.split(".")[1].length : 0;
	}

	// A number as JavaScript writes it ("1.5", "100.00", Frappe's shortened "1.5 K") in the site's
	// format ("1,5", "100", "1,5 K"); anything else as it is.
	function local_number(value) {
		if (typeof value === "number") {
			return Number.isFinite(value) ? format_number(value, null, decimals(value)) : value;
		}
		const match = typeof value === "string" && value.match(/^\s*(-?\d+(?:\.\d+)?)(\s+\S+)?\s*$/);
		if (!match) return value;
		const number = Number(match[1]);
		return format_number(number, null, decimals(number)) + (match[2] || "");
	}

	function localise(options) {
		const axis = (options.axisOptions = options.axisOptions || {});
		const given = axis.numberFormatter;
		// Frappe's own axis formatter (make_chart) shortens in JavaScript's format; another stays as given
		if (!given || given === frappe.utils.format_chart_axis_number) {
			axis.shortenYAxisNumbers = 1; // frappe-charts uses the formatter only with this set
			axis.numberFormatter = (label) => local_number(given ? given(label) : label);
		}
		// a tooltip formatter that formats (a field type's) is kept; the raw value is formatted here
		const tooltip = (options.tooltipOptions = options.tooltipOptions || {});
		const format_y = tooltip.formatTooltipY;
		tooltip.formatTooltipY = (value, ...args) => {
			const shown = format_y ? format_y(value, ...args) : value;
			return String(shown) === String(value) ? local_number(value) : shown;
		};
		return options;
	}

	// the width the SVG text element takes for a text (its own font, size and weight)
	function measure_with(element) {
		return (text) => {
			element.textContent = text;
			return element.getComputedTextLength();
		};
	}

	// the label's words in at most `max_lines` lines of `width` pixels; the last line ends in "…" if cut
	function wrap(label, width, element, max_lines) {
		const measure = measure_with(element);
		const fits = (text) => measure(text) <= width;
		const lines = [];
		let line = "";
		for (const word of label.split(/\s+/).filter(Boolean)) {
			const candidate = line ? `${line} ${word}` : word;
			if (fits(candidate) || !line) {
				line = candidate;
			} else {
				lines.push(line);
				line = word;
			}
		}
		if (line) lines.push(line);
		const ellipsis = (text) => {
			while (text.length > 1 && !fits(`${text}…`)) text = text.slice(0, -1);
			return `${text.trimEnd()}…`;
		};
		const cut = lines.length > max_lines || lines.some((l) => !fits(l));
		const shown = lines.slice(0, max_lines).map((l) => (fits(l) ? l : ellipsis(l)));
		if (lines.length > max_lines && !shown[max_lines - 1].endsWith("…")) {
			shown[max_lines - 1] = ellipsis(shown[max_lines - 1]);
		}
		return { lines: shown, cut };
	}

	function set_text(element, label, lines, cut) {
		element.textContent = "";
		lines.forEach((line, index) => {
			const tspan = document.createElementNS("http://www.w3.org/2000/svg", "tspan");
			if (index) {
				tspan.setAttribute("x", element.getAttribute("x") || "0");
				tspan.setAttribute("dy", "1.15em");
			}
			tspan.textContent = line;
			element.appendChild(tspan);
		});
		if (cut) {
			const title = document.createElementNS("http://www.w3.org/2000/svg", "title");
			title.textContent = label;
			element.appendChild(title);
		}
		element.dataset.mmLabel = label;
	}

	function relabel(chart) {
		const svg = chart.svg;
		const state = chart.state || {};
		if (!svg) return;
		const x_labels = (state.xAxis && state.xAxis.labels) || [];
		const x_texts = svg.querySelectorAll(".x.axis text");
		if (x_labels.length && x_texts.length === x_labels.length) {
			const band = chart.width / x_labels.length - 4;
			x_texts.forEach((element, index) => {
				const label = String(x_labels[index] ?? "");
				if (element.dataset.mmLabel === label) return;
				const { lines, cut } = wrap(label, band, element, MAX_LINES);
				set_text(element, label, lines, cut);
			});
		}
		// legends keep frappe-charts' length (their slots are narrow); a cut one gets its full name on hover
		const names = chart.legendTotals
			? (state.labels || []).slice(0, chart.legendTotals.length) // pie, donut, percentage
			: ((chart.data && chart.data.datasets) || []).map((d) => d.name); // state holds the first, empty draw
		const legend_texts = svg.querySelectorAll(".legend-dataset-label");
		if (names.length && legend_texts.length === names.length) {
			legend_texts.forEach((element, index) => {
				const label = String(names[index] ?? "");
				const shown = element.textContent;
				if (element.querySelector("title") || shown === label || !shown.endsWith("...")) return;
				element.textContent = `${shown.slice(0, -3).trimEnd()}…`;
				const title = document.createElementNS("http://www.w3.org/2000/svg", "title");
				title.textContent = label;
				element.appendChild(title);
			});
		}
	}

	function LocalisedChart(parent, options) {
		const chart = new Chart(parent, localise(options || {}));
		const container = chart && chart.container;
		if (!container) return chart;
		// frappe-charts redraws its SVG on resize and update: label each drawing once it is there
		let pending = false;
		const schedule = () => {
			if (pending) return;
			pending = true;
			requestAnimationFrame(() => {
				pending = false;
				relabel(chart);
			});
		};
		new MutationObserver(schedule).observe(container, { childList: true, subtree: true });
		schedule();
		return chart;
	}
	LocalisedChart.prototype = Chart.prototype;
	LocalisedChart.mm_localised = true;
	frappe.Chart = LocalisedChart;
})();
