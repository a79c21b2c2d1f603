"""One module per view or dialog. Screens talk to the journal; widgets only post messages."""
