# Special parameters: $? $# $@ $* $0 $$ $! $PWD $OLDPWD $RANDOM $LINENO

#### status-of-last-command
true; echo $?
false; echo $?
## STDOUT:
0
1
## END

#### status-of-exit-in-subshell
(exit 42); echo $?
## stdout: 42

#### status-resets-after-echo
false
echo $?
echo $?
## STDOUT:
1
0
## END

#### argc-count
set -- a 'b c' ''
echo $#
## stdout: 3

#### argc-zero
set --
echo $#
## stdout: 0

#### quoted-at-keeps-words
set -- 'a b' c
for w in "$@"; do echo "[$w]"; done
## STDOUT:
[a b]
[c]
## END

#### quoted-star-joins-with-space
set -- 'a b' c
for w in "$*"; do echo "[$w]"; done
## stdout: [a b c]

#### quoted-star-joins-with-ifs-first-char
set -- a b c
IFS=:,
echo "$*"
## stdout: a:b:c

#### quoted-star-empty-ifs-no-separator
set -- a b c
IFS=
echo "$*"
## stdout: abc

#### quoted-star-unset-ifs-space
set -- a b c
unset IFS
echo "$*"
## stdout: a b c

#### unquoted-at-splits
set -- 'a b' c
for w in $@; do echo "[$w]"; done
## STDOUT:
[a]
[b]
[c]
## END

#### quoted-at-no-args-is-nothing
set --
for w in "$@"; do echo "[$w]"; done
echo done
## stdout: done

#### quoted-at-with-prefix-suffix
set -- a b
for w in "x$@y"; do echo "[$w]"; done
## STDOUT:
[xa]
[by]
## END

#### quoted-at-empty-args-preserved
set -- '' ''
for w in "$@"; do echo "[$w]"; done
## STDOUT:
[]
[]
## END

#### dollar-zero-is-sh
echo "$0"
## stdout: sh

#### dollar-dollar-is-number
case $$ in *[!0-9]*|'') echo bad;; *) echo ok;; esac
[ "$$" -gt 0 ] && echo positive
## STDOUT:
ok
positive
## END

#### dollar-dollar-same-in-subshell
a=$$
b=$(echo $$)
[ "$a" = "$b" ] && echo same
## stdout: same

#### dollar-bang-after-background
true &
p=$!
wait
[ "$p" -gt 0 ] && echo ok
## stdout: ok

#### dollar-bang-matches-wait-pid
(exit 7) &
wait $!
echo $?
## stdout: 7

#### pwd-variable-after-cd
cd /
echo $PWD
## stdout: /

#### oldpwd-after-cd
cd /
cd /bin
cd "$OLDPWD"
echo $PWD
## stdout: /

#### random-in-range
r=$RANDOM
[ "$r" -ge 0 ] && [ "$r" -le 32767 ] && echo inrange
## stdout: inrange

#### random-seed-reproducible
RANDOM=42; a=$RANDOM$RANDOM
RANDOM=42; b=$RANDOM$RANDOM
[ "$a" = "$b" ] && echo same
## stdout: same

#### lineno-counts-lines
echo $LINENO
echo $LINENO

echo $LINENO
## STDOUT:
1
2
4
## END

#### lineno-in-function
f() {
  echo $LINENO
}
f
## stdout: 2

#### dollar-hyphen-contains-flags
set -u
case $- in *u*) echo has-u;; esac
set +u
case $- in *u*) echo still;; *) echo no-u;; esac
## STDOUT:
has-u
no-u
## END

#### underscore-last-argument
echo a b c > /dev/null
echo $_
## stdout: c

#### positional-in-function-are-local
set -- outer1 outer2
f() { echo "$# $1"; }
f inner
echo "$# $1"
## STDOUT:
1 inner
2 outer1
## END

#### ppid-is-number
[ "$PPID" -gt 0 ] && echo ok
## stdout: ok

#### EPOCHSECONDS and EPOCHREALTIME read the clock
[[ $EPOCHSECONDS =~ ^[0-9]+$ ]] && (( EPOCHSECONDS > 1700000000 )) && echo seconds
[[ $EPOCHREALTIME =~ ^[0-9]+\.[0-9]{6}$ ]] && echo realtime
a=${EPOCHREALTIME%.*}; (( a - EPOCHSECONDS <= 1 )) && echo agree
## STDOUT:
seconds
realtime
agree
## END

#### SRANDOM is a 32-bit random number, new each time
n=0
for i in 1 2 3 4 5; do [[ $SRANDOM =~ ^[0-9]+$ ]] && (( SRANDOM < 4294967296 )) && n=$((n + 1)); done
[ "$SRANDOM" != "$SRANDOM" ] && echo differ
echo $n
## STDOUT:
differ
5
## END
