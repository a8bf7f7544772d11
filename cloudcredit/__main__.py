"""`python -m cloudcredit` runs the CLI."""

from cloudcredit.cli import main

main()
