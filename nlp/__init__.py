"""nlp stage of cloudcredit."""
