"""The Textual front end (`advisor interview`). The only package that imports Textual."""
