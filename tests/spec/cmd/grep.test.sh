# grep, egrep, fgrep: checked against GNU grep 3.8 (LC_ALL=C)

#### basic match
printf 'abc\nxyz\nabd\n' | grep ab
## STDOUT:
abc
abd
## END

#### no match is status 1
printf 'abc\n' | grep zzz
## status: 1

#### invert
printf 'abc\nxyz\nabd\n' | grep -v ab
## stdout: xyz

#### count and invert count
printf 'abc\nxyz\nabd\n' > f
grep -c ab f
grep -vc ab f
## STDOUT:
2
1
## END

#### line numbers and byte offsets
printf 'abc\nxyz\nabd\n' | grep -n -b d
## stdout: 3:8:abd

#### last line without newline
printf 'abc\nxyz' | grep y
## stdout: xyz

#### ignore case, and -y
printf 'Foo\nfoo\nFOO\nbar\n' | grep -i foo
printf 'X\n' | grep -y x
## STDOUT:
Foo
foo
FOO
X
## END

#### no-ignore-case undoes -i
printf 'Foo\nfoo\n' | grep -i --no-ignore-case foo
## stdout: foo

#### word regexp
printf 'foo bar\nfoobar\nbar_foo\n(foo)\n' | grep -w foo
## STDOUT:
foo bar
(foo)
## END

#### line regexp
printf 'foo\nfoo bar\n' | grep -x foo
## stdout: foo

#### only matching, several per line
printf 'aa bb aa\nx\nab aa\n' | grep -o aa
## STDOUT:
aa
aa
aa
## END

#### only matching is leftmost-longest
printf 'xabcdx\n' | grep -oE 'ab|abcd'
printf 'xabcdx\n' | grep -oF -e ab -e abcd
## STDOUT:
abcd
abcd
## END

#### only matching with offsets and line numbers
printf 'aa bb aa\nx aa\n' | grep -o -b -n aa
## STDOUT:
1:0:aa
1:6:aa
2:11:aa
## END

#### basic regexp syntax
printf 'a+b\naab\nab\n' | grep 'a+b'
printf 'a+b\naab\nab\n' | grep 'a\+b'
## STDOUT:
a+b
aab
ab
## END

#### extended regexp and egrep
printf 'cat\ndog\ncow\n' | grep -E 'cat|dog'
printf 'cat\ndog\ncow\n' | egrep 'c(a|o)'
## STDOUT:
cat
dog
cat
cow
## END

#### fixed strings and fgrep
printf 'a.c\nabc\n' | grep -F a.c
printf 'a*\naa\n' | fgrep 'a*'
## STDOUT:
a.c
a*
## END

#### back-references
printf 'abab\nabba\nxyxy z\n' | grep '\(..\)\1'
printf 'abba\n' | grep -E '(a)(b)\2\1'
## STDOUT:
abab
xyxy z
abba
## END

#### anchors and classes
printf 'ab\nba\n a\n9x\n' | grep '^a'
printf 'ab\nba\n a\n9x\n' | grep 'a$'
printf 'ab\nba\n a\n9x\n' | grep '^[[:digit:]]'
printf 'ab\nba\n a\n9x\n' | grep '^[[:space:]]'
## STDOUT:
ab
ba
 a
9x
 a
## END

#### dot does not match across lines
printf 'a\nb\naxb\n' | grep -c 'a.b'
## stdout: 1

#### several -e patterns and newline-separated patterns
printf 'one\ntwo\nthree\n' | grep -e one -e three
printf 'one\ntwo\nthree\n' | grep 'one
two'
## STDOUT:
one
three
one
two
## END

#### patterns from a file
printf 'pat1\npat2\n' > pats
printf 'pat1 x\nnone\npat2 y\n' | grep -f pats
## STDOUT:
pat1 x
pat2 y
## END

#### empty pattern file matches nothing
: > empty
printf 'a\nb\n' | grep -f empty
echo $?
printf 'a\nb\n' | grep -v -f empty
## STDOUT:
1
a
b
## END

#### empty pattern matches every line
printf 'a\n\nb\n' | grep -c ''
printf 'a\n\nb\n' | grep -c -x ''
## STDOUT:
3
1
## END

#### pattern starting with a dash
printf -- '-x\ny\n' | grep -e -x
printf -- '-x\ny\n' | grep -- -x
printf -- '-x\ny\n' | grep '\-x'
## STDOUT:
-x
-x
-x
## END

