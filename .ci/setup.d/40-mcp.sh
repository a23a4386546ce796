#!/usr/bin/env bash
# The Python MCP client (PyPI `mcp` 2.3.0) and pytest in a venv, for the
# MCP server's suite (tests/mcp/, run by the boot crate's test
# `mcp::python_client`). Exports NINEBOX_MCP_PY=<the venv's python>; see
# .ci/venv.sh.
set -u
cd "$(dirname "$0")/../.."
. .ci/venv.sh
make_venv mcp NINEBOX_MCP_PY "the MCP client suite" \
    'import importlib.metadata as m, pytest, mcp; assert m.version("mcp") == "2.3.0"' 'mcp==2.3.0' pytest
exit 0
