#!/usr/bin/env bash
# python-9p (PyPI, import name `py9p`) and pytest in a venv: the
# independent 9P2000 client of the exporter's wire conformance suite
# (tests/9p/, run by the boot crate's test `serve::python_9p_conformance`).
# Exports NINEBOX_PY9P=<the venv's python>; see .ci/venv.sh.
set -u
cd "$(dirname "$0")/../.."
. .ci/venv.sh
make_venv 9p NINEBOX_PY9P "the 9P conformance suite" 'import py9p, pytest' 'python-9p==0.1.0' pytest
exit 0
