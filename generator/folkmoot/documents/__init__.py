"""Evidence submissions and letters: their words (evidence, letters) and their Word and
OpenDocument files (office)."""
