# head: first lines or bytes, headers, elision, old syntax

#### default is ten lines
printf '%s\n' {1..15} | head
## STDOUT:
1
2
3
4
5
6
7
8
9
10
## END

#### n lines of a file
printf '1\n2\n3\n4\n5\n' > f
head -n 2 f
head --lines=3 f
## STDOUT:
1
2
1
2
3
## END

#### bytes
printf 'abcdef\n' > f
head -c 3 f
echo
head --bytes=5 f
echo
## STDOUT:
abc
abcde
## END

#### all but the last lines
printf '1\n2\n3\n4\n5\n' > f
head -n -2 f
printf '1\n2\n3' | head -n -1
echo '|'
## STDOUT:
1
2
3
1
2
|
## END

#### all but the last bytes
printf 'abcdef' | head -c -2
echo
printf 'abc' | head -c -10
echo '|'
## STDOUT:
abcd
|
## END

#### elision on a long stream keeps the right lines
printf '%s\n' {1..100000} > big
head -n -99997 big
cat big | head -n -99998
cat big | head -c -588887
## STDOUT:
1
2
3
1
2
1
2
3
4
## END

#### old syntax
printf '1\n2\n3\n4\n5\n' > f
head -2 f
head -3c f
echo
## STDOUT:
1
2
1
2
## END

#### size suffixes
printf '%s\n' {1..2000} > f
head -c 1K f | wc -c
head -c 1kB f | wc -c
head -n 1b f | wc -l
## STDOUT:
1024
1000
512
## END

#### several files get headers
printf '1\n2\n' > a
printf 'x\ny\n' > b
head -n 1 a b
## STDOUT:
==> a <==
1

==> b <==
x
## END

#### quiet and verbose
printf '1\n2\n' > a
head -q -n 1 a a
head -v -n 1 a
head -n1 -v -q a a
## STDOUT:
1
1
==> a <==
1
1
1
## END

#### stdin and dash
printf 'a\nb\nc\n' | head -n 1 -
printf 'a\nb\nc\n' | head -v -n 1
## STDOUT:
a
==> standard input <==
a
## END

#### zero terminated
printf 'a\0b\0c\0' | head -z -n 2 | cat -v
echo
## stdout: a^@b^@

#### leaves the offset of a seekable input after what it printed
printf '1\n2\n3\n' > f
(head -n 1; cat) < f
(head -c 3; cat) < f
## STDOUT:
1
2
3
1
2
3
## END

#### zero lines prints nothing
printf '1\n2\n' > f
head -n 0 f
head -c 0 f
echo end
## stdout: end

#### missing file and directory
printf '1\n' > f
head -n 1 f nosuch . f
echo "status=$?"
## STDOUT:
==> f <==
1

==> . <==

==> f <==
1
status=1
## END
## STDERR:
head: cannot open 'nosuch' for reading: No such file or directory
head: error reading '.': Is a directory
## END

#### invalid counts
head -n x f
echo "status=$?"
head -c 2y f
echo "status=$?"
head -n 99999999999999999999999 f
echo "status=$?"
## STDOUT:
status=1
status=1
status=1
## END
## STDERR:
head: invalid number of lines: 'x'
head: invalid number of bytes: '2y'
head: invalid number of lines: '99999999999999999999999': Value too large for defined data type
## END

#### invalid trailing option in old syntax
head -3x
## status: 1
## STDERR:
head: invalid trailing option -- x
Try 'head --help' for more information.
## END

#### bad option
head --frob
## status: 1
## STDERR:
head: unrecognized option '--frob'
Try 'head --help' for more information.
## END

#### missing argument
head -n
## status: 1
## STDERR:
head: option requires an argument -- 'n'
Try 'head --help' for more information.
## END