#### context after and before
printf 'a\nb\nc\nd\ne\nf\ng\nh\n' | grep -A1 -e b -e g
printf 'a\nb\nc\nd\ne\nf\ng\nh\n' | grep -B2 -n -e c -e g
## STDOUT:
b
c
--
g
h
1-a
2-b
3:c
--
5-e
6-f
7:g
## END

#### context merges adjacent groups
printf 'a\nb\nc\nd\ne\n' | grep -C1 -e b -e d
## STDOUT:
a
b
c
d
e
## END

#### -NUM context and -A0 separators
printf 'a\nb\nc\nd\ne\nf\n' | grep -1 d
printf 'a\nb\nc\nd\n' | grep -A0 -e a -e c
## STDOUT:
c
d
e
a
--
c
## END

#### group separator options
printf 'a\nb\nc\n' | grep --group-separator=XX -A0 -e a -e c
printf 'a\nb\nc\n' | grep --no-group-separator -A0 -e a -e c
## STDOUT:
a
XX
c
a
c
## END

#### inverted context
printf 'a\nb\nc\nd\ne\n' | grep -v -C1 '[a-d]'
## STDOUT:
d
e
## END

#### max count
printf 'a\nb\na\na\n' | grep -m2 a
printf 'a\nb\na\na\n' | grep -m2 -c a
## STDOUT:
a
a
2
## END

#### max count keeps trailing context
printf 'a\na\nb\nc\n' | grep -m1 -A2 a
## STDOUT:
a
a
b
## END

#### max count zero reads nothing
printf 'a\n' | grep -m0 a
## status: 1

#### file names with several files
printf 'x\n' > a
printf 'y\nx\n' > b
grep x a b
grep -h x a b
grep -c x a b
## STDOUT:
a:x
b:x
x
x
a:1
b:1
## END

#### with-filename and label for stdin
printf 'x\n' | grep -H x
printf 'x\n' | grep --label=in -H x
printf 'x\n' | grep -c x - 
## STDOUT:
(standard input):x
in:x
1
## END

#### files with and without matches
printf 'x\n' > a
printf 'y\n' > b
grep -l x a b
grep -L x a b
## STDOUT:
a
b
## END

#### files-without-match status follows selected lines
printf 'x\n' > a
grep -L x a
echo $?
grep -L y a
echo $?
## STDOUT:
0
a
1
## END

#### null after file names
printf 'x\n' > a
grep -lZ x a a | cat -v
echo
grep -Z x a a | cat -v
## STDOUT:
a^@a^@
a^@x
a^@x
## END

#### initial tab aligns numbers
printf 'a\tb\nxx\na\n' > f
grep -T -n a f | cat -A
grep -T -H -b a f | cat -A
## STDOUT:
 1:^Ia^Ib$
 3:^Ia$
f:0:^Ia^Ib$
f:7:^Ia$
## END

#### missing file is status 2 even with a match
printf 'x\n' > a
grep x a missing
## status: 2
## stdout: a:x
## stderr: grep: missing: No such file or directory

#### no-messages hides the error, not the status
printf 'x\n' > a
grep -s x missing a
## status: 2
## stdout: a:x
## stderr-json: ""

#### quiet with a match succeeds despite errors
printf 'x\n' > a
grep -q x missing a
echo $?
grep -q y a
echo $?
## STDOUT:
0
1
## END

#### directory operand without -r
grep x .
## status: 2
## stderr: grep: .: Is a directory

#### directories skip
grep -d skip x .
## status: 1

#### recursive search of the working directory
echo hit > f
echo miss > g
grep -r hit .
grep -r hit
grep -rL hit
## STDOUT:
./f:hit
f:hit
g
## END

#### recursive search names files
mkdir -p d/s
echo hit > d/s/x
echo miss > d/y
grep -r hit d
grep -rh hit d
grep -rc hit d/s
## STDOUT:
d/s/x:hit
hit
d/s/x:1
## END

#### recursive without operand searches . without ./
mkdir -p d/s
echo hit > d/s/x
cd d
grep -r hit
grep -r hit .
## STDOUT:
s/x:hit
./s/x:hit
## END

#### recursive on a file shows no name
echo hit > f
grep -r hit f
## stdout: hit

#### include exclude and exclude-dir
mkdir -p d/s
echo hit > d/s/x.c
echo hit > d/y.h
grep -r --include='*.c' hit d
grep -r --exclude='*.c' hit d
grep -r --exclude-dir=s hit d
## STDOUT:
d/s/x.c:hit
d/y.h:hit
d/y.h:hit
## END

#### include applies to command-line files
echo hit > y.c
grep --include='*.h' hit y.c
echo $?
grep --exclude='*.h' hit y.c
## STDOUT:
1
hit
## END

