# options that work: lastpipe, xpg_echo, set -n, fixed options refused

#### lastpipe keeps read's variable
shopt -s lastpipe; echo hi | read v; echo "[$v]"
## stdout: [hi]

#### lastpipe while loop sums
shopt -s lastpipe; printf '1\n2\n3\n' | while read n; do sum=$((sum+n)); done; echo $sum
## stdout: 6

#### lastpipe PIPESTATUS
shopt -s lastpipe; echo a b | read x y; echo $x-$y ${PIPESTATUS[@]}
## stdout: a-b 0 0

#### lastpipe statuses
shopt -s lastpipe; false | true; echo $?; true | false; echo $?
## STDOUT:
0
1
## END

#### lastpipe with a group
shopt -s lastpipe; echo x | { read a; c=$a; }; echo "[$c]"
## stdout: [x]

#### without lastpipe the last stage is a subshell
echo hi | read v; echo "[$v]"
## stdout: []

#### lastpipe mapfile
shopt -s lastpipe; printf 'a\nb\n' | mapfile -t arr; echo ${#arr[@]}
## stdout: 2

#### lastpipe with pipefail
shopt -s lastpipe; set -o pipefail; false | read x; echo $?
## stdout: 1

#### xpg_echo decodes escapes
shopt -s xpg_echo; echo 'a\tb'; echo -E 'a\tb'
## STDOUT:
a	b
a\tb
## END

#### set -n runs nothing after it
echo before; set -n; echo after; exit 3
## stdout: before

#### set -n on the same line
set -n; echo hi
## stdout-json: ""

#### set -o noexec
set -o noexec; echo no
## stdout-json: ""

#### inherit_errexit can be turned off again
set -e; shopt -s inherit_errexit; shopt -u inherit_errexit; x=$(false; echo ok); echo $x
## stdout: ok

#### fixed options refuse change
shopt -s compat31 2>/dev/null; echo $?; shopt -q compat31 || echo off
## bash_diff: ninebox has no bash-3.1 compatibility mode; it refuses the option instead of accepting and ignoring it
## STDOUT:
1
off
## END

#### turning a fixed on option on again is fine
shopt -s sourcepath; echo $?
## stdout: 0

#### set -o posix is refused
set -o posix 2>/dev/null; echo $?
## bash_diff: ninebox has no POSIX mode; it refuses the option instead of accepting and ignoring it
## stdout: 1

#### set +o history is accepted as it is already off
set +o history; echo $?
## stdout: 0
