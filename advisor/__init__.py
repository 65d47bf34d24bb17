"""advisor: decide how to run the service mode of SPEC-0006 and write the ADR and deployment skeleton."""

from __future__ import annotations

__version__ = "0.1.0"
