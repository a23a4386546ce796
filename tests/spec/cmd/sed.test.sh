# sed: checked against GNU sed 4.9 (LC_ALL=C)

#### s basic
printf 'hello world\nfoo\n' | sed 's/o/0/'
## STDOUT:
hell0 world
f0o
## END

#### s global
printf 'hello world\nfoo\n' | sed 's/o/0/g'
## STDOUT:
hell0 w0rld
f00
## END

#### s Nth occurrence and Ng
printf 'aaaaa\n' | sed 's/a/b/3'
printf 'aaaaa\n' | sed 's/a/b/3g'
## STDOUT:
aabaa
aabbb
## END

#### s empty match advances one character
echo abc | sed 's/x*/-/g'
echo baaac | sed 's/a*/x/g'
## STDOUT:
-a-b-c-
xbxcx
## END

#### s with p and -n
printf 'one\ntwo\nthree\n' | sed -n 's/t/T/p'
## STDOUT:
Two
Three
## END

#### s case-insensitive flag
printf 'Hello HELLO hello\n' | sed 's/hello/bye/Ig'
printf 'ABC\n' | sed 's/b/x/i'
## STDOUT:
bye bye bye
AxC
## END

#### s ampersand and back-references
echo 'hello world' | sed 's/\(hello\) \(world\)/\2 \1 [&]/'
echo 'a&b' | sed 's/&/\&\&/'
## STDOUT:
world hello [hello world]
a&&b
## END

#### s ERE groups with -E and -r
echo 'abc123def' | sed -E 's/([a-z]+)([0-9]+)/\2\1/'
echo 'aaa bbb' | sed -r 's/(a+) (b+)/\2-\1/'
## STDOUT:
123abcdef
bbb-aaa
## END

#### s newline in replacement
echo 'a,b,c' | sed 's/,/\n/g'
## STDOUT:
a
b
c
## END

#### s case conversion
echo 'hello world' | sed 's/\w\+/\u&/g'
echo 'hello world' | sed -E 's/(\w+) (\w+)/\U\1\E \2/'
echo 'Hello World' | sed 's/.*/\L&/'
echo 'foo bar' | sed -E 's/(foo) (bar)/\u\1 \U\2\E!/'
echo 'ABC def' | sed 's/\(ABC\) \(def\)/\l\1 \L\u\2/'
## STDOUT:
Hello World
HELLO world
hello world
Foo BAR!
aBC Def
## END

#### s other delimiters
echo '/usr/local/bin' | sed 's|/usr/local|/opt|'
echo 'a,b' | sed 's,\,,;,'
echo 'path/to' | sed 's/\//:/g'
echo 'abc' | sed 'sxbxBx'
## STDOUT:
/opt/bin
a;b
path:to
aBc
## END

#### s multiline mode flag
printf 'a\nb\nc\n' | sed 'N;N;s/^/>/Mg'
printf 'a\nb\n' | sed 'N;s/a$/A/M'
printf 'a\nb\n' | sed 'N;s/a$/A/'
## STDOUT:
>a
>b
>c
A
b
a
b
## END

#### s w file
printf 'one\ntwo\nthree\n' | sed -n 's/o/0/w out'
cat out
## STDOUT:
0ne
tw0
## END

#### s w /dev/stdout
printf 'x\ny\n' | sed 's/x/X/w /dev/stdout'
## STDOUT:
X
X
y
## END

#### dot and bracket match newline in pattern space
printf 'a\nb\n' | sed 'N;s/a.b/X/'
printf 'a\nb\n' | sed 'N;s/a[^x]b/Y/'
## STDOUT:
X
Y
## END

#### d and p
printf '1\n2\n3\n' | sed 2d
printf '1\n2\n3\n' | sed -n 2p
printf '1\n2\n' | sed p
## STDOUT:
1
3
2
1
1
2
2
## END

