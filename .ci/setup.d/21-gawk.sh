#!/usr/bin/env bash
# GNU awk, the reference for awk's spec cases: with NINEBOX_SPEC_SHELL=bash
# the spec runner puts gawk first in PATH as `awk` (boot/tests/spec.rs), and
# the userland bench times it as awk's host side. Installs only if missing.
set -u
command -v gawk >/dev/null 2>&1 && exit 0
if command -v apt-get >/dev/null 2>&1; then
    (timeout 300 apt-get install -y -q gawk ||
        (timeout 300 apt-get update -q && timeout 300 apt-get install -y -q gawk)) >/dev/null 2>&1
fi
command -v gawk >/dev/null 2>&1 ||
    echo "ci: gawk could not be installed; awk's spec cases are checked against the system awk"
exit 0
