"""The MkDocs adapter: the only place that imports MkDocs. It hands the pages and files
the outputs made to MkDocs, and runs builds and previews."""