#### binary file matches
printf 'a\0b\nc\n' | grep a
echo $?
## stdout: 0
## stderr: grep: (standard input): binary file matches

#### binary file as text, and NULs as line ends
printf 'a\0b\nc\n' | grep -a a | cat -v
printf 'a\0a\nb\n' | grep -c a
printf 'a\0b\n' | grep -c 'a.b'
printf 'a\0b\n' | grep -I a
echo $?
## STDOUT:
a^@b
2
0
1
## END

#### null data
printf 'one\0two\nx\0' | grep -z two | cat -v
echo
printf 'a\nb\0c\0' | grep -zc '^b'
printf 'a\nb\0c\0' | grep -zc 'a.b'
## STDOUT:
two
x^@
0
1
## END

#### color always
printf 'hello world\n' | grep --color=always o | cat -v
printf 'hello\n' > f
grep --color=always -n -H l f | cat -v
## STDOUT:
hell^[[01;31m^[[Ko^[[m^[[K w^[[01;31m^[[Ko^[[m^[[Krld
^[[35m^[[Kf^[[m^[[K^[[36m^[[K:^[[m^[[K^[[32m^[[K1^[[m^[[K^[[36m^[[K:^[[m^[[Khe^[[01;31m^[[Kl^[[m^[[K^[[01;31m^[[Kl^[[m^[[Ko
## END

#### color separators and GREP_COLORS
printf 'a\nb\nc\nd\n' | grep --color=always -A0 -e a -e c | cat -v
printf 'ab\n' | GREP_COLORS='ms=04;32' grep --color=always b | cat -v
printf 'ab\n' | grep --color=never b
## STDOUT:
^[[01;31m^[[Ka^[[m^[[K
^[[36m^[[K--^[[m^[[K
^[[01;31m^[[Kc^[[m^[[K
a^[[04;32m^[[Kb^[[m^[[K
ab
## END

#### perl regexp
printf 'a1\nb\n' | grep -P '\d'
printf 'foo\nbar\n' | grep -oP 'o(?=o)'
## STDOUT:
a1
o
## END

#### bad regexp
grep -E 'a(' /dev/null
## status: 2
## stderr: grep: Unmatched ( or \(

#### conflicting matchers
grep -E -F x /dev/null
## status: 2
## stderr: grep: conflicting matchers specified

#### bad option and missing pattern
grep --frobnicate x
echo $?
grep
echo $?
## STDOUT:
2
2
## END
## STDERR:
grep: unrecognized option '--frobnicate'
Usage: grep [OPTION]... PATTERNS [FILE]...
Try 'grep --help' for more information.
Usage: grep [OPTION]... PATTERNS [FILE]...
Try 'grep --help' for more information.
## END

#### bad numbers
grep -A x y /dev/null
echo $?
grep -m x y /dev/null
echo $?
## STDOUT:
2
2
## END
## STDERR:
grep: x: invalid context length argument
grep: invalid max count
## END

#### warnings for stray operators
printf '*a\n' | grep -E '*a'
## stdout: *a
## stderr: grep: warning: * at start of expression

#### help
grep --help | grep -c -e '--fixed-strings'
## stdout: 1

#### max count leaves standard input after the last selected line
printf 'a\nx1\nb\nx2\nc\n' > f
{ grep -m1 x; echo --; cat; } < f
## STDOUT:
x1
--
b
x2
c
## END

#### . and brackets match characters in a UTF-8 locale
printf 'héllo\n' > f
LC_ALL=C.UTF-8 grep -o 'h.l' f
LC_ALL=C grep -c 'h.l' f
LC_ALL=C.UTF-8 grep -o '[é]l' f
LC_ALL=C.UTF-8 grep -Eo '^..' f
## STDOUT:
hél
0
él
hé
## END

#### -i folds case beyond ASCII in UTF-8
printf 'ÉCOLE\nécole\n' > f
LC_ALL=C.UTF-8 grep -ic 'école' f
LC_ALL=C.UTF-8 grep -iF 'ÉCOLE' f
LC_ALL=C grep -ic 'école' f
## STDOUT:
2
ÉCOLE
école
1
## END

#### character classes and bytes that are not UTF-8
printf 'aé日\nx\377y\n' > f
LC_ALL=C.UTF-8 grep -o '[[:alpha:]]*' f
LC_ALL=C.UTF-8 grep -c 'x.y' f
LC_ALL=C grep -c 'x.y' f
## STDOUT:
aé日
x
y
0
1
## END
