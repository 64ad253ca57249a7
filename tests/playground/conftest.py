"""Fixtures of the playground tests: a `py2wasm playground` server process
(see playground_helpers.py) shared by the security and API tests, started
with a 3 s time limit and a 1.5 GiB memory limit."""
from __future__ import annotations

import pytest

from playground_helpers import start_server, stop_server


@pytest.fixture(scope="session")
def server(tmp_path_factory):
    s = start_server(tmp_path_factory.mktemp("playground-tmp"), "--time-limit", "3",
                     "--memory-limit", "1536")
    yield s
    stop_server(s)
