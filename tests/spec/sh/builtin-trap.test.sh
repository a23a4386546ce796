# trap

#### trap-exit-runs-at-end
trap 'echo bye' EXIT
echo main
## STDOUT:
main
bye
## END

#### trap-exit-on-explicit-exit
trap 'echo cleanup' EXIT
exit 3
## status: 3
## stdout: cleanup

#### trap-exit-keeps-status
trap 'echo "in trap $?"' EXIT
false
## status: 1
## stdout: in trap 1

#### trap-exit-zero-signal-number
trap 'echo zero' 0
echo main
## STDOUT:
main
zero
## END

#### trap-reset-with-dash
trap 'echo never' EXIT
trap - EXIT
echo main
## stdout: main

#### trap-replace-handler
trap 'echo first' EXIT
trap 'echo second' EXIT
## stdout: second

#### trap-err
trap 'echo "err trap $?"' ERR
false
echo after
## STDOUT:
err trap 1
after
## END

#### trap-err-not-in-condition
trap 'echo err-trap' ERR
if false; then :; fi
false || true
echo done
## stdout: done

#### trap-int-via-kill
trap 'echo got INT' INT
kill -INT $$
echo after
## STDOUT:
got INT
after
## END

#### trap-term-via-kill
trap 'echo got TERM' TERM
kill -TERM $$
echo after
## STDOUT:
got TERM
after
## END

#### trap-ignore-empty-string
trap '' INT
kill -INT $$
echo survived
## stdout: survived

#### trap-signal-default-kills
bash -c 'kill -TERM $$; echo never'
echo status=$?
## stdout: status=143

#### trap-p-prints
trap 'echo x' EXIT
trap -p EXIT
trap - EXIT
## stdout: trap -- 'echo x' EXIT

#### trap-p-sig-names
trap 'echo hi' INT
trap -p INT
## stdout: trap -- 'echo hi' SIGINT

#### trap-list-all
trap 'echo t' TERM
trap 'echo u' USR1
trap
## STDOUT:
trap -- 'echo u' SIGUSR1
trap -- 'echo t' SIGTERM
## END

#### trap-exit-from-subshell
(trap 'echo sub-exit' EXIT; echo in-sub)
echo main
## STDOUT:
in-sub
sub-exit
main
## END

#### trap-exit-in-function-runs-at-shell-exit
f() { trap 'echo trap-at-end' EXIT; echo in-f; }
f
echo after-f
## STDOUT:
in-f
after-f
trap-at-end
## END

#### trap-handler-sees-variables
x=before
trap 'echo "x=$x"' EXIT
x=after
## stdout: x=after

#### trap-exit-runs-once-with-exit-in-handler
trap 'echo handler; exit 5' EXIT
echo main
## status: 5
## STDOUT:
main
handler
## END

#### trap-invalid-signal
trap 'echo x' NOSUCHSIG
echo $?
## stdout: 1
## STDERR:
sh: line 1: trap: NOSUCHSIG: invalid signal specification
## END

#### trap-multiple-signals
trap 'echo caught' USR1 USR2
kill -USR1 $$
kill -USR2 $$
## STDOUT:
caught
caught
## END

#### trap-output-order-with-set-e
trap 'echo exit-trap' EXIT
set -e
echo before
false
echo never
## status: 1
## STDOUT:
before
exit-trap
## END

#### trap-status-restored-after-handler
trap 'false' USR1
kill -USR1 $$
echo $?
## stdout: 0

#### kill-zero-self-status
kill -0 $$ && echo alive
## stdout: alive

#### kill-l-signal-name
kill -l 15
kill -l 2
## STDOUT:
TERM
INT
## END
