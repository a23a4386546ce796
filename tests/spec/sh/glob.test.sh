# Pathname expansion over files created in the (empty) cwd

#### glob-star-sorted
: > b.txt; : > a.txt; : > c.log
echo *
## stdout: a.txt b.txt c.log

#### glob-star-suffix
: > b.txt; : > a.txt; : > c.log
echo *.txt
## stdout: a.txt b.txt

#### glob-question-mark
: > a1; : > a2; : > a10
echo a?
## stdout: a1 a2

#### glob-bracket-set
: > xa; : > xb; : > xc
echo x[ab]
## stdout: xa xb

#### glob-bracket-range
: > f1; : > f5; : > f9
echo f[1-5]
## stdout: f1 f5

#### glob-bracket-negation-bang
: > xa; : > xb; : > xc
echo x[!a]
## stdout: xb xc

#### glob-bracket-negation-caret
: > xa; : > xb; : > xc
echo x[^ab]
## stdout: xc

#### glob-no-match-stays-literal
echo nomatch*.zzz
## stdout: nomatch*.zzz

#### glob-empty-dir-star-literal
echo *
## stdout: *

#### glob-dotfiles-hidden
: > .hidden; : > visible
echo *
## stdout: visible

#### glob-dotfiles-explicit-dot
: > .hidden; : > visible
echo .h*
## stdout: .hidden

#### glob-dot-star-skips-dot-and-dotdot
: > .hidden
echo .*
## stdout: .hidden

#### glob-quoted-star-literal
: > a; : > b
echo "*" '*' \*
## stdout: * * *

#### glob-partially-quoted
: > 'a*'; : > ab
echo "a*"
echo a"*"
echo a*
## STDOUT:
a*
a*
a* ab
## END

#### glob-in-variable-unquoted
: > p1; : > p2
pat='p*'
echo $pat "$pat"
## stdout: p1 p2 p*

#### glob-results-are-separate-words
: > 'with space'; : > other
for f in w*; do echo "[$f]"; done
## stdout: [with space]

#### glob-in-for-loop
: > n1; : > n2
for f in n*; do echo $f; done
## STDOUT:
n1
n2
## END

#### glob-sort-order-c-locale
: > B; : > a; : > _x; : > 1
echo *
## stdout: 1 B _x a

#### glob-nullglob
shopt -s nullglob
set -- nomatch*
echo $#
## stdout: 0

#### glob-nullglob-off-literal
shopt -u nullglob
set -- nomatch*
echo $# "$1"
## stdout: 1 nomatch*

#### glob-failglob-error
shopt -s failglob
echo nomatch*
echo $?
## stdout: 1
## STDERR:
sh: line 2: no match: nomatch*
## END

#### glob-failglob-aborts-rest-of-line
shopt -s failglob
echo a; echo nomatch*; echo c
echo next $?
## STDOUT:
a
next 1
## END

#### glob-failglob-match-ok
shopt -s failglob
: > m1
echo m*
## stdout: m1

#### glob-set-f-disables
: > z1
set -f
echo z*
set +f
echo z*
## STDOUT:
z*
z1
## END

#### glob-globstar-plain-files
shopt -s globstar && echo enabled
: > q1; : > q2
echo **
## STDOUT:
enabled
q1 q2
## END

#### glob-no-glob-in-assignment
: > k1
x=k*
echo "$x"
## stdout: k*

#### glob-bracket-with-class
: > a1; : > ab; : > aB
echo a[[:digit:]] a[[:upper:]]
## stdout: a1 aB

#### glob-matches-directory-with-slash
echo /
cd /
echo /bi?
## STDOUT:
/
/bin
## END

#### glob-escaped-bracket-literal
: > 'x[a]'; : > xa
echo x\[a\]
## stdout: x[a]
