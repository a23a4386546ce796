# cmp: compare two files byte by byte (GNU diffutils 3.8)

#### identical files are silent and exit 0
printf 'abc\ndef\n' > a; printf 'abc\ndef\n' > b
cmp a b
echo status=$?
## stdout: status=0

#### first difference with byte and line
printf 'abc\ndef\n' > a; printf 'abc\ndxf\n' > b
cmp a b
## stdout: a b differ: char 6, line 2
## status: 1

#### -s prints nothing
printf 'abc\n' > a; printf 'abd\n' > b
cmp -s a b
## stdout-json: ""
## status: 1

#### --quiet and --silent
printf 'abc\n' > a; printf 'abd\n' > b
cmp --quiet a b; echo $?
cmp --silent a a; echo $?
## STDOUT:
1
0
## END

#### -l lists every differing byte in octal
printf 'abcdefghijklmnop' > a; printf 'Abcdefghijklmnoq' > b
cmp -l a b
## STDOUT:
 1 141 101
16 160 161
## END
## status: 1

#### -b prints the differing bytes
printf 'abc\ndef\n' > a; printf 'abc\ndxf\n' > b
cmp -b a b
## stdout: a b differ: byte 6, line 2 is 145 e 170 x
## status: 1

#### -lb combined, with control and high bytes
printf 'a\n\200\001' > u; printf 'a\tb\377' > v
cmp -lb u v
## STDOUT:
2  12 ^J    11 ^I
3 200 M-^@ 142 b
4   1 ^A   377 M-^?
## END
## status: 1

#### EOF on the shorter file, mid-line
printf 'abc\ndef\n' > a; printf 'ab' > s
cmp a s
## stderr: cmp: EOF on s after byte 2, in line 1
## status: 1

#### EOF after a newline
printf 'ab\n' > p; printf 'ab\nc' > q
cmp p q
## stderr: cmp: EOF on p after byte 3, line 1
## status: 1

#### EOF on an empty file
printf '' > e; printf 'x' > a
cmp e a
## stderr: cmp: EOF on e which is empty
## status: 1

#### -l with EOF leaves the line out
printf 'ab\n' > p; printf 'ab\nc' > q
cmp -l p q
## stderr: cmp: EOF on p after byte 3
## status: 1

#### -n limits the bytes compared
printf 'abc\ndef\n' > a; printf 'abc\ndxf\n' > b
cmp -n 3 a b; echo $?
cmp --bytes=6 a b; echo $?
## STDOUT:
0
a b differ: char 6, line 2
1
## END

#### -i skips initial bytes of both
printf 'abc\ndef\n' > a; printf 'abc\ndxf\n' > b
cmp -i 5 a b
## stdout: a b differ: char 1, line 1
## status: 1

#### -i SKIP1:SKIP2 and skip operands
printf 'abc\ndef\n' > a; printf 'abc\ndxf\n' > b
cmp -i 1:1 a b
cmp a b 4 4
## STDOUT:
a b differ: char 5, line 2
a b differ: char 2, line 1
## END
## status: 1

#### standard input as -
printf 'abc\ndef\n' > a; printf 'abc\ndxf\n' > b
cmp - a < b
## stdout: - a differ: char 6, line 2
## status: 1

#### one operand compares with standard input
printf 'abc\n' > a
printf 'abd\n' | cmp a
## stdout: a - differ: char 3, line 1
## status: 1

#### missing file is trouble
printf 'a' > a
cmp a nofile
## stderr: cmp: nofile: No such file or directory
## status: 2

#### -s keeps file errors quiet too
printf 'a' > a
cmp -s a nofile 2>&1
## stdout-json: ""
## status: 2

#### directory operand
printf 'a' > a; mkdir d
cmp a d
## stderr: cmp: d: Is a directory
## status: 2

#### bad option
cmp -z a b
## STDERR:
cmp: invalid option -- 'z'
cmp: Try 'cmp --help' for more information.
## END
## status: 2

#### missing operand
cmp
## STDERR:
cmp: missing operand after 'cmp'
cmp: Try 'cmp --help' for more information.
## END
## status: 2

#### bad skip value
printf 'a' > a
cmp a a x
## STDERR:
cmp: invalid --ignore-initial value 'x'
cmp: Try 'cmp --help' for more information.
## END
## status: 2

#### bad byte limit
printf 'a' > a
cmp -n 1x a a
## STDERR:
cmp: invalid --bytes value '1x'
cmp: Try 'cmp --help' for more information.
## END
## status: 2

#### binary data
printf '\000\001\002' > x; printf '\000\001\003' > y
cmp x y
## stdout: x y differ: char 3, line 1
## status: 1
