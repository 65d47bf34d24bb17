"""`advisor check` as a linter: rule ids and severities, the config file, and the output formats."""
