"""The ERP linkage: which doctypes hold tenants and property units (settings), the links and
connections panels on those records, staff access to them, and ERPNext's setup on a new site."""
