"""Where folkmoot's own files are: templates, theme partials, guides, assets,
catalogues and the new-site skeleton, all inside the installed package.

Every module finds them here, so that moving a module into another folder
never changes what it finds, and `code_digest` covers the whole package.
"""

from __future__ import annotations

from pathlib import Path

PACKAGE = Path(__file__).resolve().parent  # generator/folkmoot/, or site-packages/folkmoot/

TEMPLATES = PACKAGE / "templates"  # Jinja2 page templates (a site's templates/ overrides them)
THEME = PACKAGE / "theme"  # partials added to the MkDocs theme (the search box)
GUIDES = PACKAGE / "guides"  # guides every site gets unless it has its own of the same name
ASSETS = PACKAGE / "assets"  # folkmoot's CSS and JavaScript
LOCALE = PACKAGE / "locale"  # translation catalogues
SKELETON = PACKAGE / "skeleton"  # what `folkmoot init` writes for a new organisation
