# ( subshell ) and { group; }

#### subshell-vars-do-not-leak
x=1
(x=2; echo in $x)
echo out $x
## STDOUT:
in 2
out 1
## END

#### group-vars-persist
x=1
{ x=2; }
echo $x
## stdout: 2

#### subshell-exit-does-not-exit-shell
(exit 3)
echo status $?
## stdout: status 3

#### group-exit-exits-shell
{ echo in; exit 4; }
echo never
## status: 4
## stdout: in

#### subshell-cd-does-not-leak
cd /
(cd /bin; echo $PWD)
echo $PWD
## STDOUT:
/bin
/
## END

#### subshell-function-def-does-not-leak
(f() { echo f; })
f 2>/dev/null || echo not-defined
## stdout: not-defined

#### subshell-nested
( ( echo deep ) )
## stdout: deep

#### subshell-status-is-last-command
(true; false)
echo $?
## stdout: 1

#### group-needs-semicolon-before-brace
{ echo a; echo b; }
## STDOUT:
a
b
## END

#### group-newlines
{
  echo a
  echo b
}
## STDOUT:
a
b
## END

#### group-brace-without-separator-error
{ echo a }
## status: 2
## STDERR:
sh: -c: line 2: syntax error: unexpected end of file
## END

#### subshell-no-separator-needed
(echo a)
## stdout: a

#### subshell-set-options-do-not-leak
(set -f)
: > g1
echo g*
## stdout: g1

#### subshell-traps-reset
trap 'echo outer-exit' EXIT
(echo in-sub)
echo main
## STDOUT:
in-sub
main
outer-exit
## END

#### subshell-dollar-paren-paren-ambiguity
( (echo x) )
echo $( (echo y) )
## STDOUT:
x
y
## END

#### group-status
{ false; }
echo $?
## stdout: 1

#### subshell-empty-error
()
## status: 2
## STDERR:
sh: -c: line 1: syntax error near unexpected token `)'
sh: -c: line 1: `()'
## END

#### group-redirect-input
printf 'a\nb\n' > f
{ read x; read y; } < f
echo $y$x
## stdout: ba

#### subshell-umask-does-not-leak
umask 022
(umask 077)
umask
## stdout: 0022
