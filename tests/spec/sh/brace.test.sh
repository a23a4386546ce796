# Brace expansion

#### brace-comma-list
echo {a,b,c}
## stdout: a b c

#### brace-with-prefix-suffix
echo x{a,b}y
## stdout: xay xby

#### brace-numeric-range
echo {1..5}
## stdout: 1 2 3 4 5

#### brace-numeric-range-descending
echo {5..1}
## stdout: 5 4 3 2 1

#### brace-char-range
echo {a..e}
## stdout: a b c d e

#### brace-char-range-descending
echo {e..a}
## stdout: e d c b a

#### brace-numeric-step
echo {1..10..3}
## stdout: 1 4 7 10

#### brace-char-step
echo {a..e..2}
## stdout: a c e

#### brace-negative-numbers
echo {-2..2}
## stdout: -2 -1 0 1 2

#### brace-zero-padding
echo {01..10}
## stdout: 01 02 03 04 05 06 07 08 09 10

#### brace-zero-padding-width
echo {1..003}
## stdout: 001 002 003

#### brace-nested
echo {a,b{1,2},c}
## stdout: a b1 b2 c

#### brace-multiple-cartesian
echo {a,b}{1,2}
## stdout: a1 a2 b1 b2

#### brace-single-element-not-expanded
echo {a} x{}y
## stdout: {a} x{}y

#### brace-quoted-not-expanded
echo "{a,b}" '{1..3}' \{a,b\}
## stdout: {a,b} {1..3} {a,b}

#### brace-empty-alternative
echo a{,b}
## stdout: a ab

#### brace-with-quoted-parts
echo {'a b',c}
## stdout: a b c

#### brace-before-variable-expansion
x=1
echo {$x,2}
## stdout: 1 2

#### brace-variable-in-range-not-expanded
n=3
echo {1..$n}
## stdout: {1..3}

#### brace-invalid-range-literal
echo {1..a} {a..}
## stdout: {1..a} {a..}

#### brace-in-for-loop
for i in {1..3}; do echo -n "$i "; done; echo
## stdout-json: "1 2 3 \n"

#### brace-not-in-assignment
x={a,b}
echo "$x"
## stdout: {a,b}

#### brace-produces-separate-words
set -- {a,b}' 'c
echo $#
## stdout: 2

#### brace-with-glob
: > a1; : > b1
echo {a,b}*
## stdout: a1 b1

#### brace-dollar-brace-not-brace-expansion
x=v
echo ${x}{1,2}
## stdout: v1 v2