#### q and Q with exit codes
printf '1\n2\n3\n' | sed 2q
printf '1\n2\n3\n' | sed 2Q
printf '1\n2\n' | sed 'q5'; echo "status $?"
printf '1\n2\n' | sed '2Q7'; echo "status $?"
## STDOUT:
1
2
1
1
status 5
1
status 7
## END

#### n and N
printf '1\n2\n3\n4\n5\n' | sed -n 'n;p'
printf '1\n2\n3\n4\n5\n' | sed 'N;s/\n/+/'
## STDOUT:
2
4
1+2
3+4
5
## END

#### N on the last line prints the pattern space
printf '1\n2\n3\n' | sed N
printf '1\n2\n3\n' | sed '$!N;s/\n/-/'
## STDOUT:
1
2
3
1-2
3
## END

#### D and P
printf '1\n2\n3\n4\n' | sed -n 'N;P;D'
printf 'a\nb\nc\n' | sed '$!N;P;D'
## STDOUT:
1
2
3
a
b
c
## END

#### h H g G x
printf 'a\nb\nc\n' | sed -n 'H;${x;s/\n/,/g;s/^,//;p}'
printf 'a\nb\n' | sed 'G'
printf 'a\nb\nc\n' | sed -n '1h;1!H;${g;p}'
printf 'a\nb\n' | sed 'x'
## STDOUT:
a,b,c
a

b

a
b
c

a
## END

#### a i c one-liner forms
printf '1\n2\n' | sed '1a appended'
printf '1\n2\n' | sed '2i\  inserted with leading blanks'
printf '1\n2\n3\n' | sed '2c changed'
## STDOUT:
1
appended
2
1
  inserted with leading blanks
2
1
changed
3
## END

#### a i c with backslash-newline continuation
printf '1\n2\n' | sed '1a\
first\
second'
printf '1\n2\n' | sed '$i\
before last'
## STDOUT:
1
first
second
2
1
before last
2
## END

#### c on a range prints once at the end
printf '1\n2\n3\n4\n' | sed '2,3c\
gone'
printf '1\n2\n3\n' | sed '2!c X'
## STDOUT:
1
gone
4
X
2
X
## END

#### a with -e pieces and gnu a text escapes
printf 'x\n' | sed -e 'a\' -e 'line one'
printf 'x\n' | sed 'a\tTAB'
printf 'x\n' | sed 'a foo\nbar'
## STDOUT:
x
line one
x
tTAB
x
foo
bar
## END

#### a then n flushes the append queue
printf '1\n2\n3\n' | sed '1{a A
n}'
## STDOUT:
1
A
2
3
## END

#### i before output and a after it with -n
printf '1\n2\n' | sed -n '1{i I
a A
p}'
## STDOUT:
I
1
A
## END

#### y command
echo 'hello' | sed 'y/abcdefghij/ABCDEFGHIJ/'
echo 'a/b\c' | sed 'y,/\\,|:,'
printf 'a b\n' | sed 'y/ /\n/'
## STDOUT:
HEllo
a|b:c
a
b
## END

#### y unequal lengths is an error
echo x | sed 'y/abc/de/'
## stderr: sed: -e expression #1, char 9: strings for `y' command are different lengths
## status: 1

#### = line numbers
printf 'a\nb\n' | sed =
printf 'a\nb\nc\n' | sed -n '$='
## STDOUT:
1
a
2
b
3
## END

#### l and l with a width
printf 'a\tb\001\\c\n' | sed -n l
printf 'abcdefghij\n' | sed -n 'l 5'
printf 'abcdefghij\n' | sed -l 6 -n l
printf 'abc\n' | sed -n 'l 0'
printf '\303\251\n' | sed -n l
## STDOUT:
a\tb\001\\c$
abcd\
efgh\
ij$
abcde\
fghij$
abc$
\303\251$
## END

#### l wraps a long line at 70
printf '%0100d\n' 0 | sed -n l
## STDOUT:
000000000000000000000000000000000000000000000000000000000000000000000\
0000000000000000000000000000000$
## END

