"""Every message the app sends leaves through this package.

- `mail`: the two ways out for email. `send_from_record` puts a mail on a record's timeline (a
  Communication, so a reply threads back in) and is the only caller of Frappe's private `_make`;
  `queue` hands a mail to Frappe's Email Queue (digests, invitations, house rules).
- `templates`: the texts, as per-language Email Templates that the cooperative edits in the desk;
  made from the app's translations on migrate and never overwritten once edited.

Channels other than email (SMS, WhatsApp, the letter queue) are added here, beside `mail`, so that a
caller says *whom* to tell *what*, never *how*.
"""
