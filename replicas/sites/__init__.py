"""One module per replicated site; each registers its routes on a Replica."""
