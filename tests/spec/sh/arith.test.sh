# Arithmetic: $((...)), ((...)), let, declare -i

#### arith-basic-ops
echo $((1+2)) $((7-10)) $((3*4)) $((7/2)) $((7%3))
## stdout: 3 -3 12 3 1

#### arith-negative-division-truncates
echo $((-7/2)) $((-7%3)) $((7%-3))
## stdout: -3 -1 1

#### arith-precedence-mul-over-add
echo $((2+3*4)) $(((2+3)*4))
## stdout: 14 20

#### arith-unary-ops
echo $((-5)) $((+5)) $((!0)) $((!7)) $((~0)) $((~5))
## stdout: -5 5 1 0 -1 -6

#### arith-power-right-assoc
echo $((2**3**2)) $((2**10))
## stdout: 512 1024

#### arith-unary-minus-vs-power
echo $((-2**2))
## stdout: 4

#### arith-shifts
echo $((1<<4)) $((256>>2)) $((-16>>2))
## stdout: 16 64 -4

#### arith-comparisons
echo $((1<2)) $((2<=2)) $((3>4)) $((4>=5)) $((5==5)) $((5!=5))
## stdout: 1 1 0 0 1 0

#### arith-bitwise
echo $((12&10)) $((12|10)) $((12^10))
## stdout: 8 14 6

#### arith-bitwise-precedence
echo $((1|2^3&4))
## stdout: 3

#### arith-logical-and-or
echo $((2&&3)) $((0&&1)) $((0||0)) $((0||5))
## stdout: 1 0 0 1

#### arith-logical-short-circuit
x=0
echo $((0 && (x=1))) $x
echo $((1 || (x=2))) $x
## STDOUT:
0 0
1 0
## END

#### arith-ternary
echo $((1?10:20)) $((0?10:20)) $((0?1:0?2:3))
## stdout: 10 20 3

#### arith-comma
echo $((a=1, b=2, a+b))
## stdout: 3

#### arith-assignment-ops
x=10
echo $((x+=5)) $((x-=3)) $((x*=2)) $((x/=4)) $((x%=4))
## stdout: 15 12 24 6 2

#### arith-bitwise-assignment-ops
x=1
echo $((x<<=3)) $((x>>=1)) $((x|=1)) $((x&=6)) $((x^=7))
## stdout: 8 4 5 4 3

#### arith-assignment-persists
((x = 6 * 7))
echo $x
## stdout: 42

#### arith-pre-post-increment
i=5
echo $((i++)) $i $((++i)) $i $((i--)) $i $((--i)) $i
## stdout: 5 6 7 7 7 6 5 5

#### arith-variables-without-dollar
a=3 b=4
echo $((a*a + b*b))
## stdout: 25

#### arith-unset-variable-is-zero
unset u
echo $((u + 1))
## stdout: 1

#### arith-variable-holding-expression
e='2+3'
echo $((e*2)) $(($e*2))
## stdout: 10 8

#### arith-empty-variable-is-zero
e=
echo $((e+1))
## stdout: 1

#### arith-hex-octal-bases
echo $((0x1f)) $((0X10)) $((017)) $((010))
## stdout: 31 16 15 8

#### arith-explicit-base
echo $((2#1011)) $((36#z)) $((16#ff)) $((8#17))
## stdout: 11 35 255 15

#### arith-base-64-digits
echo $((64#@)) $((64#_)) $((64#A)) $((37#a)) $((37#A))
## stdout: 62 63 36 10 36

#### arith-invalid-octal-error
echo $((09))
## status: 1
## STDERR:
sh: line 1: 09: value too great for base (error token is "09")
## END

#### arith-division-by-zero
echo $((1/0)); echo same-line
echo next-line
## stdout: next-line
## STDERR:
sh: line 1: 1/0: division by 0 (error token is "0")
## END

#### arith-modulo-by-zero
x=0
echo $((5 % x))
## status: 1
## STDERR:
sh: line 2: 5 % x: division by 0 (error token is "x")
## END

#### arith-syntax-error
echo $((1 +))
## status: 1
## STDERR:
sh: line 1: 1 +: syntax error: operand expected (error token is "+")
## END

#### arith-command-status-zero-is-false
((0)); echo $?
((5)); echo $?
((-1)); echo $?
## STDOUT:
1
0
0
## END

#### arith-command-in-if
x=3
if ((x > 2)); then echo big; fi
## stdout: big

#### arith-command-division-by-zero-status
((1/0))
echo $?
## stdout: 1
## STDERR:
sh: line 1: ((: 1/0: division by 0 (error token is "0")
## END

#### let-basic
let x=2+3 y=x*2
echo $x $y
## stdout: 5 10

#### let-status
let 0; echo $?
let 1; echo $?
let 'x = 0' 'y = 1'; echo $?
## STDOUT:
1
0
0
## END

#### let-quoted-spaces
let "z = (1 + 2) * 3"
echo $z
## stdout: 9

#### declare-i-evaluates
declare -i n
n=2+3
n+=10
echo $n
## stdout: 15

#### declare-i-string-is-zero-or-variable
declare -i n
abc=7
n=abc
echo $n
## stdout: 7

#### arith-nested-parens
echo $(( ((1+2)) * (3 - (4 - 5)) ))
## stdout: 12

#### arith-in-double-quotes-and-with-params
x=4
echo "$(( x * 2 ))" $(( $x + ${x} ))
## stdout: 8 8

#### arith-large-64bit
echo $((2**62)) $((9223372036854775807 + 1))
## stdout: 4611686018427387904 -9223372036854775808

#### arith-negative-exponent-error
echo $((2 ** -1))
## status: 1
## STDERR:
sh: line 1: 2 ** -1: exponent less than 0 (error token is "1")
## END

#### arith-whitespace-and-newlines
echo $((
  1 +
  2
))
## stdout: 3

#### arith-assign-to-non-variable-error
echo $((1 = 2))
## status: 1
## STDERR:
sh: line 1: 1 = 2: attempted assignment to non-variable (error token is "= 2")
## END

#### arith-increment-array-element
a=(1 2)
((a[1]++))
echo ${a[1]}
## stdout: 3

#### arith-old-style-brackets
echo $[1+2]
## stdout: 3
