"""A log that uses what the site draws and copies: images (inside and outside the ADR folder), a Mermaid
diagram, tags, and the hostile versions of each (a symlinked image, one outside the repository, an enormous
one, a FIFO, an SVG with a script, a Mermaid block with click callbacks and an init directive)."""

from __future__ import annotations

import os
import struct
import zlib
from pathlib import Path

PWN = "window.__pwned=1"


def png(width: int, height: int) -> bytes:
    raw = b"".join(b"\x00" + b"\x20\x80\xc0" * width for _ in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")


DIAGRAM = """```mermaid
graph TD
  A[Client] --> B{Gateway}
  B --> C[Service]
```"""

HOSTILE_DIAGRAM = f"""```mermaid
%%{{init: {{"securityLevel": "loose", "startOnLoad": true}}}}%%
graph TD
  A["<img src=x onerror={PWN}>"] --> B[Pwn]
  click A call {PWN.split("=")[0]}()
  click B href "javascript:{PWN}"
  C["<script>{PWN}</script>"]
```"""

RECORDS = {
    "0001-draw-the-flow.md": f"""---
status: accepted
date: 2026-01-01
tags: [security, data]
---

# Draw the flow

![The flow](images/flow.png) and the [architecture overview](../../design/overview.png).

{DIAGRAM}
""",
    "0002-plain.md": """---
status: proposed
date: 2026-01-02
tags: data
---

# Keep it plain

No diagram here; [the spreadsheet](../../design/sheet.html) stays in the repository.
""",
    "0003-hostile-files.md": """---
status: accepted
date: 2026-01-03
---

# Hostile files

![linked](images/link.png) ![outside](../../../outside.png) ![huge](images/huge.png) ![fifo](images/pipe.png)
![svg](images/evil.svg) ![safe svg](images/ok.svg) ![hidden](../../.git/logo.png)
""",
    "0004-hostile-diagram.md": f"""---
status: accepted
date: 2026-01-04
tags: [security]
supersedes: ADR-0003
---

# Hostile diagram

{HOSTILE_DIAGRAM}
""",
}


def rich_repository(root: Path) -> Path:
    """`root/docs/adr` with the records above, their files, and a secret beside the repository. Returns the folder."""
    adr = root / "docs" / "adr"
    (adr / "images").mkdir(parents=True)
    (root / "design").mkdir()
    (root / ".git").mkdir()
    for name, text in RECORDS.items():
        (adr / name).write_text(text, encoding="utf-8")
    (adr / "images" / "flow.png").write_bytes(png(40, 30))
    (root / "design" / "overview.png").write_bytes(png(12, 8))
    (root / "design" / "sheet.html").write_text(f"<script>{PWN}</script>")
    (root.parent / "outside.png").write_bytes(png(2, 2))  # outside the repository: never looked at
    (root / ".git" / "logo.png").write_bytes(png(2, 2))
    (root / "secret.png").write_bytes(b"SECRET-IMAGE-BYTES")
    (adr / "images" / "link.png").symlink_to("../../../secret.png")
    with open(adr / "images" / "huge.png", "wb") as handle:
        handle.truncate(11 * 1024 * 1024)  # sparse: enormous to read, nothing on disk
    os.mkfifo(adr / "images" / "pipe.png")  # a read would wait forever
    (adr / "images" / "evil.svg").write_text(
        f'<svg xmlns="http://www.w3.org/2000/svg"><script>{PWN}</script><rect width="5" height="5"/></svg>'
    )
    (adr / "images" / "ok.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>'
    )
    return adr
