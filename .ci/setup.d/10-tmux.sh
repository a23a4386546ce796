#!/usr/bin/env bash
# tmux: the terminal tests drive the real binary in a pseudo-terminal.
set -u
command -v tmux >/dev/null 2>&1 && exit 0
if command -v apt-get >/dev/null 2>&1; then
    (apt-get install -y -q tmux || (apt-get update -q && apt-get install -y -q tmux)) >/dev/null 2>&1
fi
command -v tmux >/dev/null 2>&1 || echo "ci: tmux could not be installed; the pty tests will be skipped"
exit 0
