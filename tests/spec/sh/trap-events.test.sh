# DEBUG, RETURN and ERR traps; trap -p in subshells

#### DEBUG trap runs before each simple command
trap 'echo dbg' DEBUG; echo a; echo b
## STDOUT:
dbg
a
dbg
b
## END

#### BASH_COMMAND in a DEBUG trap
trap 'echo "> $BASH_COMMAND"' DEBUG; x=1; echo $x
## STDOUT:
> x=1
> echo $x
1
## END

#### RETURN trap runs when a function returns
f() { echo in; }; trap 'echo ret' RETURN; f
## stdout: in

#### RETURN trap not inherited by functions without functrace
trap 'echo ret' RETURN; f() { echo in; }; f; echo after
## STDOUT:
in
after
## END

#### ERR trap on failing command
trap 'echo err $?' ERR; false; echo after
## STDOUT:
err 1
after
## END

#### ERR trap not in conditions
trap 'echo err' ERR; if false; then :; fi; false || true; echo done
## stdout: done

#### ERR trap not inherited by functions without errtrace
trap 'echo err' ERR; f() { false; echo in; }; f; echo after
## STDOUT:
in
after
## END

#### ERR trap inherited with set -E
set -E; trap 'echo err' ERR; f() { false; echo in; }; f
## STDOUT:
err
in
## END

#### trap -p inside command substitution shows the parent's traps
trap 'echo T' INT; x=$(trap -p); echo "$x"
## stdout: trap -- 'echo T' SIGINT

#### trap -p in subshell after setting own trap
trap 'echo T' INT; (trap 'echo U' TERM; trap -p)
## stdout: trap -- 'echo U' SIGTERM

#### trap listing order
trap 'echo e' EXIT; trap 'echo t' TERM; trap 'echo i' INT; trap 'echo d' DEBUG; trap
## STDOUT:
d
trap -- 'echo e' EXIT
trap -- 'echo i' SIGINT
trap -- 'echo t' SIGTERM
trap -- 'echo d' DEBUG
d
e
## END

#### trap with one signal resets
trap 'echo x' INT; trap INT; trap -p INT; echo done
## stdout: done

#### trap with dash resets
trap 'echo x' INT TERM; trap - INT; trap -p
## stdout: trap -- 'echo x' SIGTERM

#### trap invalid option
trap -z 2>/dev/null; echo $?
## stdout: 2

#### trap invalid signal
trap 'echo x' NOSUCH 2>/dev/null; echo $?
## stdout: 1

#### trap in function sees status before trap
trap 'echo "st=$?"' ERR; f() { return 4; }; f; echo $?
## STDOUT:
st=4
4
## END

#### exit in ERR trap
trap 'echo bye; exit 7' ERR; false; echo never
## stdout: bye
## status: 7

#### DEBUG trap for loops
trap 'echo "> $BASH_COMMAND"' DEBUG; for i in 1 2; do :; done
## STDOUT:
> for i in 1 2
> :
> for i in 1 2
> :
## END

#### RETURN trap on source
echo 'echo sourced' > f.sh; trap 'echo ret' RETURN; . ./f.sh
## STDOUT:
sourced
ret
## END

#### kill -l names real-time signals
kill -l 34 64 35; kill -l RTMIN+1
## STDOUT:
RTMIN
RTMAX
RTMIN+1
35
## END
