# WASI executables: the hand-written modules of tests/wasi/wat, bound at
# /wat (boot/tests/wasi.rs assembles them). Exec, exit status and every
# kind of bad input; each ends only its own process.
# Threats proved here: TM-RES-017 (never yields), TM-RES-018 (memory),
# TM-RES-019 (traps and bad modules).

#### a module runs as a command and exits with proc_exit's status
/wat/hi.wasm; echo "status $?"
## STDOUT:
hi from wat
status 7
## END

#### installed in /bin without the suffix, it runs by name
mkdir -p /tmp/bin && cp /wat/hi.wasm /tmp/bin/hi && chmod +x /tmp/bin/hi
bind -b /tmp/bin /bin
hi; echo "status $?"
## STDOUT:
hi from wat
status 7
## END

#### a #! script can name a module as its interpreter
cp /wat/hi.wasm /tmp/hi && chmod +x /tmp/hi
printf '#!/tmp/hi\n' > /tmp/script && chmod +x /tmp/script
/tmp/script; echo "status $?"
## STDOUT:
hi from wat
status 7
## END

#### without an execute bit a module does not run
cp /wat/hi.wasm /tmp/x.wasm && chmod -x /tmp/x.wasm
/tmp/x.wasm; echo "status $?"
## STDOUT:
status 126
## END
## stderr-contains: Permission denied

#### its output goes down a pipe to a native command
/wat/hi.wasm | wc -c
## stdout: 12

#### a truncated module is refused with the reason
/wat/truncated.wasm; echo "status $?"; echo still-alive
## STDOUT:
status 126
still-alive
## END
## stderr-contains: truncated.wasm: Exec format error: wasm: invalid module

#### a malformed module is refused with the reason
/wat/garbage.wasm; echo "status $?"
## stdout: status 126
## stderr-contains: garbage.wasm: Exec format error: wasm: invalid module

#### unknown imports are all named
/wat/unknown-imports.wasm; echo "status $?"
## stdout: status 126
## stderr-contains: unknown imports: env::frobnicate, wasi_snapshot_preview1::fd_teleport

#### a module without _start is not a command
/wat/reactor.wasm; echo "status $?"
## stdout: status 126
## stderr-contains: no _start: not a WASI command

#### a trapping start ends only that process, as a fault
/wat/trap.wasm; echo "status $?"; echo still-alive
## STDOUT:
status 133
still-alive
## END
## stderr-contains: suicide: sys: trap: wasm `unreachable` instruction executed

#### an out-of-bounds write is a trap
/wat/oob.wasm; echo "status $?"
## stdout: status 133
## stderr-contains: sys: trap: out of bounds memory access

#### a stack overflow is a trap
/wat/deep.wasm; echo "status $?"
## stdout: status 133
## stderr-contains: sys: trap: call stack exhausted

#### a fault shows in the wait message
/wat/oob.wasm 2>/dev/null &
wait $!; echo "status $?"
## stdout: status 133

#### asking for 4 GiB of memory is refused by the mem limit
/wat/huge.wasm; echo "status $?"; echo still-alive
## STDOUT:
status 126
still-alive
## END
## stderr-contains: huge.wasm: wasm: cannot instantiate: memory limit reached (1 GiB)

#### memory.grow stops at the mem limit
/wat/grow.wasm; echo "status $?"
## STDOUT:
refused
status 32
## END
## limits: mem=32M

#### a guest that never yields is ended by kill
/wat/spin.wasm &
pid=$!
sleep 0.2
ps -o pid,stat,args | grep -c 'spin.wasm$'
kill $pid; wait $pid; echo "status $?"; echo still-alive
## STDOUT:
1
status 143
still-alive
## END

#### a guest that never yields is ended by kill -9
/wat/spin.wasm &
pid=$!
sleep 0.1
kill -9 $pid; wait $pid; echo "status $?"
## stdout: status 137

#### a guest that never yields is ended by the cpu limit
/wat/spin.wasm; echo "status $?"
## stdout: status 152
## stderr-contains: cpu time limit reached
## limits: cpu=1s

#### a guest that never yields is ended by the run's timeout
echo before; /wat/spin.wasm; echo never
## stdout: before
## status: 124
## stderr-contains: time limit reached
## limits: timeout=1s
