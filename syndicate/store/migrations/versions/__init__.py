"""One module per migration, oldest first (``0001_…``)."""
