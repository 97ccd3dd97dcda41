"""Reading and checking records: YAML with line numbers, the record contract, the model,
the site's settings, the published schema and safeguarding. Knows nothing of pages."""