#### r file and 0r
printf 'R1\nR2\n' > r.txt
printf '1\n2\n' | sed '1r r.txt'
printf '1\n2\n' | sed '0r r.txt'
printf '1\n2\n' | sed 'r nosuch'
## STDOUT:
1
R1
R2
2
R1
R2
1
2
1
2
## END

#### R reads one line at a time
printf 'R1\nR2\n' > r.txt
printf '1\n2\n3\n' | sed 'R r.txt'
## STDOUT:
1
R1
2
R2
3
## END

#### w file and W
printf '1\n2\n3\n' | sed -n '2,3w out'
printf 'a\nb\n' | sed -n 'N;W first'
cat out first
## STDOUT:
2
3
a
## END

#### branches, labels and t
printf 'a b c\n' | sed ':a;s/ /_/;ta'
printf 'x1\nx\n' | sed -n 's/1/one/;T;p'
printf '1\n2\n3\n' | sed -n '2b skip;p;:skip'
printf 'a\nb\n' | sed -e 'b end' -e 's/./X/' -e ':end'
## STDOUT:
a_b_c
xone
1
3
a
b
## END

#### t resets on each new line
printf 'ax\nb\n' | sed 's/x/y/;n;t done;s/^/-/;:done'
## STDOUT:
ay
-b
## END

#### blocks and nesting
printf '1\n2\n3\n4\n' | sed -n '2,4{/3/!{p}}'
printf 'a\nb\n' | sed '/a/{s/a/A/;p}'
## STDOUT:
2
4
A
A
b
## END

#### z F
printf 'abc\n' | sed 'z;s/^$/empty/'
printf 'x\n' > f1
sed F f1
printf 'x\n' | sed F
## STDOUT:
empty
f1
x
-
x
## END

#### comments and #n first line
printf '1\n2\n' | sed '# a comment
2d # another'
printf '1\n2\n' | sed '#n
1p'
printf '1\n2\n' | sed -f /dev/null
## STDOUT:
1
1
1
2
## END

#### addresses: number, last, regex, step
printf '1\n2\n3\n4\n5\n6\n' | sed -n '$p'
printf '1\n2\n3\n4\n5\n6\n' | sed -n '/[24]/p'
printf '1\n2\n3\n4\n5\n6\n7\n' | sed -n '1~3p'
printf '1\n2\n3\n4\n5\n6\n' | sed -n '0~2p'
printf '1\n2\n3\n' | sed -n '2~0p'
## STDOUT:
6
2
4
1
4
7
2
4
6
2
## END

#### custom delimiter address and flags
printf '/usr\n/bin\nUSR\n' | sed -n '\%/usr%p'
printf 'usr\nbin\nUSR\n' | sed -n '/usr/Ip'
printf 'a\nb\n' | sed -n 'N;/^b/Mp'
printf 'a\nb\n' | sed -n 'N;/^b/p'
## STDOUT:
/usr
usr
USR
a
b
## END

#### ranges
printf '1\n2\n3\n4\n5\n' | sed -n '2,4p'
printf 'a\nstart\nb\nend\nc\n' | sed -n '/start/,/end/p'
printf '1\n2\n3\n' | sed -n '3,1p'
printf '1\n2\n3\n4\n' | sed -n '/2/,1p'
## STDOUT:
2
3
4
start
b
end
3
2
## END

#### 0,/re/ versus 1,/re/
printf 'x\ny\nx\n' | sed '0,/x/s/x/X/'
printf 'x\ny\nx\n' | sed '1,/x/s/x/X/'
## STDOUT:
X
y
x
X
y
X
## END

#### addr,+N and addr,~N
printf '1\n2\n3\n4\n5\n6\n7\n8\n' | sed -n '/2/,+2p'
printf '1\n2\n3\n4\n5\n6\n7\n8\n' | sed -n '5,~4p'
printf '1\n2\n3\n4\n5\n6\n' | sed -n '/[14]/,+1p'
## STDOUT:
2
3
4
5
6
7
8
1
2
4
5
## END

