# eval, source and .

#### eval-simple
eval 'echo hello'
## stdout: hello

#### eval-concatenates-args
eval echo a b
## stdout: a b

#### eval-double-expansion
x='$y'
y=final
eval echo $x
## stdout: final

#### eval-assignment-persists
eval 'v=set-by-eval'
echo $v
## stdout: set-by-eval

#### eval-status
eval false
echo $?
eval 'exit_code=3; (exit $exit_code)'
echo $?
## STDOUT:
1
3
## END

#### eval-empty-status-zero
false
eval ''
echo $?
## stdout: 0

#### eval-multiline-and-functions
eval 'f() { echo from-eval; }
f'
f
## STDOUT:
from-eval
from-eval
## END

#### eval-syntax-error
eval 'if'
echo status=$?
## stdout: status=2
## STDERR:
sh: eval: line 2: syntax error: unexpected end of file
## END

#### eval-dynamic-variable-name
name=dyn
eval "$name=value"
eval "echo \$$name"
## stdout: value

#### eval-break-in-loop
for i in 1 2 3; do eval 'if [ $i = 2 ]; then break; fi'; echo $i; done
## stdout: 1

#### source-file
echo 'echo sourced; sv=1' > lib.sh
. ./lib.sh
echo $sv
## STDOUT:
sourced
1
## END

#### source-keyword-synonym
echo 'echo via-source' > lib.sh
source ./lib.sh
## stdout: via-source

#### source-with-arguments
echo 'echo "args: $# $1 $2"' > lib.sh
set -- outer
source ./lib.sh a b
echo "after: $# $1"
## STDOUT:
args: 2 a b
after: 1 outer
## END

#### source-without-arguments-sees-caller-args
echo 'echo "$# $1"' > lib.sh
set -- x y
. ./lib.sh
## stdout: 2 x

#### source-return-stops-file
printf 'echo one\nreturn 4\necho two\n' > lib.sh
. ./lib.sh
echo status=$?
## STDOUT:
one
status=4
## END

#### source-status-of-last-command
echo false > lib.sh
. ./lib.sh
echo $?
## stdout: 1

#### source-missing-file
. ./nosuch.sh
echo status=$?
## stdout: status=1
## STDERR:
sh: line 1: ./nosuch.sh: No such file or directory
## END

#### source-defines-functions
echo 'greet() { echo "hi $1"; }' > lib.sh
. ./lib.sh
greet you
## stdout: hi you

#### source-exit-exits-shell
printf 'echo in-lib\nexit 6\n' > lib.sh
. ./lib.sh
echo never
## status: 6
## stdout: in-lib

#### source-empty-file
: > empty.sh
false
. ./empty.sh
echo $?
## stdout: 0

#### source-in-function-sees-locals
echo 'echo "lib sees $lv"' > lib.sh
f() { local lv=local-val; . ./lib.sh; }
f
## stdout: lib sees local-val

#### source-no-args-error
.
echo $?
## stdout: 2
## STDERR:
sh: line 1: .: filename argument required
.: usage: . filename [arguments]
## END
