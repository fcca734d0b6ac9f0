"""The round table's evidence: one plain function per figure.

Reports (`*/report/*`), the dashboard's number cards and charts (`cards.py`) and the half-year report
(`half_year.py`) all call these functions and only present what they return, so a figure is defined
once and the same in every place it appears. Each function takes a `Period` and a `Scope` (district,
category, partner) from `period.py` and reads only indexed, stored columns of the cases: times in
working hours are stamped on the case when they happen (`mediation.sla.stamp_working_hours`), so no
figure replays the working calendar per case.

	cases.py         new and closed cases per month, the open backlog
	sla.py           first response and resolution within target, medians and 90th percentiles
	recurrence.py    buildings and flats where problems come back
	referrals.py     partners' answers to referrals, their round-table actions
	satisfaction.py  reporters' satisfaction where recorded
	households.py    households moved in, onboarding steps on time, needs referred and met
	key_figures.py   the figures of a period beside the previous one (half-year report, cards)

Nothing here reads a reporter's name, address or contact.
"""
