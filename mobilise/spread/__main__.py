"""``python -m mobilise.spread`` runs the console command."""

from .cli import run

run()