#### negation
printf '1\n2\n3\n' | sed '2!d'
printf '1\n2\n3\n4\n' | sed -n '2,3!p'
printf '1\n2\n3\n' | sed '$!s/$/,/'
## STDOUT:
2
1
4
1,
2,
3
## END

#### empty regex reuses the last one
printf 'foo\nbar\nfood\n' | sed -n '/foo/{s//X/;p}'
printf 'abc\n' | sed 's/b/B/;s//Z/'
## STDOUT:
X
Xd
aBc
## END

#### -s and -i treat files separately
printf 'a\nb\n' > f1
printf 'c\nd\n' > f2
sed -n '$p' f1 f2
sed -s -n '$p' f1 f2
sed -n '1p' f1 f2
sed -s '1d' f1 f2
## STDOUT:
d
b
d
a
b
d
## END

#### F and = with several files
printf 'a\n' > f1
printf 'b\n' > f2
sed -s 'F;=' f1 - f2 < f1
## STDOUT:
f1
1
a
-
1
a
f2
1
b
## END

#### -i edits in place
printf 'hello\nworld\n' > f
sed -i 's/o/0/g' f
cat f
## STDOUT:
hell0
w0rld
## END

#### -i with a backup suffix and several files
printf 'one\n' > a
printf 'two\n' > b
sed -i.bak '1s/^/>/;$a end' a b
cat a b a.bak b.bak
## STDOUT:
>one
end
>two
end
one
two
## END

#### --in-place=SUFFIX with a star
printf 'x\n' > f
sed --in-place='old_*' 's/x/y/' f
cat f old_f
## STDOUT:
y
x
## END

#### -i keeps the file mode
printf 'x\n' > f
chmod 640 f
sed -i 's/x/y/' f
ls -l f | cut -c1-10
cat f
## STDOUT:
-rw-r-----
y
## END

#### -i with w /dev/stdout and p
printf 'a\nb\n' > f
sed -i -n '1p;2w /dev/stdout' f
echo ---
cat f
## STDOUT:
b
---
a
## END

#### -i without files
sed -i 's/a/b/'
## stderr: sed: no input files
## status: 4

#### -z null-separated data
printf 'a\nb\0c\0' | sed -z 's/^./X/' | tr '\0' '|'
printf 'one\0two\0' | sed -z -n '$p' | tr '\0' '|'
echo
printf 'a\nb\n' | sed -z 's/\n/,/g'
## stdout-json: "X\nb|X|two|\na,b,"

#### -u unbuffered keeps the rest of stdin
printf '1\n2\n3\n' > f
{ sed -u 1q; cat; } < f
## STDOUT:
1
2
3
## END

#### multiple -e and -f joined by newlines
printf 's/a/A/\n# comment\ns/b/B/\n' > script.sed
printf 'abc\n' | sed -f script.sed -e 's/c/C/'
printf 'abc\n' | sed -e 's/a/1/' -e 's/b/2/'
printf 'abc\n' | sed --expression='s/c/3/' --file=script.sed
## STDOUT:
ABC
12c
AB3
## END

#### -f - reads the script from stdin
printf 'x\n' > f
echo 's/x/y/' | sed -f - f
## stdout: y

#### -n combined with -E and -s
printf 'aa\nb\n' > f
sed -nEs '/a+/p' f
sed -En -- '/b/p' f
## STDOUT:
aa
b
## END

#### stdin as -
printf 'abc\n' > f
printf 'xyz\n' | sed 's/./#/' f - f
## STDOUT:
#bc
#yz
#bc
## END

#### missing last newline is kept
printf 'a\nb' | sed 's/b/B/'
printf 'a\nb' | sed '$a end'
printf 'a' | sed p
## stdout-json: "a\nBa\nb\nend\na\na"

