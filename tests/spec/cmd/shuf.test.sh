# shuf: random permutations (GNU coreutils 9.1). With --random-source the
# output is GNU's byte for byte: the same randint and randperm.

#### permute-lines-from-a-file
seq 1000 > r; seq 10 > f; shuf --random-source=r f
## STDOUT:
10
6
5
3
4
2
9
1
7
8
## END

#### permute-stdin
seq 1000 > r; seq 5 | shuf --random-source=r
## STDOUT:
5
3
1
4
2
## END

#### echo-operands
seq 1000 > r; shuf --random-source=r -e alpha beta gamma delta
## STDOUT:
beta
alpha
gamma
delta
## END

#### input-range
seq 1000 > r; shuf --random-source=r -i 10-15
## STDOUT:
11
14
13
10
15
12
## END

#### head-count-from-a-file
seq 1000 > r; seq 100 > f; shuf --random-source=r -n 3 f
## STDOUT:
50
12
53
## END

#### head-count-from-a-pipe-samples-a-reservoir
seq 1000 > r; seq 100 | shuf --random-source=r -n 3
## STDOUT:
98
47
48
## END

#### head-count-of-a-huge-range
seq 1000 > r; shuf --random-source=r -i 1-1000000000 -n 3
## STDOUT:
822751755
856306700
889861645
## END

#### repeat
seq 1000 > r; shuf --random-source=r -r -n 6 -e a b c
## STDOUT:
b
b
c
b
a
b
## END

#### repeat-range-without-end-stops-at-head
shuf -r -i 1-3 | head -n 4 | wc -l
## stdout: 4

#### zero-terminated
seq 1000 > r; printf 'a\0b\0c\0' | shuf --random-source=r -z | tr '\0' '\n'
## STDOUT:
b
a
c
## END

#### output-file-after-reading
seq 1000 > r; seq 4 > f; shuf --random-source=r -o f f; cat f
## STDOUT:
2
1
3
4
## END

#### last-line-gets-a-newline
seq 1000 > r; printf 'x\ny' | shuf --random-source=r
## STDOUT:
y
x
## END

#### a-permutation-keeps-every-line
seq 50 | shuf | sort -n | md5sum; seq 50 | md5sum
## STDOUT:
5d634700c6211755a05f842011801338  -
5d634700c6211755a05f842011801338  -
## END

#### empty-range-and-zero-count
shuf -i 5-4; echo "st=$?"; shuf -n 0 -e a b; echo "st=$?"
## STDOUT:
st=0
st=0
## END

#### random-source-runs-out
printf a > r; seq 300 | shuf --random-source=r; echo "st=$?"
## stdout: st=1
## stderr: shuf: 'r': end of file

#### bad-range
shuf -i 5-3; echo "st=$?"; shuf -i x; echo "st=$?"
## STDOUT:
st=1
st=1
## END
## STDERR:
shuf: invalid input range: '5-3'
shuf: invalid input range: 'x'
## END

#### bad-count
shuf -n 2k -e a; echo "st=$?"
## stdout: st=1
## stderr: shuf: invalid line count: '2k'

#### echo-and-range-conflict
shuf -e a -i 1-2; echo "st=$?"
## stdout: st=1
## STDERR:
shuf: cannot combine -e and -i options
Try 'shuf --help' for more information.
## END

#### extra-operand
shuf a b; echo "st=$?"
## stdout: st=1
## STDERR:
shuf: extra operand 'b'
Try 'shuf --help' for more information.
## END

#### no-lines-to-repeat
shuf -r -e; echo "st=$?"
## stdout: st=1
## stderr: shuf: no lines to repeat

#### missing-file
shuf nope; echo "st=$?"
## stdout: st=1
## stderr: shuf: nope: No such file or directory
