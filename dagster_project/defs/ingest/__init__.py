"""One asset per export kind, and the quarantine and clients tables of `raw`."""
