#!/usr/bin/env bash
# The WASI test programs: tests/wasi/*.c compiled to wasm32-wasi with
# Debian's clang-14, lld-14, wasi-libc and libclang-rt-14-dev-wasm32,
# fetched with `apt-get download` and unpacked with `dpkg -x` into a scratch
# root under target/ci (nothing is installed on the system). The programs
# go to target/ci/wasi/NAME.wasm; the ones the benchmark compares with the
# host are also compiled natively (target/ci/wasi/native/NAME).
# Exports NINEBOX_WASI_DIR=target/ci/wasi. The boot crate's WASI tests
# (boot/tests/wasi.rs) and the wasm benchmark find them there; without
# them those cases say they are skipped and why.
set -u
cd "$(dirname "$0")/../.."
ws=$PWD
root="$ws/target/ci/wasi-clang"
out="$ws/target/ci/wasi"
pkgs=(clang-14 libclang-cpp14 libllvm14 lld-14 libclang-common-14-dev wasi-libc libclang-rt-14-dev-wasm32)
clang="$root/usr/lib/llvm-14/bin/clang"
lld="$root/usr/lib/llvm-14/bin/wasm-ld"
export LD_LIBRARY_PATH="$root/usr/lib/llvm-14/lib:$root/usr/lib/x86_64-linux-gnu${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"

works() { [ -x "$clang" ] && timeout 60 "$clang" --version >/dev/null 2>&1; }

fetch() {
    local dl="$root/debs"
    mkdir -p "$dl"
    (cd "$dl" && timeout 300 apt-get download "$@" >/dev/null 2>&1) ||
        (timeout 300 apt-get update -q >/dev/null 2>&1 &&
            cd "$dl" && timeout 300 apt-get download "$@" >/dev/null 2>&1)
    local ok=0
    for deb in "$dl"/*.deb; do
        [ -e "$deb" ] || continue
        dpkg -x "$deb" "$root" || ok=1
    done
    return $ok
}

if ! works; then
    if ! command -v apt-get >/dev/null 2>&1; then
        echo "ci: apt-get is missing; the WASI test programs are not built and their tests are skipped"
        exit 0
    fi
    rm -rf "$root" && mkdir -p "$root"
    if ! fetch "${pkgs[@]}"; then
        echo "ci: could not download ${pkgs[*]}; the WASI test programs are not built and their tests are skipped"
        exit 0
    fi
    # The shared libraries clang needs that this machine lacks.
    missing=$(ldd "$clang" "$root/usr/lib/llvm-14/lib/libLLVM-14.so.1" 2>/dev/null | awk '/not found/ {print $1}' | sort -u)
    if [ -n "$missing" ]; then
        libs=()
        for so in $missing; do
            case $so in
                libz3.so.4) libs+=(libz3-4) ;;
                libedit.so.2) libs+=(libedit2) ;;
                libxml2.so.2) libs+=(libxml2 libicu72) ;;
                libffi.so.8) libs+=(libffi8) ;;
                libtinfo.so.6) libs+=(libtinfo6) ;;
                libbsd.so.0) libs+=(libbsd0 libmd0) ;;
                *) echo "ci: clang needs $so, which no package here is known to hold" ;;
            esac
        done
        [ ${#libs[@]} -gt 0 ] && fetch "${libs[@]}"
    fi
    if ! works; then
        echo "ci: the downloaded clang-14 does not run; the WASI test programs are not built and their tests are skipped"
        exit 0
    fi
fi

mkdir -p "$out/native"
failed=0
for src in "$ws"/tests/wasi/*.c; do
    [ -e "$src" ] || continue
    name=$(basename "$src" .c)
    if ! timeout 120 "$clang" --target=wasm32-wasi --sysroot="$root/usr" -fuse-ld="$lld" \
        -O2 -Wall -Werror -Wl,--strip-all -o "$out/$name.wasm.new" "$src" 2>"$out/$name.log"; then
        echo "ci: $src does not compile to wasm32-wasi:"
        sed 's/^/ci:   /' "$out/$name.log" | head -n 10
        failed=1
        continue
    fi
    mv "$out/$name.wasm.new" "$out/$name.wasm"
    rm -f "$out/$name.log"
done
# The benchmark's native counterparts.
for name in hello checksum; do
    if command -v cc >/dev/null 2>&1; then
        timeout 120 cc -O2 -o "$out/native/$name" "$ws/tests/wasi/$name.c" ||
            echo "ci: the host's cc cannot compile tests/wasi/$name.c; the benchmark skips its native side"
    fi
done
[ $failed -eq 0 ] || echo "ci: some WASI test programs did not compile; their tests fail"
echo "NINEBOX_WASI_DIR=$out" >>"${CI_ENV:-/dev/null}"
exit 0
