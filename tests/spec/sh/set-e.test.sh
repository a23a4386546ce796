# set -e (errexit)

#### errexit-exits-on-failure
set -e
echo before
false
echo never
## status: 1
## stdout: before

#### errexit-keeps-failing-status
set -e
(exit 42)
echo never
## status: 42

#### errexit-not-in-if-condition
set -e
if false; then echo no; fi
echo survived
## stdout: survived

#### errexit-not-in-while-condition
set -e
while false; do :; done
until true; do :; done
echo survived
## stdout: survived

#### errexit-not-in-and-list-left
set -e
false && echo no
echo survived
## stdout: survived

#### errexit-last-in-and-list-exits
set -e
true && false
echo never
## status: 1

#### errexit-not-in-or-list
set -e
false || echo rescued
echo survived
## STDOUT:
rescued
survived
## END

#### errexit-not-with-bang
set -e
! true
echo survived
## stdout: survived

#### errexit-pipeline-last-status
set -e
false | true
echo survived
true | false
echo never
## status: 1
## stdout: survived

#### errexit-pipefail
set -eo pipefail
false | true
echo never
## status: 1

#### errexit-subshell-failure-exits-parent
set -e
(false)
echo never
## status: 1

#### errexit-inside-subshell
set -e
(echo in; false; echo not-in-sub)
## status: 1
## stdout: in

#### errexit-in-function
set -e
f() { echo f-start; false; echo f-never; }
f
echo never
## status: 1
## stdout: f-start

#### errexit-ignored-in-function-called-in-condition
set -e
f() { false; echo continued; }
if f; then echo f-true; fi
## STDOUT:
continued
f-true
## END

#### errexit-cmdsub-assignment-exits
set -e
x=$(false)
echo never
## status: 1

#### errexit-cmdsub-in-argument-does-not-exit
set -e
echo "[$(false)]"
echo survived
## STDOUT:
[]
survived
## END

#### errexit-plus-e-disables
set -e
set +e
false
echo survived
## stdout: survived

#### errexit-group-failure
set -e
{ false; echo no; }
echo never
## status: 1

#### errexit-arith-zero
set -e
((0))
echo never
## status: 1

#### errexit-arith-zero-in-or
set -e
((0)) || echo handled
## stdout: handled

#### errexit-exit-trap-runs
set -e
trap 'echo trap ran' EXIT
false
## status: 1
## stdout: trap ran

#### errexit-case-body-failure
set -e
case x in x) false;; esac
echo never
## status: 1

#### errexit-local-masks-cmdsub-status
set -e
f() { local x=$(false); echo "survived local"; }
f
## stdout: survived local

#### errexit-for-loop-body
set -e
for i in 1 2; do echo $i; false; done
## status: 1
## stdout: 1

#### errexit-negated-pipeline-failing-continues
set -e
! false
echo ok
## stdout: ok
