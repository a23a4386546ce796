# tail: last lines or bytes, +N, headers, old syntax, following

#### default is ten lines
printf '%s\n' {1..15} | tail
## STDOUT:
6
7
8
9
10
11
12
13
14
15
## END

#### n lines of a file and of a pipe
printf '1\n2\n3\n4\n5\n' > f
tail -n 2 f
cat f | tail -n 2
tail --lines=1 f
## STDOUT:
4
5
4
5
5
## END

#### bytes
printf '1\n2\n3\n4\n5\n' > f
tail -c 3 f
cat f | tail -c 4
tail -c 100 f | wc -c
## STDOUT:

5
4
5
10
## END

#### from line or byte N
printf '1\n2\n3\n4\n5\n' > f
tail -n +4 f
cat f | tail -n +5
tail -c +8 f
tail -n +0 f | wc -l
## STDOUT:
4
5
5

5
5
## END

#### old syntax
printf '1\n2\n3\n4\n5\n' > f
tail -2 f
tail +4 f
tail -2c f
tail +9c f
tail -3 -- f
## STDOUT:
4
5
4
5
5
5
3
4
5
## END

#### last line without newline
printf 'a\nb' | tail -n 1
echo '|'
printf 'a\nb' > f
tail -n 1 f
echo '|'
## STDOUT:
b|
b|
## END

#### long input through a pipe and from a file
printf '%s\n' {1..100000} > big
cat big | tail -n 3
tail -n 2 big
cat big | tail -c 7
cat big | tail -n 70000 | head -n 1
tail -n 70000 big | head -n 1
## STDOUT:
99998
99999
100000
99999
100000
100000
30001
30001
## END

#### size suffixes
printf '%s\n' {1..2000} > f
tail -c 1K f | wc -c
tail -n 1b f | wc -l
## STDOUT:
1024
512
## END

#### several files get headers
printf '1\n2\n' > a
printf 'x\ny\n' > b
tail -n 1 a b
## STDOUT:
==> a <==
2

==> b <==
y
## END

#### quiet and verbose
printf '1\n2\n' > a
tail -q -n 1 a a
tail -v -n 1 a
printf 'p\n' | tail -v
## STDOUT:
2
2
==> a <==
2
==> standard input <==
p
## END

#### zero terminated
printf 'a\0b\0c\0' | tail -z -n 2 | cat -v
echo
## stdout: b^@c^@

#### zero lines prints nothing
printf '1\n2\n' > f
tail -n 0 f
cat f | tail -c 0
echo end
## stdout: end

#### reads from the current offset of stdin
printf '1\n2\n3\n4\n' > f
(head -n 3 > /dev/null; tail -n 5) < f
## stdout: 4

#### follow prints what is appended until the watched process ends
printf 'a\n' > f
( { echo b >> f; echo c >> f; } & echo $! > pid )
tail -f -s 0.1 --pid=$(cat pid) f
## STDOUT:
a
b
c
## END

#### follow by name with two files
printf '1\n' > a
printf '2\n' > b
true &
w=$!
wait $w
tail -F -s 0.1 --pid=$w a b
## STDOUT:
==> a <==
1

==> b <==
2
## END

#### follow ends by a note
printf 'a\n' > f
tail -f f > out &
t=$!
kill $t
wait $t
echo "status=$?"
## stdout: status=143

#### follow on a pipe ends with the pipe
printf 'x\ny\n' | tail -f -n 1
## stdout: y

#### follow a missing file gives up
tail -f nosuch
echo "status=$?"
## stdout: status=1
## STDERR:
tail: cannot open 'nosuch' for reading: No such file or directory
tail: no files remaining
## END

#### missing file and directory
printf '1\n' > f
tail -n 1 f nosuch . f
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
tail: cannot open 'nosuch' for reading: No such file or directory
tail: error reading '.': Is a directory
## END

#### invalid counts
printf '1\n' > f
tail -n x f
echo "status=$?"
tail -c y f
echo "status=$?"
tail -s x f
echo "status=$?"
tail --pid=abc f
echo "status=$?"
## STDOUT:
status=1
status=1
status=1
status=1
## END
## STDERR:
tail: invalid number of lines: 'x'
tail: invalid number of bytes: 'y'
tail: invalid number of seconds: 'x'
tail: invalid PID: 'abc'
## END

#### old syntax with several files is an error
printf '1\n' > f
tail -2 f f
echo "status=$?"
## stdout: status=1
## stderr: tail: option used in invalid context -- 2

#### bad option
tail --frob
## status: 1
## STDERR:
tail: unrecognized option '--frob'
Try 'tail --help' for more information.
## END