#### missing file is reported and others processed
printf 'ok\n' > f
sed p nosuch f
## STDOUT:
ok
ok
## END
## stderr: sed: can't read nosuch: No such file or directory
## status: 2

#### directory operand
mkdir d
printf 'ok\n' > f
sed p d f
## stderr: sed: read error on d: Is a directory
## status: 4

#### missing script
sed 2>&1 | head -1
sed; echo "status $?"
## STDOUT:
Usage: sed [OPTION]... {script-only-if-no-other-script} [input-file]...
status 1
## END

#### unknown option
sed --bogus 's/a/b/' 2>&1 | head -2
sed -k p 2>&1 | head -1
sed --bogus p; echo "status $?"
## STDOUT:
sed: unrecognized option '--bogus'
Usage: sed [OPTION]... {script-only-if-no-other-script} [input-file]...
sed: invalid option -- 'k'
status 1
## END

#### unknown command
echo x | sed 'k'
## stderr: sed: -e expression #1, char 1: unknown command: `k'
## status: 1

#### unterminated s
echo x | sed 's/a/b'
## stderr: sed: -e expression #1, char 5: unterminated `s' command
## status: 1

#### unknown option to s
echo x | sed 's/a/b/z'
## stderr: sed: -e expression #1, char 7: unknown option to `s'
## status: 1

#### extra characters after command
echo x | sed 'p x'
## stderr: sed: -e expression #1, char 3: extra characters after command
## status: 1

#### unterminated address regex
echo x | sed '/abc'
## stderr: sed: -e expression #1, char 4: unterminated address regex
## status: 1

#### missing command
echo x | sed '1'
## stderr: sed: -e expression #1, char 1: missing command
## status: 1

#### unmatched braces
echo x | sed '{p'
echo x | sed 'p}'
## STDERR:
sed: -e expression #1, char 0: unmatched `{'
sed: -e expression #1, char 2: unexpected `}'
## END
## status: 1

#### undefined label
echo x | sed 'b nowhere'
## stderr: sed: can't find label for jump to `nowhere'
## status: 4

#### invalid reference
echo x | sed 's/x/\1/'
echo x | sed -E 's/(x)/\2/'
## STDERR:
sed: -e expression #1, char 7: invalid reference \1 on `s' command's RHS
sed: -e expression #1, char 9: invalid reference \2 on `s' command's RHS
## END
## status: 1

#### second script piece error position
echo x | sed -e p -e 's/x/y/q'
## stderr: sed: -e expression #2, char 7: unknown option to `s'
## status: 1

#### no previous regex
echo x | sed 's//y/'
## stderr: sed: -e expression #1, char 0: no previous regular expression
## status: 1

#### bad regex
echo x | sed 's/a\{1/b/'
echo x | sed -E 's/(a/b/'
## STDERR:
sed: -e expression #1, char 9: Unmatched \{
sed: -e expression #1, char 7: Unmatched ( or \(
## END
## status: 1

#### error in -f file reports the line
printf 'p\ns/a/b/k\n' > s.sed
echo x | sed -f s.sed
## stderr: sed: file s.sed line 2: unknown option to `s'
## status: 1

#### missing -f file
echo x | sed -f nosuch.sed
## stderr: sed: couldn't open file nosuch.sed: No such file or directory
## status: 4

#### multiple ! and invalid line 0
echo x | sed '1!!p'
echo x | sed '0p'
## STDERR:
sed: -e expression #1, char 3: multiple `!'s
sed: -e expression #1, char 2: invalid usage of line address 0
## END
## status: 1

#### sed1line: double space a file
printf 'a\nb\n' | sed G
printf 'a\n\nb\n' | sed '/^$/d;G'
## stdout-json: "a\n\nb\n\na\n\nb\n\n"

#### sed1line: reverse lines like tac
printf '1\n2\n3\n' | sed '1!G;h;$!d'
printf '1\n2\n3\n' | sed -n '1!G;h;$p'
## STDOUT:
3
2
1
3
2
1
## END

