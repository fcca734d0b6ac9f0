# Copyright (c) 2026, Mit:Menschen developers and contributors
# For license information, please see license.txt

from frappe.model.document import Document


class FederationImport(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from mitmenschen.federation.doctype.federation_import_item.federation_import_item import (
			FederationImportItem,
		)

		imported_on: DF.Datetime | None
		items: DF.Table[FederationImportItem]
		kept_local: DF.Int
		published_on: DF.Datetime | None
		publisher: DF.Data | None
		version: DF.Data | None
	# end: auto-generated types
	pass
