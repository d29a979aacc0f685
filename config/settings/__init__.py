"""Settings: base plus one module per integration. Everything comes from the environment."""
# ruff: noqa: I001

from .base import *  # noqa: F401,F403
from .database import *  # noqa: F401,F403
from .celery import *  # noqa: F401,F403
from .storage import *  # noqa: F401,F403
from .api import *  # noqa: F401,F403
from .cache import *  # noqa: F401,F403
from .screening import *  # noqa: F401,F403
from .security import *  # noqa: F401,F403
from .agreements import *  # noqa: F401,F403
