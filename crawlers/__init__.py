"""crawlers stage of cloudcredit."""
