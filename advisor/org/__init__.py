"""`advisor org`: the organisation's view, one more front end above the pipeline.

It adds discovery (discover.py, catalog.py, config.py) and aggregation (read.py, state.py, listing.py, checks.py);
it decides, checks, writes and publishes through the same functions a single service uses.
"""
