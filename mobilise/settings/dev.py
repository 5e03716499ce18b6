"""Settings for `make run` on a laptop: embedded SQLite, console email."""

from .base import *  # noqa: F403
from .env import env_bool

DEBUG = env_bool("DEBUG", True)

# The demo programmes (`make run` seeds them) never ship to production.
INSTALLED_APPS = [*INSTALLED_APPS, "mobilise.demo"]  # noqa: F405
