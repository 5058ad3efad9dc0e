"""The suite's `xdist_group` marks, made to hold with pytest 9.2 (tests/conftest.py imports
the hook; tests/test_xdist_groups.py checks it on a scratch suite)."""

from __future__ import annotations

import pytest


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Make the `xdist_group` marks hold with pytest 9.2. On a worker, xdist 3.8 puts a test in
    its group by renaming it (``<id>@<group>``, which its scheduler reads) through the node's
    old ``_nodeid`` attribute; pytest 9.2 reads a node's id from ``_id``, so the new name was
    never seen, and every group's tests ran on both workers, each with its own server (found
    2026-12-06 with a scratch suite: six tests of one group ran on two workers). This runs after
    xdist's hook and gives the node the name xdist gave it."""
    from _pytest.nodeid import coerce_node_id

    if not getattr(config.option, "loadgroup", False):  # as xdist's own hook asks
        return
    for item in items:
        grouped = item.__dict__.get("_nodeid")
        if isinstance(grouped, str) and grouped != item.nodeid and hasattr(item, "_id"):
            item._id = coerce_node_id(grouped)
