# WASI executables: the C programs of tests/wasi/*.c, compiled by
# .ci/setup.d/50-wasi-clang.sh and bound at /wasi (boot/tests/wasi.rs).
# Each sees the process's namespace, fds, environment and limits.
# Threats proved here: TM-ESC-004 (the namespace is the boundary),
# TM-RES-017 (a spinning C guest), TM-RES-018 (the memory bomb).

#### hello, world
/wasi/hello.wasm
## stdout: hello, world

#### arguments are the process's argv
/wasi/args.wasm one 'two words' '' --
## STDOUT:
argc=5
argv[0]=/wasi/args.wasm
argv[1]=one
argv[2]=two words
argv[3]=
## END

#### the environment is the process's
export GREETING=hi
/wasi/args.wasm -- GREETING HOME NOPE
## STDOUT:
argc=5
argv[0]=/wasi/args.wasm
GREETING=hi
HOME=/home/user
NOPE=(unset)
## END

#### env -i leaves the guest only what it was given
env -i A=1 B=2 /wasi/args.wasm
## STDOUT:
argc=1
argv[0]=/wasi/args.wasm
env A=1
env B=2
## END

#### stdin is the process's fd 0
echo hello from a pipe | /wasi/cat.wasm
## stdout: hello from a pipe

#### writing to a pipe read by a native wc
/wasi/cat.wasm /etc/passwd | wc -l
## stdout: 2

#### redirections are the process's fds
/wasi/cat.wasm < /etc/hostname > /tmp/out; cat /tmp/out
/wasi/cat.wasm -e oops < /dev/null 2>&1 | tr a-z A-Z
## STDOUT:
ninebox
OOPS
## END

#### a guest writing to a closed pipe ends as quietly as a native command
/wasi/cat.wasm /dev/zero | head -c 3 | wc -c
## stdout: 3

#### files: write, append, read, seek, pread
cd /tmp
/wasi/files.wasm write /tmp/f hello append /tmp/f world read /tmp/f seek /tmp/f 6 pread /tmp/f 1 4
## STDOUT:
write /tmp/f: ok
append /tmp/f: ok
hello
world
seek /tmp/f: at 6
world
seek /tmp/f: end 12
pread /tmp/f: [ello] offset still 0
## END

#### files: what the guest wrote, native commands read
/wasi/files.wasm write /tmp/g 'made by wasm' >/dev/null
cat /tmp/g; ls -l /tmp/g | awk '{print $1, $5}'
## STDOUT:
made by wasm
-rw-r--r-- 13
## END

#### directories: mkdir, rename, truncate, remove
/wasi/files.wasm mkdir /tmp/d write /tmp/d/x 12345 mv /tmp/d/x /tmp/d/y trunc /tmp/d/y 2 read /tmp/d/y
echo; /wasi/files.wasm rmdir /tmp/d rm /tmp/d/y rmdir /tmp/d excl /tmp/e excl /tmp/e
ls /tmp
## STDOUT:
mkdir /tmp/d: ok
write /tmp/d/x: ok
mv /tmp/d/x /tmp/d/y: ok
trunc /tmp/d/y: ok
12
rmdir /tmp/d: Directory not empty
rm /tmp/d/y: ok
rmdir /tmp/d: ok
excl /tmp/e: ok
excl /tmp/e: File exists
e
## END
## status: 0

#### errors carry the kernel's codes
/wasi/files.wasm read /nonexistent read /tmp write /proc/nope x
echo "status $?"
## STDOUT:
read /nonexistent: No such file or directory
read /tmp: Is a directory
write /proc/nope: Permission denied
status 1
## END

#### a file a bind -b put in front is the one read
mkdir /tmp/a /tmp/b
echo front > /tmp/a/f; echo back > /tmp/b/f
bind -b /tmp/a /tmp/b
/wasi/cat.wasm /tmp/b/f
## stdout: front

#### readdir of a union lists every member's names once
mkdir /tmp/a /tmp/b /tmp/b/sub
echo 1 > /tmp/a/one; echo 2 > /tmp/b/two; echo 3 > /tmp/a/two
bind -a /tmp/a /tmp/b
/wasi/ls.wasm /tmp/b | sort
## STDOUT:
d .
d ..
d sub
f one
f two
## END

#### readdir of a device and of /proc
/wasi/ls.wasm /dev | grep -c -e 'null$' -e 'zero$'
/wasi/ls.wasm /proc | grep -c ' self$'
## STDOUT:
2
1
## END

#### reading /proc/self/status
/wasi/cat.wasm /proc/self/status | awk '{print $1, $3}'
## stdout: cat.wasm Pread

