"""Everything the site publishes, each kind of output planning itself: pages, head tags,
share cards, photos, charts, feeds, open data and calendars."""
