"""Words in the reader's or the editor's language: build messages, site labels, and
how numbers, dates and lists are written (Babel)."""
