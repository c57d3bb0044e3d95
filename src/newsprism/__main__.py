"""``python -m newsprism``: the command line."""

from .cli import main

main()
