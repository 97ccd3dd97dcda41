"""Words: safe Markdown for text typed by the public, slugs, the site's language and its catalogues."""
