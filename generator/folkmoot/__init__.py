"""folkmoot: publish the outcomes of People's Assemblies.

The stages flow one way, each folder importing only the ones below it:

    engine, text      plumbing and words (no knowledge of records)
    records           read, check and model one record
    views             the site across records, and every address
    documents         evidence submissions and letters
    outputs           every page and file the site publishes
    commands          what the `folkmoot` commands do
    mkdocs_plugin     the adapter that hands the outputs to MkDocs
    cli               the `folkmoot` command itself

pyproject.toml's import contracts keep it so (see tests/test_layout.py).
"""

__version__ = "0.2.0"  # the one place the version is written; pyproject.toml reads it
