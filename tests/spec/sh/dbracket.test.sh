# [[ ... ]]

#### dbracket-string-equal
[[ abc == abc ]] && echo eq
[[ abc = abd ]] || echo ne
## STDOUT:
eq
ne
## END

#### dbracket-glob-pattern-unquoted
[[ hello == h*o ]] && echo match
[[ hello == h?llo ]] && echo q-match
[[ hello == [gh]ello ]] && echo class-match
## STDOUT:
match
q-match
class-match
## END

#### dbracket-quoted-pattern-literal
[[ hello == "h*o" ]] || echo literal-no-match
[[ 'h*o' == "h*o" ]] && echo literal-match
## STDOUT:
literal-no-match
literal-match
## END

#### dbracket-pattern-from-variable
p='a*'
[[ abc == $p ]] && echo unquoted-var-glob
[[ abc == "$p" ]] || echo quoted-var-literal
## STDOUT:
unquoted-var-glob
quoted-var-literal
## END

#### dbracket-not-equal-pattern
[[ abc != a* ]] || echo matches
[[ abc != x* ]] && echo differs
## STDOUT:
matches
differs
## END

#### dbracket-string-ordering
[[ apple < banana ]] && echo lt
[[ b > a ]] && echo gt
## STDOUT:
lt
gt
## END

#### dbracket-regex
[[ abc123 =~ ^[a-z]+([0-9]+)$ ]] && echo "${BASH_REMATCH[0]} ${BASH_REMATCH[1]}"
## stdout: abc123 123

#### dbracket-regex-no-match-status
[[ abc =~ ^[0-9]+$ ]]
echo $?
## stdout: 1

#### dbracket-regex-quoted-is-literal
[[ 'a.c' =~ "a.c" ]] && echo lit-match
[[ 'abc' =~ "a.c" ]] || echo lit-no-match
[[ 'abc' =~ a.c ]] && echo re-match
## STDOUT:
lit-match
lit-no-match
re-match
## END

#### dbracket-regex-from-variable
re='^x(y+)z$'
[[ xyyz =~ $re ]] && echo ${BASH_REMATCH[1]}
## stdout: yy

#### dbracket-regex-partial-match
[[ hello-world =~ o-w ]] && echo found
## stdout: found

#### dbracket-regex-groups-count
[[ 2024-01-15 =~ ([0-9]+)-([0-9]+)-([0-9]+) ]]
echo ${#BASH_REMATCH[@]} ${BASH_REMATCH[3]}
## stdout: 4 15

#### dbracket-regex-invalid-status
re='('
[[ a =~ $re ]]
echo $?
## stdout: 2

#### dbracket-integer-ops
[[ 5 -gt 3 && 2 -le 2 && 1 -ne 0 ]] && echo ints
## stdout: ints

#### dbracket-integer-arith-operands
x=3
[[ x+1 -eq 4 ]] && echo arith
## stdout: arith

#### dbracket-logical-ops
[[ a == a && b == b ]] && echo and
[[ a == b || b == b ]] && echo or
[[ ! a == b ]] && echo not
## STDOUT:
and
or
not
## END

#### dbracket-parentheses
[[ ( a == b || c == c ) && d == d ]] && echo grouped
## stdout: grouped

#### dbracket-no-word-splitting
x='a b'
[[ $x == 'a b' ]] && echo no-split
## stdout: no-split

#### dbracket-no-glob-expansion
: > afile
[[ * == '*' ]] && echo star-literal
## stdout: star-literal

#### dbracket-empty-var-no-quotes-needed
e=
[[ -z $e ]] && echo empty
[[ -n $nosuch ]] || echo unset-empty
## STDOUT:
empty
unset-empty
## END

#### dbracket-file-tests
echo x > f
[[ -f f && -e f && ! -d f && -s f ]] && echo file-ok
[[ -d . ]] && echo dir-ok
## STDOUT:
file-ok
dir-ok
## END

#### dbracket-single-string-test
[[ abc ]] && echo nonempty
[[ '' ]] || echo empty
## STDOUT:
nonempty
empty
## END

#### dbracket-v-array-element
a=(x)
[[ -v a[0] ]] && echo set0
[[ -v a[1] ]] || echo unset1
## STDOUT:
set0
unset1
## END

#### dbracket-short-circuit
[[ a == b && $(echo side >&2) == x ]]
echo $?
## stdout: 1
## stderr-json: ""

#### dbracket-multiline
[[ a == a &&
   b == b ]] && echo multi
## stdout: multi

#### dbracket-integer-error-non-number
[[ abc -eq 0 ]] && echo abc-is-zero
## stdout: abc-is-zero

#### a bad arithmetic operand fails the test with 1 and the script goes on
[[ 08 -eq 1 ]] 2>/dev/null; echo $?; [[ a -lt 1/0 ]] 2>/dev/null; echo $?; echo next
## STDOUT:
1
1
next
## END

#### an operand's value is evaluated, not expanded again
x='$(echo hi; echo 1)'; [[ $x -eq 1 ]] 2>/dev/null; echo $?; x='1+1'; [[ $x -eq 2 ]]; echo $?
## STDOUT:
1
0
## END

#### a bad operand inside && and || lists
[[ 1/0 -eq 1 ]] 2>/dev/null && echo yes || echo no
## stdout: no
