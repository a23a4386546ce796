# set -u (nounset)

#### nounset-unbound-error
set -u
echo $x
echo never
## status: 127
## STDERR:
sh: line 2: x: unbound variable
## END

#### nounset-unbound-same-line
set -u; echo "a $nope b"; echo never
## status: 127
## STDERR:
sh: line 1: nope: unbound variable
## END

#### nounset-default-ok
set -u
echo "[${x-}] [${x:-d}] [${x+alt}]"
## stdout: [] [d] []

#### nounset-empty-is-bound
set -u
e=
echo "[$e]"
## stdout: []

#### nounset-at-no-args-ok
set -u
set --
echo "[$@]" $#
## stdout: [] 0

#### nounset-star-no-args-ok
set -u
echo "[$*]"
## stdout: []

#### nounset-positional-unbound
set -u
set -- a
echo $2
## status: 127
## STDERR:
sh: line 3: $2: unbound variable
## END

#### nounset-length-of-unset
set -u
echo ${#nope}
## status: 127
## STDERR:
sh: line 2: nope: unbound variable
## END

#### nounset-arith-unset
set -u
echo $((nope + 1))
## status: 127
## STDERR:
sh: line 2: nope: unbound variable
## END

#### nounset-in-subshell-only-kills-subshell
set -u
(echo $nope) 2>/dev/null
echo "status $?"
## stdout: status 1

#### nounset-plus-u
set -u
set +u
echo "[$nope]"
## stdout: []

#### nounset-error-question-still-works
set -u
x=val
echo ${x:?}
## stdout: val

#### nounset-empty-array-at
set -u
a=()
echo "[${a[@]}]"
## stdout: []

#### nounset-special-vars-bound
set -u
echo $# $? "$0"
## stdout: 0 0 sh

#### nounset-assign-default-ok
set -u
: ${v:=assigned}
echo $v
## stdout: assigned
