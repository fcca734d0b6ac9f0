// Copyright (c) 2026, Mit:Menschen developers and contributors
// For license information, please see license.txt
//
// Forms with an editable Datetime or Time field (the Round Table Meeting's start and end, the SLA
// policy's working day) did not render: "Cannot read properties of undefined (reading 'parent')".
// Frappe's Datetime and Time controls hide the seconds of their time picker when the time format has
// none (HH:mm, the German default) and expect Frappe's fork of air-datepicker, whose time picker has
// seconds (`$seconds`, `$secondsText`). This bench is built with air-datepicker 2.2.3 from npm, whose
// time picker has no seconds at all, so the control threw before the form's fields were drawn.
// Giving that time picker empty seconds elements makes the controls' "hide the seconds" a no-op,
// which is exactly right: there are no seconds to hide. With Frappe's fork nothing changes.
(() => {
	const Timepicker = $.fn.datepicker && $.fn.datepicker.Timepicker;
	if (!Timepicker || Timepicker.prototype.mitmenschen_seconds_guard) return;
	const build = Timepicker.prototype._buildHTML;
	Timepicker.prototype._buildHTML = function () {
		build.apply(this, arguments);
		this.$seconds = this.$seconds || $();
		this.$secondsText = this.$secondsText || $();
	};
	Timepicker.prototype.mitmenschen_seconds_guard = true;
})();
