"""Architecture decision records: rendering, parsing, the log, and its checks."""
