# wc: counts, GNU column widths, totals, errors

#### default counts of one file
printf 'hello world\nfoo bar baz\n' > a
wc a
## stdout:  2  5 24 a

#### stdin only uses width 7
printf 'hello world\nfoo\n' | wc
## stdout:       2       3      16

#### redirected regular file is sized by the file
printf 'hello world\nfoo\n' > a
wc < a
## stdout:  2  3 16

#### single count of a single input has width 1
printf 'one\ntwo\nthree\n' > a
wc -l a
wc -l < a
printf 'x\n' | wc -c
## STDOUT:
3 a
3
2
## END

#### several files get a total line and a common width
printf 'hello world\nfoo\n' > a
printf 'x\n' > b
wc a b
wc -l a b
## STDOUT:
 2  3 16 a
 1  1  2 b
 3  4 18 total
 2 a
 1 b
 3 total
## END

#### widths follow the total size of the files
printf '%s\n' {1..3000} > big
printf 'x\n' > small
wc big small
wc -c small big
## STDOUT:
 3000  3000 13893 big
    1     1     2 small
 3001  3001 13895 total
    2 small
13893 big
13895 total
## END

#### stdin among files widens to 7
printf 'abc\n' > a
printf 'x y\n' | wc a -
## STDOUT:
      1       1       4 a
      1       2       4 -
      2       3       8 total
## END

#### each count alone and all of them in order
printf 'ab cd\n\tx  y z\n' > a
wc -w a
wc -c a
wc -m a
wc -L a
wc -Lmcwl a
## STDOUT:
5 a
14 a
14 a
14 a
 2  5 14 14 14 a
## END

#### combined flags keep GNU's order
printf 'one two\nthree\n' > a
wc -cl a
wc -wl a
## STDOUT:
 2 14 a
 2  3 a
## END

#### words ignore non-printable bytes
printf '\001 \377\200 a\tb\n' | wc -w
printf 'a\001b c\n' | wc -w
## STDOUT:
2
2
## END

#### max line length expands tabs and resets on CR and FF
printf 'ab\tc\rxy\fz\n' | wc -L
printf '\tx\n12345678901\n' | wc -L
printf 'no newline' | wc -L
## STDOUT:
9
11
10
## END

#### no trailing newline counts no line
printf 'a b' | wc
printf '' | wc
## STDOUT:
      0       2       3
      0       0       0
## END

#### dash means stdin
printf 'a\nb\n' | wc -l -
## stdout: 2 -

#### missing file among others
printf 'abc\n' > a
wc a nosuch
echo "status=$?"
## STDOUT:
1 1 4 a
1 1 4 total
status=1
## END
## stderr: wc: nosuch: No such file or directory

#### directory operand prints empty counts
wc .
echo "status=$?"
## STDOUT:
      0       0       0 .
status=1
## END
## stderr: wc: .: Is a directory

#### dev null is not a regular file
wc /dev/null
wc -c /dev/null
## STDOUT:
      0       0       0 /dev/null
0 /dev/null
## END

#### bad option
wc -x
## status: 1
## STDERR:
wc: invalid option -- 'x'
Try 'wc --help' for more information.
## END

#### long options
printf 'a b\nc\n' > a
wc --lines --words a
wc --bytes --chars a
wc --max-line-length a
## STDOUT:
2 3 a
6 6 a
3 a
## END

#### double dash ends options
printf 'x\n' > -l
wc -- -l
## stdout: 1 1 2 -l

#### --files0-from reads NUL-terminated names from stdin
printf 'a b\n' > f1
printf 'c\nd\n' > f2
printf 'f1\0f2\0' | wc --files0-from=-
printf 'f1' | wc -l --files0-from=-
## STDOUT:
1 2 4 f1
2 2 4 f2
3 4 8 total
1 f1
## END

#### --files0-from from a file sizes the columns up front
printf 'a b\n' > f1
seq 3000 > big
printf 'f1\0big\0' > list
wc --files0-from=list
## STDOUT:
    1     2     4 f1
 3000  3000 13893 big
 3001  3002 13897 total
## END

#### --files0-from reports empty and missing names and goes on
printf 'a b\n' > f1
printf 'f1\0\0nope\0' | wc --files0-from=-
## status: 1
## STDOUT:
1 2 4 f1
1 2 4 total
## END
## STDERR:
wc: -:2: invalid zero-length file name
wc: nope: No such file or directory
## END

#### --files0-from refuses - in a list read from stdin, and operands
printf 'a\n' > f1
printf 'f1\0-\0' | wc -l --files0-from=-
echo "status $?"
wc --files0-from=- f1
echo "status $?"
## STDOUT:
1 f1
1 total
status 1
status 1
## END
## STDERR:
wc: when reading file names from stdin, no file name of '-' allowed
wc: extra operand 'f1'
file operands cannot be combined with --files0-from
Try 'wc --help' for more information.
## END

#### --files0-from with a missing list or an empty one
wc --files0-from=nolist
echo "status $?"
printf '' | wc --files0-from=-
echo "status $?"
## STDOUT:
status 1
status 0
## END
## stderr: wc: cannot open 'nolist' for reading: No such file or directory

#### -m counts characters in a UTF-8 locale and bytes in C
printf 'héllo wörld\n日本語\n' > f
LC_ALL=C.UTF-8 wc -m f
LC_ALL=C wc -m f
LC_ALL=C LANG=C.UTF-8 wc -m < f
## STDOUT:
16 f
24 f
24
## END

#### -m skips bytes that are not UTF-8
printf 'x\377y\n\303' > f
LC_ALL=C.UTF-8 wc -m f
LC_ALL=C.UTF-8 wc -c f
## STDOUT:
3 f
5 f
## END

#### -L measures display width in UTF-8
printf 'héllo\n日本語x\n\tü\n' > f
LC_ALL=C.UTF-8 wc -L f
LC_ALL=C wc -L f
## STDOUT:
9 f
8 f
## END

#### words of non-ASCII characters
printf 'é è 日本 a\nü\n' > f
LC_ALL=C.UTF-8 wc -w f
LC_ALL=C.UTF-8 wc f
LC_ALL=C wc -w f
## STDOUT:
5 f
 2  5 18 f
1 f
## END

#### all counts in UTF-8 across several files
printf 'é\n' > a
printf 'ab\303\251\n' > b
LC_ALL=C.UTF-8 wc -lwmcL a b
## STDOUT:
1 1 2 3 1 a
1 1 4 5 3 b
2 2 6 8 3 total
## END
