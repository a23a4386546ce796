# strings: runs of printable characters (GNU binutils 2.40)

#### runs of four or more printable bytes
printf 'hello\0wo\0world!!\001ab\n\tabcd\200xyz1' > b
strings b
## STDOUT:
hello
world!!
	abcd
xyz1
## END

#### minimum length with -n, --bytes and -NUMBER
printf 'ab\0abc\0abcdef\0' > b
strings -n 3 b
strings --bytes=6 b
strings -2 b
## STDOUT:
abc
abcdef
abcdef
ab
abc
abcdef
## END

#### standard input and empty input
printf 'from stdin\n' | strings
printf '' | strings
printf 'ab\n' | strings | wc -l
## STDOUT:
from stdin
0
## END

#### offsets in octal, decimal and hex
printf 'hello\0\0\0\0\0\0\0\0\0\0world\0' > b
strings -t d b
strings -t x b
strings -o b
## STDOUT:
      0 hello
     15 world
      0 hello
      f world
      0 hello
     17 world
## END

#### file names before each string
printf 'alpha\0beta\0' > a
printf 'gamma\0' > c
strings -f a c
printf 'delta\n' | strings -f
strings -f -t d c
## STDOUT:
a: alpha
a: beta
c: gamma
{standard input}: delta
c:       0 gamma
## END

#### output separator
printf 'one1\0two22\0three\0' | strings -s '|'
echo
printf 'one1\0two22\0' | strings --output-separator=
echo
## STDOUT:
one1|two22|three|
one1two22
## END

#### all whitespace with -w
printf 'line one\nline two\r\n\0next\n' | strings -w | od -An -c
## STDOUT:
   l   i   n   e       o   n   e  \n   l   i   n   e       t   w
   o  \r  \n  \n   n   e   x   t  \n  \n
## END

#### 8-bit and wide encodings
printf 'caf\351s\0' | strings -e s | wc -l
printf 'caf\351s\0' | strings -e S | od -An -c
printf 'h\0e\0l\0l\0o\0\0\0' | strings -e l
printf '\0h\0e\0l\0l\0o' | strings -e b
printf 'w\0\0\0i\0\0\0d\0\0\0e\0\0\0' | strings -e L
printf 'h\0i\0' | strings -e l | wc -l
## STDOUT:
0
   c   a   f 351   s  \n
hello
hello
wide
0
## END

#### a wide character that is not graphic resynchronises one byte on
printf 'ab\0h\0e\0l\0l\0o\0\0\0' | strings -t d -e l
printf 'xxw\0\0\0i\0\0\0d\0\0\0e\0\0\0' | strings -t d -e L
printf 'abcd\0e\0f\0g\0\1\0h\0i\0j\0k\0' | strings -t x -e l
printf 'Q\0u\0e\0\1u\0e\0!\0\0' | strings -n 2 -e l
## STDOUT:
      1 bhello
      2 wide
      3 defg
      d hijk
Que
ue!
## END

#### missing files and directories
mkdir d
printf 'text here\0' > f
strings nofile f d
echo "rc=$?"
## STDOUT:
text here
rc=1
## END
## STDERR:
strings: 'nofile': No such file
strings: Warning: 'd' is a directory
## END

#### bad arguments
strings -n 0 /dev/null; echo "rc=$?"
strings -n 3x /dev/null; echo "rc=$?"
strings -t z /dev/null 2>/dev/null; echo "rc=$?"
strings -e q /dev/null 2>/dev/null; echo "rc=$?"
strings -q /dev/null 2>&1 | head -1; echo "rc=$?"
## STDOUT:
rc=1
rc=1
rc=1
rc=1
strings: invalid option -- 'q'
rc=0
## END
## STDERR:
strings: invalid minimum string length 0
strings: invalid integer argument 3x
## END

#### a dash operand is -a and names no file
printf 'words here\0' > f
strings - f
strings - 2>/dev/null; echo "rc=$?"
## STDOUT:
words here
rc=1
## END

#### help goes to standard output
strings --help | head -1
strings -h | head -1
## STDOUT:
Usage: strings [option(s)] [file(s)]
Usage: strings [option(s)] [file(s)]
## END

#### object-file options are refused, not ignored
## bash_diff: binutils reads object file sections (-d, -T) and has Unicode display modes; ninebox refuses them
printf 'text\0' > f
strings -d f; echo "rc=$?"
strings -U d f; echo "rc=$?"
## STDOUT:
rc=1
rc=1
## END
## STDERR:
strings: -d: scanning only data sections is not supported here
strings: -U/--unicode: Unicode display modes are not supported here
## END
