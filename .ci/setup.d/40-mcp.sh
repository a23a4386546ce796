#!/usr/bin/env bash
# The Python MCP client (PyPI `mcp` 2.3.0) and pytest in a venv, for the
# MCP server's suite (tests/mcp/, run by the boot crate's test
# `mcp::python_client`). Exports NINEBOX_MCP_PY=<the venv's python>.
# Idempotent: an existing venv that imports both is kept. If PyPI cannot
# be reached, says why and exits 0 (the Rust test then prints that it is
# skipped).
set -u
cd "$(dirname "$0")/../.."
venv="$PWD/target/ci/venv-mcp"
py="$venv/bin/python"
env_file="${CI_ENV:-/dev/null}"

have() {
    [ -x "$py" ] && timeout 60 "$py" -c 'import importlib.metadata as m, pytest, mcp; assert m.version("mcp") == "2.3.0"' >/dev/null 2>&1
}

if ! have; then
    if ! command -v python3 >/dev/null 2>&1; then
        echo "ci: python3 is missing; the MCP client suite is skipped"
        exit 0
    fi
    if ! timeout 120 python3 -m venv "$venv" >/dev/null 2>&1; then
        # Debian keeps ensurepip in python3-venv.
        if command -v apt-get >/dev/null 2>&1; then
            (timeout 300 apt-get install -y -q python3-venv ||
                (timeout 300 apt-get update -q && timeout 300 apt-get install -y -q python3-venv)) >/dev/null 2>&1
        fi
        rm -rf "$venv"
        if ! timeout 120 python3 -m venv "$venv" >/dev/null 2>&1; then
            echo "ci: could not make a python venv at $venv; the MCP client suite is skipped"
            exit 0
        fi
    fi
    log="$venv/pip.log"
    if ! timeout 600 "$py" -m pip install -q --disable-pip-version-check \
        --timeout 30 --retries 2 'mcp==2.3.0' pytest >"$log" 2>&1; then
        echo "ci: pip could not install mcp and pytest (PyPI unreachable?); the MCP client suite is skipped:"
        tail -n 3 "$log" | sed 's/^/ci:   /'
        exit 0
    fi
    if ! have; then
        echo "ci: the venv at $venv does not import mcp 2.3.0 and pytest; the MCP client suite is skipped"
        exit 0
    fi
fi
echo "NINEBOX_MCP_PY=$py" >>"$env_file"
exit 0
