#!/usr/bin/env bash
# The host tools the userland spec cases are checked against
# (NINEBOX_SPEC_SHELL=bash): bc, zip/unzip, xz, bzip2, file, cal (ncal),
# uuidgen, envsubst. Installs only what is missing.
set -u
want=(bc:bc zip:zip unzip:unzip xz:xz-utils bzip2:bzip2 file:file cal:ncal uuidgen:uuid-runtime envsubst:gettext-base)
missing=()
for pair in "${want[@]}"; do
    command -v "${pair%%:*}" >/dev/null 2>&1 || missing+=("${pair#*:}")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if command -v apt-get >/dev/null 2>&1; then
    (timeout 300 apt-get install -y -q "${missing[@]}" ||
        (timeout 300 apt-get update -q && timeout 300 apt-get install -y -q "${missing[@]}")) >/dev/null 2>&1
fi
for pair in "${want[@]}"; do
    command -v "${pair%%:*}" >/dev/null 2>&1 ||
        echo "ci: ${pair%%:*} (${pair#*:}) could not be installed; its spec cases cannot be checked against the host"
done
exit 0