#### sed1line: reverse characters like rev
printf 'abc\nhello\n' | sed '/\n/!G;s/\(.\)\(.*\n\)/&\2\1/;//D;s/.//'
## STDOUT:
cba
olleh
## END

#### sed1line: join all lines
printf 'a\nb\nc\n' | sed ':a;N;$!ba;s/\n/ /g'
## stdout: a b c

#### sed1line: number lines
printf 'a\nb\n' > f
sed = f | sed 'N;s/\n/\t/'
## STDOUT:
1	a
2	b
## END

#### sed1line: count lines like wc -l
printf 'a\nb\nc\n' | sed -n '$='
## stdout: 3

#### sed1line: delete trailing and leading blanks
printf 'a  \t\n  b\n' | sed 's/[ \t]*$//' | tr ' \t' '_>'
printf '  a\n\tb\n' | sed 's/^[ \t]*//'
## STDOUT:
a
__b
a
b
## END

#### sed1line: print line N and a range
seq 10 | sed -n '5p'
seq 10 | sed '5q;d'
seq 10 | sed -n '3,5p'
## STDOUT:
5
5
3
4
5
## END

#### sed1line: head and tail
seq 20 | sed 10q
seq 20 | sed -e :a -e '$q;N;11,$D;ba'
seq 5 | sed '$!d'
seq 5 | sed -n '$!{h;d;};x;p'
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
11
12
13
14
15
16
17
18
19
20
5
4
## END

#### sed1line: uniq and uniq -d
printf 'a\na\nb\nb\nb\nc\na\n' | sed '$!N; /^\(.*\)\n\1$/!P; D'
printf 'a\na\nb\nc\nc\n' | sed '$!N; s/^\(.*\)\n\1$/\1/; t; D'
## STDOUT:
a
b
c
a
a
c
## END

#### sed1line: grep and grep -v
printf 'foo\nbar\nfoobar\n' | sed -n '/foo/p'
printf 'foo\nbar\nfoobar\n' | sed '/foo/d'
## STDOUT:
foo
foobar
bar
## END

#### sed1line: center and right-align
printf 'ab\nabcd\n' | sed -e :a -e 's/^.\{1,5\}$/ &/;ta'
## STDOUT:
    ab
  abcd
## END

#### sed1line: commify numbers
printf '1234567\n12\n' | sed -e :a -e 's/\(.*[0-9]\)\([0-9]\{3\}\)/\1,\2/;ta'
## STDOUT:
1,234,567
12
## END

#### sed1line: delete consecutive blank lines
printf 'a\n\n\n\nb\n\nc\n' | sed '/^$/N;/\n$/D'
## STDOUT:
a

b

c
## END

#### sed1line: print paragraph containing a word
printf 'p1 a\nfoo\n\np2 b\nbar\n\np3 foo\n' | sed -e '/./{H;$!d;}' -e 'x;/foo/!d;'
## STDOUT:

p1 a
foo

p3 foo
## END

#### escapes in regex and replacement
printf 'a\tb\n' | sed 's/\t/<TAB>/'
printf 'aXb\n' | sed 's/X/\x41/'
printf 'a.b\n' | sed 's/\./\o101/'
printf 'a b\n' | sed 's/\d32/_/'
## STDOUT:
a<TAB>b
aAb
aAb
a_b
## END

#### word boundaries and GNU classes
echo 'cat concat cat' | sed 's/\bcat\b/dog/g'
echo 'one two' | sed 's/\<./[&]/g'
echo 'a1 b2' | sed 's/\s/_/;s/\W//g'
## STDOUT:
dog concat dog
[o]ne [t]wo
a1_b2
## END

#### bracket expression with the delimiter and classes
echo 'a/b/c' | sed 's/[/]/|/g'
echo 'abc123' | sed 's/[[:digit:]]\+/<&>/'
echo 'a]b' | sed 's/[]]/X/'
## STDOUT:
a|b|c
abc<123>
aXb
## END

