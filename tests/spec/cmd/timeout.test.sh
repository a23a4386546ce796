# timeout: run a command with a time limit (GNU coreutils 9.1)

#### command-finishes-in-time
timeout 5 echo hello; echo "st=$?"
## STDOUT:
hello
st=0
## END

#### command-status-passes-through
timeout 5 sh -c 'exit 3'; echo "st=$?"
## stdout: st=3

#### times-out-with-124
timeout 0.1 sleep 10; echo "st=$?"
## stdout: st=124

#### verbose-names-the-signal
timeout -v 0.1 sleep 10; echo "st=$?"
## stdout: st=124
## stderr: timeout: sending signal TERM to command 'sleep'

#### signal-by-option
timeout -s INT --verbose 0.1 sleep 10; echo "st=$?"
## stdout: st=124
## stderr: timeout: sending signal INT to command 'sleep'

#### kill-signal-is-137
timeout -s KILL 0.1 sleep 10 2>/dev/null; echo "st=$?"
## stdout: st=137

#### preserve-status
timeout --preserve-status 0.1 sleep 10; echo "st=$?"
timeout --preserve-status -s HUP 0.1 sleep 10; echo "st=$?"
## STDOUT:
st=143
st=129
## END

#### kill-after-when-term-is-ignored
timeout --foreground -v -k 0.2 0.1 sh -c 'trap "" TERM; sleep 10 >/dev/null 2>&1' 2>err; echo "st=$?"; cat err
## STDOUT:
st=137
timeout: sending signal TERM to command 'sh'
timeout: sending signal KILL to command 'sh'
## END

#### children-of-the-command-are-signalled
timeout 0.2 sh -c 'sleep 10; echo not reached'; echo "st=$?"
## stdout: st=124

#### zero-duration-disables
timeout 0 sh -c 'echo ran'; echo "st=$?"
## STDOUT:
ran
st=0
## END

#### duration-suffixes
timeout 1m true; echo "st=$?"; timeout 0.001h true; echo "st=$?"; timeout 1e-1 sleep 10; echo "st=$?"
## STDOUT:
st=0
st=0
st=124
## END

#### command-not-found-is-127
timeout 5 no-such-command-here; echo "st=$?"
## stdout: st=127
## stderr: timeout: failed to run command 'no-such-command-here': No such file or directory

#### not-executable-is-126
echo data > f; timeout 5 ./f; echo "st=$?"
## stdout: st=126
## stderr: timeout: failed to run command './f': Permission denied

#### missing-operand-is-125
timeout; echo "st=$?"; timeout 5; echo "st=$?"
## STDOUT:
st=125
st=125
## END
## STDERR:
Try 'timeout --help' for more information.
Try 'timeout --help' for more information.
## END

#### bad-interval-is-125
timeout x sleep 1; echo "st=$?"
## stdout: st=125
## STDERR:
timeout: invalid time interval 'x'
Try 'timeout --help' for more information.
## END

#### bad-kill-after-is-125
timeout -k 2q 1 true; echo "st=$?"
## stdout: st=125
## STDERR:
timeout: invalid time interval '2q'
Try 'timeout --help' for more information.
## END

#### bad-signal-is-125
timeout -s NOPE 1 true; echo "st=$?"
## stdout: st=125
## STDERR:
timeout: 'NOPE': invalid signal
Try 'timeout --help' for more information.
## END

#### bad-option-is-125
timeout --bogus 1 true; echo "st=$?"
## stdout: st=125
## STDERR:
timeout: unrecognized option '--bogus'
Try 'timeout --help' for more information.
## END

#### options-stop-at-the-duration
timeout 5 sh -c 'echo "$1"' sh -v; echo "st=$?"
## STDOUT:
-v
st=0
## END

#### foreground-signals-the-command
timeout --foreground 0.1 sleep 10; echo "st=$?"
## stdout: st=124
