"""Permite ``python -m simulador``."""

from simulador.cli import main

main()