#### BRE interval and ERE alternation
echo 'aaaa' | sed 's/a\{2\}/X/'
echo 'cat dog' | sed -E 's/cat|dog/pet/g'
echo 'ab+' | sed 's/b+/X/'
echo 'abbb' | sed 's/b\+/X/'
## STDOUT:
Xaa
pet pet
aX
aX
## END

#### back-reference in the regex
printf 'abab\nabcd\n' | sed -n '/\(ab\)\1/p'
echo 'xyzxyz' | sed -E 's/(x.z)\1/[\1]/'
## STDOUT:
abab
[xyz]
## END

#### posix leftmost longest
echo 'xyz abcd' | sed -E 's/(a|ab)(c|bcd)/[\1,\2]/'
## stdout: xyz [a,bcd]

#### star at the start of a BRE is literal
echo 'a*b' | sed 's/*/x/'
echo '*a' | sed 's/^*/y/'
## STDOUT:
axb
ya
## END

#### long option prefixes and --posix
printf 'a\nb\n' | sed --quiet --expr='2p'
printf 'a\n' | sed --posix 's/a/b/'
## STDOUT:
b
b
## END

#### --help and --version
sed --help | head -1
sed --version > /dev/null; echo "status $?"
## STDOUT:
Usage: sed [OPTION]... {script-only-if-no-other-script} [input-file]...
status 0
## END

#### binary data and invalid UTF-8 are bytes
printf 'a\377b\200\n' | sed 's/./X/g'
printf 'a\377b\n' | sed 's/\xff/Y/'
printf '\303\251t\303\251\n' | sed 's/./X/g'
printf 'ab\377\n' | sed 's/[^a]/Z/g'
printf 'a\0b\n' | sed 's/b/B/' | tr '\0' 0
## STDOUT:
XXXX
aYb
XXXXX
aZZ
a0B
## END

#### a very long line
head -c 300000 /dev/zero | tr '\0' a | sed 's/a*/X/'
head -c 300000 /dev/zero | tr '\0' a | sed 's/a/b/g' | wc -c
## stdout: X300000

#### --debug annotates the program and the run
printf 'x\n' | sed --debug 's/x/y/;p'
## STDOUT:
SED PROGRAM:
  s/x/y/
  p
INPUT:   'STDIN' line 1
PATTERN: x
COMMAND: s/x/y/
MATCHED REGEX REGISTERS
  regex[0] = 0-1 'x'
PATTERN: y
COMMAND: p
y
END-OF-CYCLE:
y
## END

#### e runs a command
printf 'echo hi\n' | sed e
printf 'x\n' | sed 'e echo pre'
printf 'echo a\n' | sed 's/a/b/e'
## STDOUT:
hi
pre
x
b
## END

#### r /dev/stdin and two w commands on one file
printf 'a\n' > in
printf '1\n2\n' | sed 'r /dev/stdin' in
printf 'x\n' | sed '1w out
1w out'
cat out
## STDOUT:
a
1
2
x
x
x
## END

#### empty matches with a count and anchors
printf 'hello\n' | sed 's/l*/X/2'
printf 'abc\n' | sed 's/$/X/g'
printf 'one\n' | sed -E 's/^|$/|/g'
printf 'one\n' | sed 's/\b/|/g'
printf 'abc\n' | sed -E 's/b*/X/2'
## STDOUT:
hXello
abcX
|one|
|one|
aXc
## END

#### more case conversion
printf 'a b\n' | sed 's/\(a\) \(b\)/\U\1\n\2/'
printf 'abc\n' | sed 's/\(a\)\(b\)/\u\2\1/'
printf 'ab cd\n' | sed 's/\w\+/\L\u&/g'
printf 'AB CD\n' | sed -E 's/(\w)(\w+)/\1\L\2/g'
## STDOUT:
A
B
Bac
Ab Cd
Ab Cd
## END

