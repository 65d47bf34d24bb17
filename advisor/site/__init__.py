"""`advisor adr site`: the decision log as a static website (HTML + CSS + a small search script).

`build_site(log, options)` returns every file as bytes; `write_site(out, files)` swaps them in. See
docs/adr-log.md ("The site").
"""

from __future__ import annotations

from advisor.site.build import Site, SiteOptions, build_site
from advisor.site.output import write_site

__all__ = ["Site", "SiteOptions", "build_site", "write_site"]
