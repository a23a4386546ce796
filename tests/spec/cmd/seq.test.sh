# seq: checked against GNU coreutils 9.1

#### last only
seq 3
## STDOUT:
1
2
3
## END

#### first and last
seq 3 5
## STDOUT:
3
4
5
## END

#### increment
seq 1 3 10
## STDOUT:
1
4
7
10
## END

#### negative increment
seq 5 -2 0
## STDOUT:
5
3
1
## END

#### fractional step keeps the precision
seq 1 0.5 3
## STDOUT:
1.0
1.5
2.0
2.5
3.0
## END

#### decimal steps do not drift
seq 0 0.1 0.4
seq 0 0.000001 0.000003
## STDOUT:
0.0
0.1
0.2
0.3
0.4
0.000000
0.000001
0.000002
0.000003
## END

#### precision comes from first and increment only
seq 1 1.00 2
seq 1.5 3
## STDOUT:
1.00
2.00
1.5
2.5
## END

#### negative operands are not options
seq -1 1
seq -- -2 -1
seq -.5 .5 .5
## STDOUT:
-1
0
1
-2
-1
-0.5
0.0
0.5
## END

#### empty range prints nothing
seq 10 1
seq 1 -1 5
echo "status $?"
## stdout: status 0

#### separator
seq -s, 1 5
seq -s ' + ' 1 3
seq -s '' 1 4
## STDOUT:
1,2,3,4,5
1 + 2 + 3
1234
## END

#### equal width
seq -w 8 11
seq -w -1 1
seq -w 1 0.5 2
## STDOUT:
08
09
10
11
-1
00
01
1.0
1.5
2.0
## END

#### format
seq -f '%.2f' 1 2
seq -f 'n=%g;' 1 0.5 2
seq -f '%05.1f' 2 3
seq -f '%e' 1 1
seq -f '%%%g' 7 7
## STDOUT:
1.00
2.00
n=1;
n=1.5;
n=2;
002.0
003.0
1.000000e+00
%7
## END

#### exponents and hex operands
seq 1e1 1e1 3e1
seq 0x10 0x11
## STDOUT:
10
20
30
16
17
## END

#### big integers
seq 100000000000000000000 100000000000000000002
## STDOUT:
100000000000000000000
100000000000000000001
100000000000000000002
## END

#### invalid argument
seq x
## status: 1
## STDERR:
seq: invalid floating point argument: 'x'
Try 'seq --help' for more information.
## END

#### zero increment
seq 1 0 5
## status: 1
## STDERR:
seq: invalid Zero increment value: '0'
Try 'seq --help' for more information.
## END

#### missing and extra operands
seq
echo $?
seq 1 2 3 4
echo $?
## STDOUT:
1
1
## END
## STDERR:
seq: missing operand
Try 'seq --help' for more information.
seq: extra operand '4'
Try 'seq --help' for more information.
## END

#### bad formats
seq -f '%d' 1
seq -f 'abc' 1
seq -f '%g%g' 1
seq -w -f '%g' 1
echo $?
## stdout: 1
## STDERR:
seq: format '%d' has unknown %d directive
seq: format 'abc' has no % directive
seq: format '%g%g' has too many % directives
seq: format string may not be specified when printing equal width strings
Try 'seq --help' for more information.
## END

#### bad option
seq -x 1
## status: 1
## STDERR:
seq: invalid option -- 'x'
Try 'seq --help' for more information.
## END
