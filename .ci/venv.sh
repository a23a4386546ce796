# Sourced by the .ci/setup.d scripts that need a Python package: make (or
# keep) a venv under target/ci with the packages, and export its python
# for the tests through $CI_ENV.
#
#   make_venv NAME VAR SUITE CHECK PACKAGE...
#
# NAME: target/ci/venv-NAME; VAR: the variable written to $CI_ENV; SUITE:
# what is skipped if it cannot be made (for the message); CHECK: python
# code that succeeds when the venv is usable (an existing venv that passes
# it is kept). If python3 or PyPI cannot be had, says why and returns 0:
# the Rust test then prints that it is skipped.
make_venv() {
    local venv="$PWD/target/ci/venv-$1" var=$2 suite=$3 check=$4
    shift 4
    local py="$venv/bin/python" env_file="${CI_ENV:-/dev/null}"
    have() { [ -x "$py" ] && timeout 60 "$py" -c "$check" >/dev/null 2>&1; }
    if ! have; then
        if ! command -v python3 >/dev/null 2>&1; then
            echo "ci: python3 is missing; $suite is skipped"
            return 0
        fi
        if ! timeout 120 python3 -m venv "$venv" >/dev/null 2>&1; then
            # Debian keeps ensurepip in python3-venv.
            if command -v apt-get >/dev/null 2>&1; then
                (timeout 300 apt-get install -y -q python3-venv ||
                    (timeout 300 apt-get update -q && timeout 300 apt-get install -y -q python3-venv)) >/dev/null 2>&1
            fi
            rm -rf "$venv"
            if ! timeout 120 python3 -m venv "$venv" >/dev/null 2>&1; then
                echo "ci: could not make a python venv at $venv; $suite is skipped"
                return 0
            fi
        fi
        local log="$venv/pip.log"
        if ! timeout 600 "$py" -m pip install -q --disable-pip-version-check \
            --timeout 30 --retries 2 "$@" >"$log" 2>&1; then
            echo "ci: pip could not install $* (PyPI unreachable?); $suite is skipped:"
            tail -n 3 "$log" | sed 's/^/ci:   /'
            return 0
        fi
        if ! have; then
            echo "ci: the venv at $venv does not pass its check ($check); $suite is skipped"
            return 0
        fi
    fi
    echo "$var=$py" >>"$env_file"
}
