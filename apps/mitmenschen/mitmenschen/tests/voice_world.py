"""A report's voice message and the mediator booked for its appointment (tests/test_mediator_voice.py).

`bench --site <site> execute mitmenschen.tests.voice_world.build` makes a case whose report has a
one-second voice message (WAV, stored privately as the tenant's form stores it), a booking for it
offered to two mediators of a dialect nobody else speaks, and lets the first accept; commits and
returns both links, the voice file's size and the case's secrets.
"""

import io
import math
import struct
import wave

import frappe
from frappe.utils import random_string

from mitmenschen.interpreting import links, offers
from mitmenschen.portal import uploads
from mitmenschen.tests import interpreting_world
from mitmenschen.tests.factories import make_case, make_household, make_tenant


def one_second_of_sound() -> bytes:
	"""A 440 Hz tone, 8 kHz mono 16-bit: a real audio file any browser plays."""
	buffer = io.BytesIO()
	with wave.open(buffer, "wb") as audio:
		audio.setnchannels(1)
		audio.setsampwidth(2)
		audio.setframerate(8000)
		audio.writeframes(
			b"".join(
				struct.pack("<h", int(8000 * math.sin(2 * math.pi * 440 * i / 8000))) for i in range(8000)
			)
		)
	return buffer.getvalue()


def build() -> dict:
	"""As interpreting_world.build_offered, without pointing the site's mail anywhere (nothing here is
	mailed to a test's inbox)."""
	frappe.set_user("Administrator")
	interpreting_world.settings()
	clerk = interpreting_world.clerk()
	tag = random_string(5)
	dialect = f"Syrisch-{tag}"
	mediators = [
		interpreting_world.mediator(dialect, f"Samira Mittler {tag}"),
		interpreting_world.mediator(dialect, f"Karim Mittler {tag}"),
	]
	household = make_household(
		family_name=f"Haddad {tag}",
		interpreter_language="ar",
		members=[{"member_name": f"Yusuf Haddad {tag}", "relation": "Child", "birth_year": 2016}],
	)
	tenant = make_tenant(f"Herr Beschwerde {tag}")
	case = make_case(
		subject=f"Laute Musik nachts im dritten Stock {tag}",
		description=f"<p>Seit Wochen Musik bis zwei Uhr nachts {tag}</p>",
		respondent_household=household.name,
		interpreter_language="ar",
		tenant_doctype="Customer",
		reporter_tenant=tenant.name,
		reporter_name=f"Bernd Beschwerde {tag}",
	)
	sound = one_second_of_sound()
	uploads.attach("Mediation Case", case.name, f"{case.name}-voice-message.wav", sound)
	booking = frappe.get_doc(
		{
			"doctype": "Interpreter Booking",
			"purpose_type": "Mediation Talk",
			"mediation_case": case.name,
			"interpreter_language": "ar",
			"dialect": dialect,
			"date": interpreting_world.appointment_day(),
			"start_time": "10:00:00",
			"duration_hours": 1,
			"mode": "Phone",
			"call_link": "+49 421 555 0142",
			"clerk": clerk,
		}
	).insert()
	booked, other = (
		{
			"offer": row.name,
			"mediator": row.mediator,
			"sig": links.signature(links.OFFER, row.name, row.mediator),
		}
		for row in booking.offers
	)
	assert offers.accept(booking.name, booked["offer"]) == "accepted"
	frappe.db.commit()
	return {
		"case": case.name,
		"booking": booking.name,
		"mediators": mediators,
		"booked": booked,
		"other": other,
		"voice_bytes": len(sound),
		"secrets": interpreting_world.secrets(case.name, household.name, tenant.name),
	}
