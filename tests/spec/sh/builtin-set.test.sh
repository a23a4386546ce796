# set builtin

#### set-positional
set -- a b c
echo $# $2
## stdout: 3 b

#### set-dash-dash-clears
set -- a b
set --
echo $#
## stdout: 0

#### set-args-starting-with-dash
set -- -x -y
echo "$1 $2"
## stdout: -x -y

#### set-f-noglob
: > g1
set -f
echo g*
set +f
echo g*
## STDOUT:
g*
g1
## END

#### set-o-noglob-long-name
: > g1
set -o noglob
echo g*
## stdout: g*

#### set-u-and-plus-u
set -u
set +u
echo "[$undefined]"
## stdout: []

#### set-C-noclobber
echo a > f
set -C
echo b > f 2>/dev/null
cat f
## stdout: a

#### set-dollar-hyphen
set -f
case $- in *f*) echo f-on;; esac
## stdout: f-on

#### set-e-flag-in-dash
set -e
case $- in *e*) echo e-on;; esac
## stdout: e-on

#### set-o-pipefail
set -o pipefail
false | true
echo $?
## stdout: 1

#### set-plus-o-pipefail
set -o pipefail
set +o pipefail
false | true
echo $?
## stdout: 0

#### set-invalid-option
set -o nosuchoption
echo $?
## stdout: 2
## STDERR:
sh: line 1: set: nosuchoption: invalid option name
## END

#### set-combined-flags
set -fu
case $- in *f*u*|*u*f*) echo both;; esac
## stdout: both

#### set-positional-with-words
set -- 'a b' c
echo $#
## stdout: 2

#### set-dash-ends-options
set - a b
echo $# $1
## stdout: 2 a

#### set-o-errexit-long
set -o errexit
false
echo never
## status: 1

#### set-positional-replaces-all
set -- a b c d
set -- x
echo $# $1
## stdout: 1 x

#### set-o-nounset-long
set -o nounset
echo $nope
## status: 127
## STDERR:
sh: line 2: nope: unbound variable
## END

#### set-x-and-plus-x
set -x
echo traced
set +x
echo untraced
## STDOUT:
traced
untraced
## END
## STDERR:
+ echo traced
+ set +x
## END

#### set lists an empty value bare
c=; d='x y'; set | grep -E '^(c|d)='
## STDOUT:
c=
d='x y'
## END

#### a lone + is passed over, a lone - ends the options
set + a b
echo "$@"
set - +
echo "$@"
set + -
echo "$@"
## STDOUT:
a b
+
+
## END
