"""Names from records made into addresses and file names, by one rule."""

from __future__ import annotations

import functools
import hashlib
import re
import unicodedata


MAX_NAME_BYTES = 120  # file systems allow 255 bytes a name; leave room for what is added around it


@functools.lru_cache(maxsize=65536)  # the same theme and body names recur on every page
def slugify(text: str) -> str:
    """A name from a record made into an address and file name: lowercase
    letters and digits of any script, joined by hyphens. Every file or folder
    name that comes from record text is made here, by this one rule.

    Accents are folded ("Café" -> "cafe"), other scripts are kept ("洪水");
    a name with no letters at all gets a short digest, so unrelated themes
    never share a page. A long name is cut to fit any file system (Bengali
    letters take three bytes each) and keeps a digest of the whole, so two
    long names that begin alike stay apart."""
    folded = "".join(c for c in unicodedata.normalize("NFKD", text.lower()) if not unicodedata.combining(c))
    slug = re.sub(r"[\W_]+", "-", folded).strip("-")
    if not slug:
        return "untitled-" + hashlib.sha256(text.strip().encode()).hexdigest()[:8]
    if len(slug.encode()) <= MAX_NAME_BYTES:
        return slug
    cut = slug.encode()[:MAX_NAME_BYTES - 9].decode("utf-8", "ignore").rstrip("-")
    return f"{cut}-{hashlib.sha256(slug.encode()).hexdigest()[:8]}"
