import os
import sys

sys.path.insert(0, os.path.dirname(__file__))
from _fallback import install  # noqa: E402

install()