#### l shows control bytes and wraps escapes whole
printf 'a\x7fb\x1bc\n' | sed -n l
printf 'a\nb\n' | sed -n 'N;l'
printf 'abcdefghi\\\n' | sed -n 'l 10'
printf 'ab\tcdefgh\n' | sed -n 'l 9'
## STDOUT:
a\177b\033c$
a\nb$
abcdefghi\
\\$
ab\tcdef\
gh$
## END

#### script errors: misc
printf 'a\n' | sed 's/a/b/gg'
printf 'a\n' | sed 's/a/b/0'
printf 'a\n' | sed 'a'
printf 'a\n' | sed 'r'
printf 'a\n' | sed ':'
printf 'a\n' | sed '1,p'
printf 'a\n' | sed '+1p'
printf 'a\n' | sed 'v 9.0'
printf 'a\n' | sed '}'
## STDERR:
sed: -e expression #1, char 8: multiple `g' options to `s' command
sed: -e expression #1, char 7: number option to `s' command may not be zero
sed: -e expression #1, char 1: expected \ after `a', `c' or `i'
sed: -e expression #1, char 1: missing filename in r/R/w/W commands
sed: -e expression #1, char 1: ":" lacks a label
sed: -e expression #1, char 3: unexpected `,'
sed: -e expression #1, char 2: invalid usage of +N or ~N as first address
sed: -e expression #1, char 5: expected newer version of sed
sed: -e expression #1, char 1: unexpected `}'
## END
## status: 1

#### regex errors
printf 'a\n' | sed -E 's/a{1/b/'
printf 'a\n' | sed 's/a\)/b/'
printf 'a\n' | sed 's/[a/b/'
printf 'a\n' | sed -E 's/+a/b/'
printf 'a\n' | sed 's/a\{2,1\}/b/'
## STDERR:
sed: -e expression #1, char 8: Unmatched \{
sed: -e expression #1, char 8: Unmatched ) or \)
sed: -e expression #1, char 7: unterminated `s' command
sed: -e expression #1, char 7: Invalid preceding regular expression
sed: -e expression #1, char 13: Invalid content of \{\}
## END
## status: 1

#### -i on a missing file and a directory
printf 'a\n' > f
sed -i p nosuch f; echo $?
cat f
mkdir d
sed -i p d; echo $?
## STDOUT:
2
a
a
4
## END
## STDERR:
sed: can't read nosuch: No such file or directory
sed: couldn't edit d: not a regular file
## END

#### . is a character in a UTF-8 locale
printf 'héllo\n' > f
LC_ALL=C.UTF-8 sed 's/./X/g' f
LC_ALL=C sed 's/./X/g' f
LC_ALL=C.UTF-8 sed 's/\(.\)\(.\)/\2\1/' f
LC_ALL=C.UTF-8 sed 's/[é]/E/' f
## STDOUT:
XXXXX
XXXXXX
éhllo
hEllo
## END

#### case conversion beyond ASCII
printf 'ÀÉ àé\n' > f
LC_ALL=C.UTF-8 sed 's/.*/\L&/' f
LC_ALL=C.UTF-8 sed 's/.*/\U&/' f
LC_ALL=C.UTF-8 sed 's/\(.\)/\l\1/' f
LC_ALL=C.UTF-8 sed 's/é/x/Ig' f
## STDOUT:
àé àé
ÀÉ ÀÉ
àÉ àé
Àx àx
## END

#### bytes that are not UTF-8 are not characters
printf 'x\377y\n' > f
LC_ALL=C.UTF-8 sed 's/./Z/g' f | od -An -c
## stdout:    Z 377   Z  \n

#### an empty match steps over a whole character
printf 'é\n' | LC_ALL=C.UTF-8 sed 's/x*/-/g'
## bash_diff: GNU sed 4.9 steps one byte and splits the character (-\303-\251-); a character stays whole here
## stdout: -é-
