# sort: byte order, keys, numeric kinds, checking, merging

#### plain byte order
printf 'banana\nApple\napple\n_x\n10\n9\n\n' | sort
## STDOUT:

10
9
Apple
_x
apple
banana
## END

#### reverse
printf 'b\na\nc\n' | sort -r
## STDOUT:
c
b
a
## END

#### numeric
printf -- '10\n9\n-3\n1.5\n-0\n0\nabc\n+2\n 7\n1e3\n' | sort -n
## STDOUT:
-3
+2
-0
0
abc
1e3
1.5
 7
9
10
## END

#### numeric reverse and last-resort ties
printf '2 b\n10 a\n2 a\n' | sort -nr
## STDOUT:
10 a
2 b
2 a
## END

#### unique keeps the first of equal lines
printf 'b\na\nb\nA\na\n' | sort -u
printf 'b 2\na 1\nb 1\n' | sort -u -k1,1
printf 'b\nB\na\nA\n' | sort -fu
## STDOUT:
A
a
b
a 1
b 2
a
b
## END

#### stable disables the last-resort comparison
printf 'b 2\na 2\nc 1\n' | sort -s -k2,2
printf 'b 2\na 2\nc 1\n' | sort -k2,2
## STDOUT:
c 1
b 2
a 2
c 1
a 2
b 2
## END

#### keys with a separator
printf 'x:3:b\ny:1:c\nz:2:a\n' > f
sort -t: -k2 f
sort -t: -k3,3 f
sort -t: -k2,2n f
## STDOUT:
y:1:c
z:2:a
x:3:b
z:2:a
x:3:b
y:1:c
y:1:c
z:2:a
x:3:b
## END

#### multiple keys with their own options
printf 'a 2\nb 10\na 10\nb 2\n' | sort -k1,1r -k2,2n
## STDOUT:
b 2
b 10
a 2
a 10
## END

#### character positions in keys
printf 'ab3\nxa1\nca2\n' | sort -k1.3
printf 'x cba\ny abc\nz bca\n' | sort -k2.2,2.2
## STDOUT:
xa1
ca2
ab3
y abc
z bca
x cba
## END

#### blanks count in fields unless -b
printf 'a  x\nb y\nc   w\n' | sort -k2
printf 'a  x\nb y\nc   w\n' | sort -k2b
printf 'a  x\nb y\nc   w\n' | sort -b -k2
## STDOUT:
c   w
a  x
b y
c   w
a  x
b y
c   w
a  x
b y
## END

#### global options apply to keys without their own
printf 'a B\na c\na A\n' | sort -f -k2
printf 'x 10\ny 9\n' | sort -n -k2 -k1,1r
## STDOUT:
a A
a B
a c
y 9
x 10
## END

#### ignore case, dictionary order, nonprinting
printf 'b\nB\na\nA\n' | sort -f
printf 'a-c\nab\na b\n' | sort -d
printf 'a\tc\nab\n' | sort -i
## STDOUT:
A
a
B
b
a b
ab
a-c
ab
a	c
## END

#### human numeric
printf '10K\n1M\n-2G\n0\n5\n1.5K\n2k\n' | sort -h
## STDOUT:
-2G
0
5
1.5K
2k
10K
1M
## END

#### general numeric
printf '2.5e3\n0x10\ninf\n-inf\nabc\n1e-2\n 7\n' | sort -g
## STDOUT:
abc
-inf
1e-2
 7
0x10
2.5e3
inf
## END

#### months
printf 'feb\nJAN\n  mar\nxyz\nDecember\n' | sort -M
## STDOUT:
xyz
JAN
feb
  mar
December
## END

#### versions
printf 'a1.10\na1.9\na1.09\nfile~\nfile\nfile.tar.gz\nfile-1.0.tar.gz\nv2\nv10\n' | sort -V
## STDOUT:
a1.09
a1.9
a1.10
file~
file
file.tar.gz
file-1.0.tar.gz
v2
v10
## END

#### sort word option
printf '10\n9\n' | sort --sort=numeric
printf '10\n9\n' | sort --sort=num
printf '2K\n1M\n' | sort --sort=h
## STDOUT:
9
10
9
10
2K
1M
## END

