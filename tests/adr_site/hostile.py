"""Records that try to run code in whoever opens the site: every trick sets `window.__pwned` if it works."""

from __future__ import annotations

from pathlib import Path

PWN = "window.__pwned=1"

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
}


def write_hostile(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in RECORDS.items():
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "0004-not-utf8.md").write_bytes(b"# 4. Latin-1 \xe9t\xe9\n\nDate: 2024-01-04\n")
    (folder / "0005-huge.md").write_bytes(b"# 5. Huge\n\n" + b"x" * (3 * 1024 * 1024))