#### stat: files, directories, devices, through a name and an fd
/wasi/stat.wasm /tmp /etc/passwd /dev/null /nonexistent
/wasi/stat.wasm -f /etc/hostname
## STDOUT:
/tmp: directory size=0 nlink=1 recent=yes
/etc/passwd: file size=71 nlink=1 recent=yes
/dev/null: character device size=0 nlink=1 recent=no
stat /nonexistent: No such file or directory
/etc/hostname: file size=8 nlink=1 recent=yes
## END

#### a guest trying to climb out with .. stays in the namespace
/wasi/files.wasm read ../../../../../etc/passwd | grep -c '^user:x:1000'
/wasi/ls.wasm ../../../.. | grep -c ' proc$'
/wasi/files.wasm read /etc/os-release
## STDOUT:
1
1
read /etc/os-release: No such file or directory
## END
## status: 1

#### the working directory of a guest is / (WASI preview1 has none)
cd /tmp
/wasi/files.wasm pwd write rel x
cat /rel; ls /tmp/rel 2>&1 | wc -l
## STDOUT:
pwd: /
write rel: ok
x
1
## END

#### clocks
/wasi/clock.wasm | tail -n +2
## STDOUT:
monotonic forward
resolution fine
cputime ok
## END

#### random bytes
/wasi/random.wasm 8 | tr -d '\n' | wc -c
## stdout: 16

#### exit status
/wasi/exit.wasm 3; echo "status $?"
/wasi/exit.wasm 0; echo "status $?"
## STDOUT:
exiting with 3
status 3
exiting with 0
status 0
## END

#### a trap in C code ends only that process
/wasi/exit.wasm trap; echo "status $?"; echo still-alive
## STDOUT:
exiting with trap
status 133
still-alive
## END
## stderr-contains: suicide: sys: trap: wasm `unreachable` instruction executed

#### a stack overflow in C code is a trap
# C's stack lives in linear memory below the data: running off its end is
# an out-of-bounds access (the wasm call stack itself: modules.test.sh).
/wasi/exit.wasm deep; echo "status $?"
## STDOUT:
exiting with deep
status 133
## END
## stderr-contains: sys: trap: out of bounds memory access

#### sleep through poll_oneoff
/wasi/sleep.wasm sleep 100
## STDOUT:
slept
at least 100 ms: yes
## END

#### poll waits for a pipe to become readable
(sleep 0.2; echo data) | /wasi/sleep.wasm poll 5000
## STDOUT:
readable: data
at least 5000 ms: no
## END

#### poll times out on a silent pipe
# Compiled first, so the poll starts long before the pipe's writer ends.
/wasi/sleep.wasm poll 1 </dev/null >/dev/null
sleep 2 | /wasi/sleep.wasm poll 100
## STDOUT:
timeout
at least 100 ms: yes
## END

#### a sleeping guest shows as Sleep and is killed at once
until_state() { # pid state: wait (5 s at most) until ps shows it
    for i in $(seq 50); do
        [ "$(awk '{print $3}' /proc/$1/status)" = "$2" ] && return 0
        sleep 0.1
    done
    return 1
}
/wasi/sleep.wasm sleep 60000 &
pid=$!
until_state $pid Sleep && echo Sleep
kill $pid; wait $pid; echo "status $?"
## STDOUT:
Sleep
status 143
## END

#### a spinning C guest is killed, and others run meanwhile
until_state() { # pid state: wait (5 s at most) until ps shows it
    for i in $(seq 50); do
        [ "$(awk '{print $3}' /proc/$1/status)" = "$2" ] && return 0
        sleep 0.1
    done
    return 1
}
/wasi/spin.wasm 1 > /dev/null
/wasi/spin.wasm &
pid=$!
until_state $pid Running
sleep 0.2
echo others run
ps -o stat,args | grep 'spin.wasm$' | awk '{print $1}'
kill $pid; wait $pid; echo "status $?"
## STDOUT:
spinning
others run
Running
status 143
## END

#### a spinning C guest is ended by the timeout
/wasi/spin.wasm 1 > /dev/null
/wasi/spin.wasm
## stdout: spinning
## status: 124
## limits: timeout=5s

#### a memory bomb stops at the mem limit
/wasi/membomb.wasm | sed 's/after [0-9]* MiB/after N MiB/'; echo "status ${PIPESTATUS[0]}"
## STDOUT:
malloc failed after N MiB
status 3
## END
## limits: mem=64M

#### the mem limit shows what the guest holds
until_state() { # pid state: wait (5 s at most) until ps shows it
    for i in $(seq 50); do
        [ "$(awk '{print $3}' /proc/$1/status)" = "$2" ] && return 0
        sleep 0.1
    done
    return 1
}
/wasi/sleep.wasm sleep 60000 &
until_state $! Sleep
grep '^mem' /proc/$!/limits | awk '{print ($4 > 65536) ? "counted" : "not counted: " $0}'
kill $!
## stdout: counted
