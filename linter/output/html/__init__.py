"""The HTML report: report.py turns results into view objects, templates/ lay them out."""
