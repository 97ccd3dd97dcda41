"""folkmoot: publish the outcomes of People's Assemblies.

The core flows one way: load (yamlload, records) -> validate (validate,
safeguarding) -> model -> aggregate -> render. The MkDocs plugin
(mkdocs_plugin) is only the adapter that hands rendered pages to MkDocs.
"""

__version__ = "0.2.0"  # the one place the version is written; pyproject.toml reads it
