# Field splitting on IFS

#### split-default-whitespace
x='  a  b	c
d  '
set -- $x
echo $#: $1,$2,$3,$4
## stdout: 4: a,b,c,d

#### split-custom-colon
IFS=:
x='a:b::c'
set -- $x
echo $#
for w in "$@"; do echo "[$w]"; done
## STDOUT:
4
[a]
[b]
[]
[c]
## END

#### split-trailing-nonwhitespace-delimiter
IFS=:
x='a:b:'
set -- $x
echo $#
## stdout: 2

#### split-leading-nonwhitespace-delimiter
IFS=:
x=':a'
set -- $x
echo $# "[$1]"
## stdout: 2 []

#### split-mixed-whitespace-and-nonwhitespace
IFS=' :'
x=' a : b  c:'
set -- $x
echo $#
for w in "$@"; do echo "[$w]"; done
## STDOUT:
3
[a]
[b]
[c]
## END

#### split-mixed-double-colon-empty-field
IFS=' :'
x='a :: b'
set -- $x
echo $#
## stdout: 3

#### split-empty-ifs-no-splitting
IFS=
x='a b c'
set -- $x
echo $#
## stdout: 1

#### split-unset-ifs-is-default
unset IFS
x='a	b c'
set -- $x
echo $#
## stdout: 3

#### split-quoted-no-splitting
x='a b c'
set -- "$x"
echo $#
## stdout: 1

#### split-empty-unquoted-removed
e=
set -- a $e b "$e" c
echo $#
## stdout: 4

#### split-only-expansions-not-literals
IFS=:
set -- a:b
echo $#
x=a:b
set -- $x
echo $#
## STDOUT:
1
2
## END

#### split-cmdsub-result
IFS=,
set -- $(echo 1,2,3)
echo $# $2
## stdout: 3 2

#### split-arith-result
IFS=1
set -- $((515))
echo $# $1 $2
## stdout: 2 5 5

#### split-joined-with-literal-text
x='a b'
set -- pre${x}post
echo $# $1 $2
## stdout: 2 prea bpost

#### split-ifs-in-for-loop
IFS=,
list=x,y,z
for i in $list; do echo $i; done
## STDOUT:
x
y
z
## END

#### split-ifs-newline-only
IFS='
'
x='a b
c d'
for l in $x; do echo "[$l]"; done
## STDOUT:
[a b]
[c d]
## END

#### split-ifs-local-to-function
f() { local IFS=:; set -- $1; echo $#; }
f a:b:c
x='a:b c'
set -- $x
echo $#
## STDOUT:
3
2
## END

#### split-star-unquoted
set -- 'a b' c
set -- $*
echo $#
## stdout: 3

#### split-at-unquoted-with-custom-ifs
IFS=:
set -- 'a:b' c
set -- $@
echo $#
## stdout: 3

#### split-ifs-whitespace-tab-only
IFS='	'
x='a b	c'
set -- $x
echo $# "[$1]"
## stdout: 2 [a b]

#### split-default-ifs-value
printf '%s' "$IFS" > f
[ "$(cat f; echo x)" = "$(printf ' \t\nx')" ] && echo default
## stdout: default

#### split-no-glob-with-set-f
: > g1
set -f
x='g*'
echo $x
## stdout: g*
