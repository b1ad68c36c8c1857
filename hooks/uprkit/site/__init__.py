"""The bilingual site MkDocs builds: generated pages, navigation, downloads, the data
export, sanitizing, and the one module that knows how languages are built."""
