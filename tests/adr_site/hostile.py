"""Records that try to run code in whoever opens the site: every trick sets `window.__pwned` if it works."""

from __future__ import annotations

import os
from pathlib import Path

PWN = "window.__pwned=1"
SECRET = "ghp_TOKEN_THAT_CI_LEFT_IN_GIT_CONFIG"

RECORDS = {
    "0001-script-tags.md": f"""---
status: accepted
date: 2024-01-01
---

# Scripts <script>{PWN}</script> in the title

<script>{PWN}</script>

<img src="x" onerror="{PWN}">

<iframe src="javascript:{PWN}"></iframe>

[click me](javascript:{PWN}) and [data](data:text/html;base64,PHNjcmlwdD53aW5kb3cuX19wd25lZD0xPC9zY3JpcHQ+)

<a href="javascript:{PWN}">raw link</a> <svg onload="{PWN}"></svg>

<details open ontoggle="{PWN}"><summary>s</summary></details>

<style>body {{ display: none }}</style><object data="javascript:{PWN}"></object>
""",
    "0002-closing-script.md": f"""# 2. </script><script>{PWN}</script> breaks out

Date: 2024-01-02

## Status

Accepted

Amends [1. x" onmouseover="{PWN}](0001-script-tags.md)

## Context

Text with \u2028 a line separator and </script><script>{PWN}</script> again, and a
`<img src=x onerror={PWN}>` in code.
""",
    "0003-front-matter.md": f"""---
status: "<img src=x onerror={PWN}>"
date: "<script>{PWN}</script>"
decision-makers: ["<b onmouseover={PWN}>me</b>"]
---

# <img src=x onerror={PWN}> front matter
""",
    # advisor's own fields: a generated file whose name is a script URL, committed under the site folder
    "0006-generated-script-url.md": f"""---
status: proposed
date: 2024-01-06
advisor:
  format: 1
  answers: {{}}
  generated:
  - {{path: "site/javascript:{PWN}", sha256: {"ab" * 32}}}
  - {{path: "site/data:text/html,x", sha256: {"ab" * 32}}}
---

# Generated files named like URLs

Links [to a name with a colon](javascript%3A{PWN}) and [up and out](../../../../etc/passwd).
""",
}


# Files a record references, which the site copies: a link to the checkout's token named like an image, one
# outside the repository, an enormous one, a FIFO, an SVG with a script; and a Mermaid block with callbacks.
RECORDS["0009-hostile-files.md"] = """# 9. Hostile files

Date: 2024-01-09

![token](images/token.png) ![outside](../../outside.png) ![huge](images/huge.png) ![fifo](images/pipe.png)
![svg](images/evil.svg) [svg link](images/evil.svg)
"""
RECORDS["0010-hostile-diagram.md"] = f"""# 10. Hostile diagram

Date: 2024-01-10

```mermaid
%%{{init: {{"securityLevel": "loose"}}}}%%
graph TD
  A["<img src=x onerror={PWN}>"] --> B["<script>{PWN}</script>"]
  click A call {PWN.split("=")[0]}()
  click B href "javascript:{PWN}"
```
"""


def write_hostile(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in RECORDS.items():
        (folder / name).write_text(text, encoding="utf-8")
    images = folder / "images"
    images.mkdir()
    (images / "token.png").symlink_to("../../.git/config")
    with open(images / "huge.png", "wb") as handle:
        handle.truncate(64 * 1024 * 1024)  # sparse: enormous to read, nothing on disk
    os.mkfifo(images / "pipe.png")  # a read would wait forever
    svg = f'<svg xmlns="http://www.w3.org/2000/svg" onload="{PWN}"><script>{PWN}</script></svg>'
    (images / "evil.svg").write_text(svg)
    (folder.parent.parent / "outside.png").write_bytes(b"\x89PNG outside the repository")
    (folder / "0004-not-utf8.md").write_bytes(b"# 4. Latin-1 \xe9t\xe9\n\nDate: 2024-01-04\n")
    (folder / "0005-huge.md").write_bytes(b"# 5. Huge\n\n" + b"x" * (3 * 1024 * 1024))
    (folder / "0007-secret.md").symlink_to("../.git/config")  # a record that is a link to the checkout's token
    (folder / "0008-markup-flood.md").write_text("# 8. Flood\n\n" + "![" * 500_000 + "\n" + "<div>" * 200_000)


def write_hostile_repository(root: Path) -> Path:
    """A checkout holding the hostile log in `adr/`, a token in `.git/config`, and a site folder that a previous
    build wrote and the pull request added files to (the names the generated list points at). Returns `adr/`."""
    (root / ".git").mkdir(parents=True)
    (root / ".git" / "config").write_text(f'[http]\n\textraheader = "AUTHORIZATION: basic {SECRET}"\n')
    site = root / "site"
    site.mkdir()
    (site / ".advisor-site").write_text("written by advisor adr site; replaced on every build\n")
    (site / f"javascript:{PWN}").write_text("x")
    (site / "data:text").mkdir()
    (site / "data:text" / "html,x").write_text("x")
    write_hostile(root / "adr")
    return root / "adr"
