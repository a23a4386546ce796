# shopt (globstar nullglob failglob expand_aliases only)

#### shopt-s-and-q
shopt -s nullglob
shopt -q nullglob && echo on
## stdout: on

#### shopt-u-and-q
shopt -s nullglob
shopt -u nullglob
shopt -q nullglob || echo off
## stdout: off

#### shopt-q-status-values
shopt -u failglob
shopt -q failglob
echo $?
shopt -s failglob
shopt -q failglob
echo $?
## STDOUT:
1
0
## END

#### shopt-print-single
shopt -u nullglob
shopt nullglob
shopt -s nullglob
shopt nullglob
## STDOUT:
nullglob       	off
nullglob       	on
## END

#### shopt-p-reusable-form
shopt -s globstar
shopt -p globstar
shopt -u globstar
shopt -p globstar
echo status=$?
## STDOUT:
shopt -s globstar
shopt -u globstar
status=1
## END

#### shopt-multiple-names
shopt -s nullglob failglob
shopt -q nullglob failglob && echo both
## stdout: both

#### shopt-q-multiple-one-off
shopt -s nullglob
shopt -u failglob
shopt -q nullglob failglob || echo not-all
## stdout: not-all

#### shopt-invalid-name
shopt -s nosuchopt
echo $?
## stdout: 1
## STDERR:
sh: line 1: shopt: nosuchopt: invalid shell option name
## END

#### shopt-nullglob-affects-for-loop
shopt -s nullglob
for f in *.none; do echo "got $f"; done
echo done
## stdout: done

#### shopt-expand-aliases-default-off-in-c
alias hi='echo aliased'
hi 2>/dev/null || echo not-expanded
## stdout: not-expanded

#### shopt-expand-aliases-on
shopt -s expand_aliases
alias hi='echo aliased'
hi
## stdout: aliased

#### shopt-globstar-default-off
shopt -q globstar || echo off
## stdout: off

#### shopt-in-subshell-isolated
(shopt -s nullglob)
shopt -q nullglob || echo still-off
## stdout: still-off
