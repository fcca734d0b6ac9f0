"""What households, tenants and partner contacts read, and how far each language has it: the strings
found in the portal and mail files, coverage per language, and the checks volunteers enter in the desk
(Frappe's Translation doctype)."""
