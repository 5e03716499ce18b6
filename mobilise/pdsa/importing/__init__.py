"""Importing existing PDSA logs from CSV or Excel: read, check every row, then write all or nothing."""
