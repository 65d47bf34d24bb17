"""One module per screen of the interview."""
