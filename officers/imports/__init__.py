"""Bulk import of values and benchmarks: read -> plan {add, change, reject} -> apply.

The file format is documented in officers/imports/reading.py (and the README). The plan is
what the upload preview shows and what `manage.py import_values` prints; nothing is written
until apply_plan() runs, in one transaction.
"""
