"""packs stage of cloudcredit."""
