"""uprkit: thematic UPR advocacy factsheets as a bilingual site and printable PDFs.

The package, from the bottom up (each layer imports only the ones below it):

* ``errors``, ``i18n/``: the one exception; messages, labels and formatting in each language;
* ``content/``: reading and checking data/ and factsheets/ into a typed ``Content``
  (no MkDocs here; ``load_content`` is the entry point);
* ``views/``: what each kind of page shows, as plain data for the templates;
* ``printing/``: the PDFs (WeasyPrint in worker processes, a content-addressed cache);
* ``site/``: the MkDocs side: generated pages, navigation, downloads, the data export,
  and ``languages.py``, the one module that knows how mkdocs-static-i18n builds;
* ``config.py`` + ``plugin.py``: the ``upr`` MkDocs plugin and its options;
* ``cli/``: the ``upr`` command (check, import...).
"""
