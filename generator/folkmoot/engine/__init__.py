"""Plumbing with no knowledge of records: the kept-work cache, the second process and the
site folder's safe swap."""
