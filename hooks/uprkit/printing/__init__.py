"""Printable PDFs of the factsheets (WeasyPrint): one per factsheet and language, café
table piles, and two-sided bilingual handouts, rendered in worker processes and kept in
a content-addressed cache."""
