"""evidence stage of cloudcredit."""
