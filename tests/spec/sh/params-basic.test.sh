# Basic parameter expansion and positional parameters

#### param-simple
x=hello
echo $x ${x}
## stdout: hello hello

#### param-braces-delimit-name
x=ab
echo ${x}cd $xcd.
## stdout: abcd .

#### param-unset-is-empty
echo "[$nosuch]"
## stdout: []

#### param-assignment-no-split
x="a   b"
y=$x
echo "$y"
## stdout: a   b

#### param-assignment-no-glob
: > f1
x=*
echo "$x"
## stdout: *

#### param-multiple-assignments-one-line
a=1 b=2 c=3
echo $a$b$c
## stdout: 123

#### param-assignment-left-to-right
a=1 b=$a
echo $b
## stdout: 1

#### param-prefix-assignment-temporary
x=outer
x=inner env | while read -r line; do case $line in x=*) echo "$line";; esac; done
echo $x
## STDOUT:
x=inner
outer
## END

#### param-prefix-assignment-on-builtin-not-kept
x=1
x=2 true
echo $x
## stdout: 1

#### param-positional-args
set -- a b c
echo $1 $2 $3 $#
## stdout: a b c 3

#### param-positional-ten-needs-braces
set -- 1 2 3 4 5 6 7 8 9 ten
echo ${10} $10
## stdout: ten 10

#### param-dollar-zero
echo $0
## stdout: sh

#### param-unset-positional
set -- a
echo "[$2]"
## stdout: []

#### param-length
x=hello
echo ${#x}
## stdout: 5

#### param-length-empty-and-unset
e=
echo ${#e} ${#nosuch}
## stdout: 0 0

#### param-length-of-positional-count
set -- a b c d
echo ${#}
## stdout: 4

#### param-length-of-positional
set -- abc defgh
echo ${#1} ${#2}
## stdout: 3 5

#### param-invalid-name-bad-substitution
echo ${x!}
## status: 1
## STDERR:
sh: line 1: ${x!}: bad substitution
## END

#### param-bad-substitution-aborts-rest-of-line
echo before; echo ${a b}; echo after
echo next
## STDOUT:
before
next
## END
## STDERR:
sh: line 1: ${a b}: bad substitution
## END

#### param-dollar-followed-by-nonname
echo $ $. $/
## stdout: $ $. $/

#### param-underscore-names
_a=1 a_b2=2
echo $_a $a_b2
## stdout: 1 2

#### param-append-assign
x=ab
x+=cd
echo $x
## stdout: abcd

#### param-nested-default-in-quotes
x=
echo "${x:-"a b"}"
## stdout: a b
