"""The journal's ideas in plain Python: no UI, no SQL. Rules take `now` as an argument."""
