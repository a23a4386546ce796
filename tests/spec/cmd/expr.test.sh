# expr: checked against GNU coreutils 9.1

#### arithmetic and precedence
expr 5 + 3 \* 2
expr \( 5 + 3 \) \* 2
expr 10 / 3
expr 10 % 3
## STDOUT:
11
16
3
1
## END

#### division truncates toward zero
expr -7 / 2
expr -7 % 2
## STDOUT:
-3
-1
## END

#### zero result is status 1
expr 2 - 2
## stdout: 0
## status: 1

#### division by zero
expr 1 / 0
## status: 2
## stderr: expr: division by zero

#### non-integer argument
expr a + 1
## status: 2
## stderr: expr: non-integer argument

#### numeric and string comparisons
expr 10 \< 9
expr 010 = 10
expr abc \< abd
expr 12 \>= 12
expr a != a
## STDOUT:
0
1
1
1
0
## END
## status: 1

#### or and and
expr 3 \| 4
expr '' \| 5
expr 0 \| ''
expr 3 \& 4
expr 3 \& 0
## STDOUT:
3
5
0
3
0
## END
## status: 1

#### or and and do not evaluate the other side
expr 1 \| 1 / 0
expr 0 \& 1 / 0
## STDOUT:
1
0
## END
## status: 1

#### match returns the length
expr abc : 'a*'
expr 'hello world' : '.*o'
expr abc : 'b'
## STDOUT:
1
8
0
## END
## status: 1

#### match returns the group
expr foo.txt : '\(.*\)\.txt'
expr match abc 'x\(b\)'
echo "status $?"
## STDOUT:
foo

status 1
## END

#### substr index length
expr substr hello 2 3
expr substr hello 4 100
expr index hello lo
expr length 'a b c'
## STDOUT:
ell
lo
3
5
## END

#### substr out of range is empty
expr substr hello 0 3
## stdout: 
## status: 1

#### plus quotes a keyword
expr + length
expr length + length
## STDOUT:
length
6
## END

#### syntax errors
expr 1 +
echo $?
expr 1 2
echo $?
expr \( 1
echo $?
## STDOUT:
2
2
2
## END
## STDERR:
expr: syntax error: missing argument after '+'
expr: syntax error: unexpected argument '2'
expr: syntax error: expecting ')' after '1'
## END

#### missing operand
expr
## status: 2
## STDERR:
expr: missing operand
Try 'expr --help' for more information.
## END

#### bad regexp
expr a : 'a\{1'
## status: 2
## stderr: expr: Unmatched \{

#### null strings
expr 00
echo $?
expr -0
echo $?
## STDOUT:
00
1
-0
1
## END