#### check word prefixes and the ambiguous word
printf 'b\na\n' | sort --check=qui; echo "rc=$?"
printf 'b\na\n' | sort --check=diag 2>/dev/null; echo "rc=$?"
printf 'a\n' | sort --check=x; echo "rc=$?"
## STDOUT:
rc=1
rc=1
rc=1
## END
## STDERR:
sort: invalid argument 'x' for '--check'
Valid arguments are:
  - 'quiet', 'silent'
  - 'diagnose-first'
Try 'sort --help' for more information.
## END

#### output may be an input
printf 'c\na\nb\n' > f
sort -o f f
cat f
## STDOUT:
a
b
c
## END

#### several files and stdin
printf 'c\na\n' > f
printf 'b\n' | sort f - f
## STDOUT:
a
a
b
c
c
## END

#### missing final newline
printf 'b\na' | sort
## STDOUT:
a
b
## END

#### zero terminated
printf 'b\0a\0c' | sort -z | cat -v
echo
## stdout: a^@b^@c^@

#### merge sorted files
printf 'a\nc\ne\n' > f1
printf 'b\nd\n' > f2
sort -m f1 f2
printf 'a\nc\n' > f3
sort -mu f1 f3
## STDOUT:
a
b
c
d
e
a
c
e
## END

#### check reports the first disorder
printf 'a\nc\nb\nd\n' > f
sort -c f
echo "status=$?"
printf 'a\nb\nb\n' | sort -cu
echo "status=$?"
## STDOUT:
status=1
status=1
## END
## STDERR:
sort: f:3: disorder: b
sort: -:3: disorder: b
## END

#### quiet check and sorted input
printf 'b\na\n' | sort -C
echo "status=$?"
printf 'a\nb\n' | sort -c
echo "status=$?"
## STDOUT:
status=1
status=0
## END

#### random sort groups equal lines
printf 'a\nb\na\nb\na\n' | sort -R | uniq | sort
printf 'x\ny\nz\n' | sort -R | sort
## STDOUT:
a
b
x
y
z
## END

#### obsolete key syntax
printf 'b 2\na 1\nc 0\n' | sort +1 -2
## STDOUT:
c 0
a 1
b 2
## END

#### compatibility options are accepted
printf 'b\na\n' | sort -S 10M -T . --parallel=2
## STDOUT:
a
b
## END

#### bad key specifications
sort -k0 f
echo "status=$?"
sort -k1.0 f
sort -k a f
sort -k1x f
## stdout: status=2
## status: 2
## STDERR:
sort: field number is zero: invalid field specification '0'
sort: character offset is zero: invalid field specification '1.0'
sort: invalid number at field start: invalid count at start of 'a'
sort: stray character in field spec: invalid field specification '1x'
## END

#### incompatible options
printf 'a\n' > f
sort -n -g f
echo "status=$?"
sort -c -o x f
echo "status=$?"
sort -c f f
echo "status=$?"
## STDOUT:
status=2
status=2
status=2
## END
## STDERR:
sort: options '-gn' are incompatible
sort: options '-co' are incompatible
sort: extra operand 'f' not allowed with -c
## END

#### bad separators
sort -t ab f
echo "status=$?"
sort -t '' f
echo "status=$?"
## STDOUT:
status=2
status=2
## END
## STDERR:
sort: multi-character tab 'ab'
sort: empty tab
## END

#### missing file and directory
printf 'a\n' > f
sort f nosuch
echo "status=$?"
sort .
echo "status=$?"
## STDOUT:
status=2
status=2
## END
## STDERR:
sort: cannot read: nosuch: No such file or directory
sort: read failed: .: Is a directory
## END

#### bad option and bad sort word
sort -x
echo "status=$?"
sort --sort=foo f
echo "status=$?"
## STDOUT:
status=2
status=1
## END
## STDERR:
sort: invalid option -- 'x'
Try 'sort --help' for more information.
sort: invalid argument 'foo' for '--sort'
Valid arguments are:
  - 'general-numeric'
  - 'human-numeric'
  - 'month'
  - 'numeric'
  - 'random'
  - 'version'
Try 'sort --help' for more information.
## END
