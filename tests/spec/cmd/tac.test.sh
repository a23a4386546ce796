# tac: reverse records

#### lines in reverse
printf '1\n2\n3\n' | tac
## STDOUT:
3
2
1
## END

#### last line without newline
printf '1\n2\n3' | tac
echo '|'
## STDOUT:
32
1
|
## END

#### several files each reversed
printf '1\n2\n' > a
printf 'x\ny\n' > b
tac a b
## STDOUT:
2
1
y
x
## END

#### stdin among files
printf '1\n2\n' > a
printf 'p\nq\n' | tac a - a
## STDOUT:
2
1
q
p
2
1
## END

#### separator string
printf 'a,b,c,' | tac -s,
echo
printf 'a,b,c' | tac -s,
echo
printf 'aXYbXYc' | tac -s XY
echo
## STDOUT:
c,b,a,
cb,a,
cbXYaXY
## END

#### separator before
printf 'a,b,c,' | tac -b -s,
echo
printf ',a,b,c' | tac -b -s,
echo
## STDOUT:
,,c,ba
,c,b,a
## END

#### regex separator
printf 'a1b22c' | tac -r -s '[0-9]+'
echo
printf 'a1b22c' | tac -r -b -s '[0-9]+'
echo
## STDOUT:
c2b2a1
2c21ba
## END

#### empty separator is the NUL byte
printf '1\n2\n' | tac -s ''
printf 'a\0b\0c' | tac -s '' | od -An -c
printf 'a\0b\0' | tac -b -s '' | od -An -c
## STDOUT:
1
2
   c   b  \0   a  \0
  \0  \0   b   a
## END

#### empty regex separator is refused
printf 'a\n' | tac -r -s ''
echo "rc=$?"
## STDOUT:
rc=1
## END
## STDERR:
tac: separator cannot be empty
## END

#### blank lines and empty input
printf 'x\n\ny\n' | tac
printf '' | tac | wc -c
## STDOUT:
y

x
0
## END

#### long input
printf '%s\n' {1..50000} > big
tac big | head -n 2
tac big | tail -n 1
## STDOUT:
50000
49999
1
## END

#### missing file
printf '1\n' > a
tac a nosuch
echo "status=$?"
## STDOUT:
1
status=1
## END
## stderr: tac: failed to open 'nosuch' for reading: No such file or directory

#### bad option
tac -x
## status: 1
## STDERR:
tac: invalid option -- 'x'
Try 'tac --help' for more information.
## END
