"""scoring stage of cloudcredit."""
