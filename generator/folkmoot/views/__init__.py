"""The site across records: what is published, upcoming and past, themes, the bodies asked
and their answers, and every address the site has."""
