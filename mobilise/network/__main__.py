"""``python -m mobilise.network`` runs the console command."""

from .cli import run

run()
