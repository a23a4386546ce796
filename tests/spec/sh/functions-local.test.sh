# Functions, local, return, FUNCNAME

#### func-posix-definition
f() { echo in f; }
f
## stdout: in f

#### func-keyword-definition
function g { echo in g; }
g
## stdout: in g

#### func-keyword-with-parens
function h() { echo in h; }
h
## stdout: in h

#### func-arguments
f() { echo "$# [$1] [$2]"; }
f 'a b' c
## stdout: 2 [a b] [c]

#### func-return-status
f() { return 3; }
f
echo $?
## stdout: 3

#### func-return-default-last-status
f() { false; return; }
f
echo $?
## stdout: 1

#### func-implicit-status-of-last-command
f() { true; false; }
f
echo $?
## stdout: 1

#### func-return-stops-function
f() { echo a; return; echo b; }
f
## stdout: a

#### func-globals-visible-and-modifiable
x=1
f() { echo $x; x=2; }
f
echo $x
## STDOUT:
1
2
## END

#### local-does-not-leak
x=global
f() { local x=local; echo $x; }
f
echo $x
## STDOUT:
local
global
## END

#### local-dynamic-scoping
x=global
inner() { echo "inner sees $x"; }
outer() { local x=outer-local; inner; }
outer
inner
## STDOUT:
inner sees outer-local
inner sees global
## END

#### local-unset-initially
x=global
f() { local x; echo "[${x-unset}]"; }
f
## stdout: [unset]

#### local-modifies-caller-local
f() { local v=f; g; echo "f: $v"; }
g() { v=changed-by-g; }
f
echo "global: [${v-unset}]"
## STDOUT:
f: changed-by-g
global: [unset]
## END

#### local-outside-function-error
local x=1
echo $?
## stdout: 1
## STDERR:
sh: line 1: local: can only be used in a function
## END

#### func-recursion
fact() { if [ $1 -le 1 ]; then echo 1; else echo $(( $1 * $(fact $(( $1 - 1 ))) )); fi; }
fact 5
## stdout: 120

#### func-funcname
myfunc() { echo ${FUNCNAME[0]}; }
myfunc
## stdout: myfunc

#### func-funcname-nested
a() { b; }
b() { echo ${FUNCNAME[0]} ${FUNCNAME[1]}; }
a
## stdout: b a

#### func-redirection-on-definition
f() { echo redirected; } > out
f
f
cat out
## stdout: redirected

#### func-redirection-on-definition-append
f() { echo line; } >> out
f
f
cat out
## STDOUT:
line
line
## END

#### func-redefinition
f() { echo one; }
f() { echo two; }
f
## stdout: two

#### func-positional-restored-after-call
set -- a b c
f() { set -- x; echo $#; }
f
echo $# $1
## STDOUT:
1
3 a
## END

#### func-subshell-body
f() ( x=inner; echo $x )
x=outer
f
echo $x
## STDOUT:
inner
outer
## END

#### func-return-in-nested-loop
f() { for i in 1 2 3; do while true; do return $i; done; done; }
f
echo $?
## stdout: 1

#### func-exit-exits-shell
f() { exit 7; }
f
echo never
## status: 7

#### func-unset-f
f() { echo f; }
unset -f f
f 2>/dev/null || echo gone
## stdout: gone

#### func-name-with-dash
my-func() { echo dashed; }
my-func
## stdout: dashed

#### func-used-before-definition-fails
f 2>/dev/null
echo $?
f() { echo hi; }
f
## STDOUT:
127
hi
## END

#### local-declare-in-function-is-local
f() { declare y=in; echo $y; }
f
echo "[${y-unset}]"
## STDOUT:
in
[unset]
## END

#### local-multiple-and-array
f() { local a=1 b=2; local -a arr=(x y); echo $a$b ${arr[1]}; }
f
echo "[$a$b]"
## STDOUT:
12 y
[]
## END

#### func-return-out-of-range-wraps
f() { return 257; }
f
echo $?
## stdout: 1

#### func-return-outside-function
return
echo status $?
## stdout: status 2
## STDERR:
sh: line 1: return: can only `return' from a function or sourced script
## END

#### func-body-needs-compound
f() echo bad
## status: 2
## STDERR:
sh: -c: line 1: syntax error near unexpected token `echo'
sh: -c: line 1: `f() echo bad'
## END

#### local-var-visible-in-cmdsub
f() { local v=loc; echo $(echo $v); }
f
## stdout: loc
