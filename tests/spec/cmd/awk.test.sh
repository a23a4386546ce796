# awk: checked against GNU awk 5.2 (gawk, the reference; the spec runner makes `awk` gawk on the host), LC_ALL=C

#### print all records
printf 'a b\nc d\n' | awk '{print}'
## STDOUT:
a b
c d
## END

#### print fields
printf 'one two three\n  four   five  \n' | awk '{print $2, $1}'
## STDOUT:
two one
five four
## END

#### NF and $NF
printf 'a b c\n\nx\n' | awk '{print NF, $NF}'
## STDOUT:
3 c
0 
1 x
## END

#### NR and FNR over several files
printf 'a\nb\n' > f1
printf 'c\n' > f2
awk '{print FILENAME, NR, FNR, $0}' f1 f2
## STDOUT:
f1 1 1 a
f1 2 2 b
f2 3 1 c
## END

#### BEGIN and END, several of each
printf '1\n2\n' | awk 'BEGIN{print "b1"} BEGIN{print "b2"} {print} END{print "e1"} END{print "e2", NR}'
## STDOUT:
b1
b2
1
2
e1
e2 2
## END

#### BEGIN only does not read input
awk 'BEGIN{print "hi"}'
## stdout: hi

#### END sees the last record
printf 'a b\nc d\n' | awk 'END{print $0, NF}'
## stdout: c d 2

#### regex pattern
printf 'apple\nbanana\ncherry\n' | awk '/an/'
## stdout: banana

#### expression pattern
printf '5\n15\n25\n' | awk '$1 > 10'
## STDOUT:
15
25
## END

#### range pattern
printf 'a\nstart\nb\nend\nc\nstart\nd\n' | awk '/start/,/end/'
## STDOUT:
start
b
end
start
d
## END

#### range pattern starting and ending on one record
printf 'x\nab\ny\n' | awk '/a/,/b/{print NR": "$0}'
## stdout: 2: ab

#### negated and combined patterns
printf '1\n2\n3\n4\n' | awk '!($1 % 2) && $1 > 2 || $1 == 1'
## STDOUT:
1
4
## END

#### field separator -F single char
printf 'a:b:c\n' | awk -F: '{print $2; print NF}'
## STDOUT:
b
3
## END

#### -F tab escape
printf 'a b\tc\n' | awk -F '\t' '{print $2}'
## stdout: c

#### -F regex
printf 'a1b22c333d\n' | awk -F '[0-9]+' '{print $1 $2 $3 $4, NF}'
## stdout: abcd 4

#### FS set in BEGIN
printf 'x;y;z\n' | awk 'BEGIN{FS=";"} {print $3}'
## stdout: z

#### FS single space strips leading blanks and tabs
printf ' \t a \t b  \n' | awk '{print NF ":" $1 ":" $2}'
## stdout: 2:a:b

#### FS change takes effect on the next record
printf 'a:b c\nd:e f\n' | awk '{FS=":"; print $1}'
## STDOUT:
a:b
d
## END

#### FS pipe char is literal
printf 'a|b|c\n' | awk -F'|' '{print $2}'
## stdout: b

#### OFS and assigning a field rebuilds the record
printf 'a b c\n' | awk 'BEGIN{OFS="-"} {$2="X"; print; print $1, $3}'
## STDOUT:
a-X-c
a-c
## END

#### $0 rebuild by $1=$1
printf '  a   b  \n' | awk '{$1=$1; print "[" $0 "]"}'
## stdout: [a b]

#### assigning past NF extends
printf 'a b\n' | awk 'BEGIN{OFS=","} {$5="e"; print; print NF}'
## STDOUT:
a,b,,,e
5
## END

#### assigning NF truncates and extends
printf 'a b c d\n' | awk 'BEGIN{OFS=":"} {NF=2; print; NF=4; print}'
## STDOUT:
a:b
a:b::
## END

#### assigning $0 resplits
printf 'a b\n' | awk '{$0="x y z"; print NF, $3}'
## stdout: 3 z

#### ORS
printf 'a\nb\n' | awk 'BEGIN{ORS="|"} {print} END{printf "\n"}'
## stdout: a|b|

#### RS single char
printf 'a,b,c' | awk 'BEGIN{RS=","} {print NR": "$0}'
## STDOUT:
1: a
2: b
3: c
## END

#### RS paragraph mode
printf '\n\na b\nc\n\n\n\nd e\nf\n\n' | awk 'BEGIN{RS=""} {print NR": " $1 "|" $NF "|" NF}'
## STDOUT:
1: a|c|3
2: d|f|3
## END

#### RS paragraph mode with FS char, newline still separates
printf 'a:b\nc:d\n\ne:f\n' | awk 'BEGIN{RS=""; FS=":"} {for (i=1;i<=NF;i++) printf "%s.", $i; print ""}'
## STDOUT:
a.b.c.d.
e.f.
## END
#### RS as a regex
printf 'a12b345c\n' | awk 'BEGIN{RS="[0-9]+"} {print NR": "$0}'
## stdout-json: "1: a\n2: b\n3: c\n\n"

#### last record without newline
printf 'a\nb' | awk '{print $0 "."}'
## STDOUT:
a.
b.
## END

#### uninitialised values
awk 'BEGIN{print x+0, "[" x "]", length(x); if (x == 0 && x == "") print "both"}'
## STDOUT:
0 [] 0
both
## END

#### string and number comparisons
awk 'BEGIN{print (10 < 9), ("10" < "9"), (2 < "10"), ("abc" < "abd")}'
## stdout: 0 1 0 1

#### strnum fields compare as numbers
printf '10 9\n010 10\nabc 10\n1e1 10\n' | awk '{print ($1 < $2), ($1 == $2)}'
## STDOUT:
0 0
0 1
0 0
0 1
## END

#### number to string conversions
awk 'BEGIN{x = 0.1 + 0.2; print x; y = x ""; print y; print 1e6, 1e16, 123456789, 0.000001, 100/3, -0}'
## STDOUT:
0.3
0.3
1000000 10000000000000000 123456789 1e-06 33.3333 0
## END

#### CONVFMT and OFMT
awk 'BEGIN{CONVFMT="%.2f"; OFMT="%.3f"; x = 3.14159; y = x ""; print x, y; print 17 ""}'
## STDOUT:
3.142 3.14
17
## END

#### integer output
awk 'BEGIN{print 2^31, 2^53, 1e3, 7/2, -7/2, int(-3.7), int(3.7)}'
## stdout: 2147483648 9007199254740992 1000 3.5 -3.5 -3 3

#### arithmetic operators
awk 'BEGIN{print 7%3, -7%3, 2^10, 2^3^2, -2^2, 5/2}'
## stdout: 1 -1 1024 512 -4 2.5

#### increment and assignment operators
awk 'BEGIN{x=5; print x++, x, ++x, x--, --x; x+=3; x-=1; x*=2; x/=4; x%=3; x^=2; print x}'
## STDOUT:
5 6 7 7 5
0.25
## END

#### string concatenation and precedence
awk 'BEGIN{print 1 " " 2+3 " " 4*5; print -1 " " -2; x = "a" "b" "c"; print x}'
## STDOUT:
1 5 20
-1-2
abc
## END

#### ternary and logical operators
awk 'BEGIN{for (i=0;i<4;i++) print i, (i%2 ? "odd" : "even"), (i && 1), (i || 0), !i}'
## STDOUT:
0 even 0 0 1
1 odd 1 1 0
2 even 1 1 0
3 odd 1 1 0
## END

#### comparison of fields to strings
printf 'abc\n10\n' | awk '$1 == "abc" {print "str"} $1 == 10 {print "num"}'
## STDOUT:
str
num
## END

#### in operator and delete
awk 'BEGIN{a["x"]=1; a["y"]=2; delete a["x"]; print ("x" in a), ("y" in a), length(a)}'
## stdout: 0 1 1

#### delete whole array
awk 'BEGIN{a[1]; a[2]; delete a; print length(a); a[3]=1; print length(a)}'
## STDOUT:
0
1
## END

#### multidimensional arrays and SUBSEP
awk 'BEGIN{a[1,2]=3; for (k in a) {split(k, p, SUBSEP); print p[1], p[2], a[k]}; if ((1,2) in a) print "yes"; if (!((2,1) in a)) print "no"}'
## STDOUT:
1 2 3
yes
no
## END

#### for in loop over keys, sorted outside
printf 'b\na\nc\na\nb\na\n' | awk '{n[$1]++} END{for (k in n) print k, n[k]}' | sort
## STDOUT:
a 3
b 2
c 1
## END

#### referencing an element creates it
awk 'BEGIN{if (a["k"] == "") print length(a); if ("j" in a) print "no"; print length(a)}'
## STDOUT:
1
1
## END

#### while do and for loops with break and continue
awk 'BEGIN{i=0; while (1) {if (++i > 5) break; if (i == 2) continue; printf "%d ", i}; print ""; do {i--} while (i > 0); print i; for (;;) {i++; if (i == 3) break}; print i}'
## STDOUT:
1 3 4 5 
0
3
## END

#### if else chains
awk 'BEGIN{for (i=1;i<=3;i++) if (i==1) print "one"; else if (i==2) print "two"; else print "many"}'
## STDOUT:
one
two
many
## END

#### next skips the remaining rules
printf '1\n2\n3\n' | awk '$1 == 2 {next} {print}'
## STDOUT:
1
3
## END

#### exit runs END with the code
printf '1\n2\n3\n' | awk '{print} $1 == 2 {exit 3} END{print "end"}'
echo status=$?
## STDOUT:
1
2
end
status=3
## END

#### exit in END
awk 'BEGIN{exit 1} END{print "end"; exit}'
echo status=$?
## STDOUT:
end
status=1
## END

#### exit in BEGIN skips input
printf 'x\n' | awk 'BEGIN{print "b"; exit} {print "never"} END{print "e"}'
## STDOUT:
b
e
## END

#### user functions with recursion
awk 'function fact(n) {return n <= 1 ? 1 : n * fact(n-1)} BEGIN{print fact(10)}'
## stdout: 3628800

#### function locals and array parameters by reference
awk 'function fill(arr, n,   i) {for (i=1;i<=n;i++) arr[i]=i*i; i = 99} BEGIN{i=5; fill(sq, 4); print i, sq[3], length(sq)}'
## stdout: 5 9 4

#### function scalar parameters by value
awk 'function f(x) {x = x "!"; return x} BEGIN{y = "hi"; print f(y), y}'
## stdout: hi! hi

#### function called without return value
awk 'function g() {} BEGIN{x = g(); print "[" x "]"}'
## stdout: []

#### length forms
printf 'hello world\n' | awk '{print length, length(), length($1), length("abc"), length(12345)}'
## stdout: 11 11 5 3 5

#### substr
awk 'BEGIN{s="hello"; print substr(s,2,3), substr(s,0,2), substr(s,-1,3), substr(s,4), substr(s,10), substr(s,2,-1) "|", substr(s, 1.5, 2)}'
## stdout: ell he hel lo  | he

#### index
awk 'BEGIN{print index("foobar", "bar"), index("foobar", "z"), index("abc", "c")}'
## stdout: 4 0 3

#### split with default FS, string and regex separators
awk 'BEGIN{n = split("  a b  c ", x); print n, x[1], x[3]; n = split("a:b:c", y, ":"); print n, y[2]; n = split("a1b22c", z, /[0-9]+/); print n, z[3]; n = split("", w); print n, length(w)}'
## STDOUT:
3 a c
3 b
3 c
0 0
## END

#### split with a single char separator that is a regex metachar
awk 'BEGIN{n = split("a.b.c", x, "."); print n, x[2]; n = split("a|b", y, "|"); print n, y[2]}'
## STDOUT:
3 b
2 b
## END

#### sub and gsub with ampersand
awk 'BEGIN{s = "hello world"; n = gsub(/o/, "[&]", s); print n, s; t = "aaa"; sub(/a/, "b", t); print t; u = "x.y"; gsub(/\./, "\\&", u); print u}'
## STDOUT:
2 hell[o] w[o]rld
baa
x&y
## END

#### gsub on the record and fields
printf 'a-b-c d-e\n' | awk '{gsub(/-/, "+"); print; print $2; n = gsub(/e/, "E", $2); print n, $0}'
## STDOUT:
a+b+c d+e
d+e
1 a+b+c d+E
## END

#### gsub with an empty match
awk 'BEGIN{s = "abc"; gsub(/x*/, "-", s); print s}'
## stdout: -a-b-c-

#### gsub anchored
awk 'BEGIN{s = "aaa"; gsub(/^a/, "b", s); print s; t = "abab"; gsub(/b$/, "X", t); print t}'
## STDOUT:
baa
abaX
## END

#### match sets RSTART and RLENGTH
awk 'BEGIN{print match("foobarbaz", /ba[rz]/), RSTART, RLENGTH; print match("abc", /x/), RSTART, RLENGTH}'
## STDOUT:
4 4 3
0 0 -1
## END

#### match is leftmost longest
awk 'BEGIN{match("xabcabcy", /(abc)+/); print RSTART, RLENGTH}'
## stdout: 2 6

#### tolower and toupper
awk 'BEGIN{print toupper("abc Def 1"), tolower("ABC dEF 1")}'
## stdout: ABC DEF 1 abc def 1

#### math functions
awk 'BEGIN{printf "%.4f %.4f %.4f %.4f %.4f %.4f\n", sin(1), cos(1), atan2(1, 2), exp(1), log(10), sqrt(2); print int(7.9), int("3abc"), exp(0), sqrt(16)}'
## STDOUT:
0.8415 0.5403 0.4636 2.7183 2.3026 1.4142
7 3 1 4
## END

#### rand is in [0,1) and srand returns the previous seed
awk 'BEGIN{srand(5); r = rand(); print (r >= 0 && r < 1); print srand(7); print srand()}'
## STDOUT:
1
5
7
## END

#### srand with the same seed repeats the sequence
awk 'BEGIN{srand(42); a = rand(); b = rand(); srand(42); print (a == rand()), (b == rand())}'
## stdout: 1 1

#### printf integer conversions
awk 'BEGIN{printf "%d %i %o %x %X %u %c|\n", 42.9, -7, 8, 255, 255, 3, 65}'
## stdout: 42 -7 10 ff FF 3 A|

#### printf widths precisions and flags
awk 'BEGIN{printf "[%5d][%-5d][%05d][%+d][% d][%.3d][%x][%#o][%#x]\n", 42, 42, 42, 42, 42, 7, 0, 8, 255}'
## stdout: [   42][42   ][00042][+42][ 42][007][0][010][0xff]

#### printf floats
awk 'BEGIN{printf "%f %.2f %e %E %g %G %10.3f %-10.1e|\n", 3.14159, 2.675, 12345.678, 0.000123, 0.0001, 1e20, 3.14159, 1234.5}'
## stdout: 3.141590 2.67 1.234568e+04 1.230000E-04 0.0001 1E+20      3.142 1.2e+03   |

#### printf strings and star widths
awk 'BEGIN{printf "[%s][%10s][%-10s][%.2s][%*d][%-*s][%.*f]\n", "abc", "abc", "abc", "abc", 6, 42, 4, "x", 2, 3.14159}'
## stdout: [abc][       abc][abc       ][ab][    42][x   ][3.14]

#### printf percent and char from string
awk 'BEGIN{printf "100%% %c %c\n", "hello", 256+66}'
## stdout: 100% h B

#### printf with too few arguments is an error
awk 'BEGIN{printf "%s %s\n", "a"}'
## STDERR:
awk: cmd. line:1: fatal: not enough arguments to satisfy format string
	`%s %s
'
	    ^ ran out for this one
## END
## status: 2

#### sprintf
awk 'BEGIN{s = sprintf("%03d-%s", 7, "x"); print s, length(s)}'
## stdout: 007-x 5

#### print with parentheses and comparison
awk 'BEGIN{print("a", "b"); print (1 > 2) ? "y" : "n"}'
## STDOUT:
a b
n
## END

#### print to a file and append
awk 'BEGIN{print "one" > "out"; print "two" > "out"; close("out"); print "three" >> "out"}'
cat out
## STDOUT:
one
two
three
## END

#### print to a pipe
printf 'c\na\nb\n' | awk '{print | "sort"} END{close("sort"); print "done"}'
## STDOUT:
a
b
c
done
## END

#### print to a pipe runs when the program ends
awk 'BEGIN{print "z" | "cat"; print "y" | "cat"}'
## STDOUT:
z
y
## END

#### close returns the exit status of a command
awk 'BEGIN{print "x" | "cat >/dev/null; exit 3"; r = close("cat >/dev/null; exit 3"); print r}'
## stdout: 3

#### getline from a file
printf 'l1\nl2\n' > f
awk 'BEGIN{while ((getline line < "f") > 0) n++; print n, line; close("f"); getline < "f"; print $0, NR}'
## STDOUT:
2 l2
l1 0
## END

#### getline var from the main input
printf '1\n2\n3\n4\n' | awk '{getline x; print $0, x, NR}'
## STDOUT:
1 2 2
3 4 4
## END

#### plain getline replaces the record
printf 'a b\nc d e\nf\n' | awk 'NR==1{getline; print NF, $0, NR, FNR}'
## stdout: 3 c d e 2 2

#### getline from a command
awk 'BEGIN{"echo hello world" | getline; print $2; "echo a b" | getline v; print v, NF}'
## STDOUT:
world
a b 2
## END

#### getline from a command reads all lines
awk 'BEGIN{cmd = "printf \"x\\ny\\nz\\n\""; while ((cmd | getline l) > 0) s = s l; close(cmd); print s}'
## stdout: xyz

#### getline from a missing file returns -1
awk 'BEGIN{print (getline x < "nosuch")}'
## stdout: -1

#### system returns the status and output is flushed first
awk 'BEGIN{printf "before "; r = system("echo inside; exit 2"); print "after", r}'
## STDOUT:
before inside
after 2
## END

#### fflush
awk 'BEGIN{printf "a"; fflush(); system("printf b"); print "c"}'
## stdout: abc

#### ENVIRON
FOO=bar awk 'BEGIN{print ENVIRON["FOO"]}'
## stdout: bar

#### ARGV and ARGC
awk 'BEGIN{for (i = 0; i < ARGC; i++) print i, ARGV[i]}' x y=1 z
## STDOUT:
0 awk
1 x
2 y=1
3 z
## END

#### ARGV changes in BEGIN choose the files
printf 'A\n' > a
printf 'B\n' > b
awk 'BEGIN{ARGV[1] = "b"; ARGV[2] = ""} {print}' a a
## stdout: B

#### -v assignment with escapes
awk -v 'x=a\tb' -v n=3 'BEGIN{print x, n + 1}'
## stdout: a	b 4

#### command-line assignment operands between files
printf 'r\n' > f
awk '{print v, $0}' v=1 f v=2 f
## STDOUT:
1 r
2 r
## END

#### assignment operand before stdin
printf 'r\n' | awk '{print v}' v=7
## stdout: 7

#### dash reads stdin among files
printf 'F\n' > f
printf 'S\n' | awk '{print FILENAME ":" $0}' f - f
## STDOUT:
f:F
-:S
f:F
## END

#### -f program file and several -f
printf 'BEGIN { x = 1 }\n' > p1.awk
printf 'BEGIN { print x + 1 }\n' > p2.awk
awk -f p1.awk -f p2.awk
## stdout: 2

#### double dash ends options
awk -- 'BEGIN{print "ok"}'
## stdout: ok

#### comments semicolons and newlines in programs
awk '
# a comment
BEGIN {
  x = 1 ;   # another
  y = 2
  print x,
        y
}
'
## stdout: 1 2

#### regex escapes
printf 'a/b\na.b\naxb\na\\b\n' | awk '/a\/b/ {print "slash " $0} /a\.b/ {print "dot " $0} /a\\b/ {print "bs " $0}'
## STDOUT:
slash a/b
dot a.b
bs a\b
## END

#### dynamic regex from a string and match operators
printf 'foo123\nbar\n' | awk 'BEGIN{re = "[0-9]+$"} $0 ~ re {print "num", $0} $0 !~ re {print "no", $0} $0 ~ "^b" {print "b"}'
## STDOUT:
num foo123
no bar
b
## END

#### regex character classes and intervals
printf 'ab12\nAB\n  \n' | awk '/^[[:alpha:]]+$/ {print "alpha:" $0} /[[:digit:]]/ {print "digit:" $0} /^[[:space:]]+$/ {print "space"}'
## STDOUT:
digit:ab12
alpha:AB
space
## END

#### string escapes
awk 'BEGIN{print "a\tb\\c\"d\/e"; print "\101\x42"; print length("\n")}'
## STDOUT:
a	b\c"d/e
AB
1
## END
## stderr: awk: cmd. line:1: warning: escape sequence `\/' treated as plain `/'

#### regex literal as a value matches $0
printf 'abc\n' | awk '{x = /b/; y = /z/; print x, y}'
## stdout: 1 0

#### getline updates NR and fields in END are kept
printf '1\n2\n' | awk 'END{print NR, $0}'
## stdout: 2 2

#### long program: word frequency
printf 'the cat the dog\nThe end\n' | awk '{for (i = 1; i <= NF; i++) w[tolower($i)]++} END{for (k in w) print w[k], k}' | sort -k1,1nr -k2
## STDOUT:
3 the
1 cat
1 dog
1 end
## END

#### numeric output of large and negative values
awk 'BEGIN{print 2147483647, 2147483648, -2147483648, 1e30, 0.1, -0.5, 3.0}'
## stdout: 2147483647 2147483648 -2147483648 1000000000000000019884624838656 0.1 -0.5 3

#### printf d with large values
awk 'BEGIN{printf "%d %d\n", 2147483647, -5.9}'
## stdout: 2147483647 -5

#### unary minus and plus on strings
awk 'BEGIN{x = "3x"; print -x, +x, x + 0, +"", -"-4"}'
## stdout: -3 3 3 0 4

#### string to number conversion forms
awk 'BEGIN{print "0x1A" + 0, " 12 " + 0, "1e2" + 0, ".5" + 0, "+3" + 0, "-.5e1" + 0}'
## stdout: 0 12 100 0.5 3 -5

#### comparisons with uninitialised and strnum
printf '0\n\n' | awk '{print ($1 == 0), ($1 == ""), (x == $1), ($0 == 0)}'
## STDOUT:
1 0 1 1
0 1 1 0
## END

#### concatenation with comparison precedence
awk 'BEGIN{print ("a" "b" == "ab"), 1 2 < 13}'
## stdout: 1 1

#### in operator precedence inside for
awk 'BEGIN{a["x"]; for (k in a) print k; print ("x" in a) ? "in" : "out"}'
## STDOUT:
x
in
## END

#### NR assignment
printf 'a\nb\nc\n' | awk 'NR == 2 {NR = 10} {print NR}'
## STDOUT:
1
10
11
## END

#### nested function calls and recursion depth
awk 'function fib(n) {return n < 2 ? n : fib(n-1) + fib(n-2)} BEGIN{print fib(20)}'
## stdout: 6765

#### getline var keeps the record
printf 'a b\nc\n' | awk 'NR==1 {getline x; print $0 "|" x "|" NF}'
## stdout: a b|c|2

#### semicolon after closing brace
printf 'x\n' | awk '{print "a"};{print "b"}
NR==1;
END{print "e"}'
## STDOUT:
a
b
x
e
## END

#### pattern without action prints
printf '1\n2\n' | awk 'NR==2'
## stdout: 2

#### action without pattern in END uses $0
printf 'x y\n' | awk 'END{$2 = "z"; print}'
## stdout: x z

#### division by zero is fatal
awk 'BEGIN{x = 0; print 1 / x}'
## stderr: awk: cmd. line:1: fatal: division by zero attempted
## status: 2

#### syntax error
awk 'BEGIN{print 1 +}'
## STDERR:
awk: cmd. line:1: BEGIN{print 1 +}
awk: cmd. line:1:                ^ syntax error
## END
## status: 1

#### syntax error at end of file
awk 'BEGIN{'
## STDERR:
awk: cmd. line:1: BEGIN{
awk: cmd. line:1:       ^ unexpected newline or end of string
## END
## status: 1

#### missing file is a fatal error
printf 'a\n' > f
awk '{print}' f nosuch f
## stdout: a
## stderr: awk: cmd. line:1: fatal: cannot open file `nosuch' for reading: No such file or directory
## status: 2

#### directory operand
mkdir d
awk '{print}' d
## stderr: awk: warning: command line argument `d' is a directory: skipped

#### bad option
awk -q 'BEGIN{}'
## status: 1

#### no program
awk
## status: 1

#### missing program file
awk -f nosuch.awk
## stderr: awk: fatal: cannot open source file `nosuch.awk' for reading: No such file or directory
## status: 2

#### function defined twice is an error
awk 'function f() {} function f() {} BEGIN{}'
## stderr: awk: cmd. line:1: error: function name `f' previously defined
## status: 1

#### calling an undefined function
awk 'BEGIN{f()}'
## stderr: awk: cmd. line:1: fatal: function `f' not defined
## status: 2

#### version
awk -W version | head -c 0
echo $?
## stdout: 0

#### binary input and invalid UTF-8
printf 'a\377b\000c\n\200\n' | awk '{print length($0)}'
## STDOUT:
5
1
## END

#### very long line
awk 'BEGIN{for (i = 0; i < 100000; i++) printf "x"; print ""}' | awk '{print length}'
## stdout: 100000

#### field sum
printf 'a,1\nb,2.5\nc,x\nd,-1\n' | awk -F, '{s += $2} END{print s}'
## stdout: 2.5

#### uninitialised variable as array and scalar in different functions
awk 'function f(a) {a["k"] = 1} BEGIN{f(arr); print arr["k"]}'
## stdout: 1

#### substr of numbers and concatenation of numbers
awk 'BEGIN{print substr(12345, 2, 3), length(1/4), 1/4 ""}'
## stdout: 234 4 0.25

#### printf reuses no format for extra arguments
awk 'BEGIN{printf "%s\n", "a", "b"}'
## stdout: a

#### printf with no newline and dollar in strings
awk 'BEGIN{printf "%s-%s", "$1", "x"; print ""}'
## stdout: $1-x

#### nextfile-free multi-file FNR reset with FNR==1
printf 'a\nb\n' > f1
printf 'c\n' > f2
awk 'FNR == 1 {print "--", FILENAME} {print}' f1 f2
## STDOUT:
-- f1
a
b
-- f2
c
## END

#### regex dynamic with special chars in FS string
printf 'a.b.c\n' | awk 'BEGIN{FS="."} {print NF}'
## stdout: 3

#### FS of one space given with -F
printf ' a  b \n' | awk -F ' ' '{print NF}'
## stdout: 2

#### getline < file into fields and NF
printf 'x y z\n' > f
awk 'BEGIN{getline < "f"; print NF, $2}'
## stdout: 3 y

#### output to stderr via /dev/stderr
awk 'BEGIN{print "err" > "/dev/stderr"; print "out"}' 2>/dev/null
## stdout: out

#### close of an unopened file
awk 'BEGIN{print close("nothing")}'
## stdout: -1

#### uninitialised in numeric and string output contexts
awk 'BEGIN{print x + y, x y "|"}'
## stdout: 0 |

#### regex as last argument of split with default behaviour in paragraph mode
printf 'a b\nc\n\nd\n' | awk 'BEGIN{RS=""} {n = split($0, w); print n}'
## STDOUT:
3
1
## END

#### increment of fields and NF
printf '1 2 3\n' | awk '{$2++; NF++; $NF = "x"; print}'
## stdout: 1 3 3 x

#### while with getline from a command and NR unchanged
printf 'q\n' | awk '{while (("echo a; echo b" | getline t) > 0) c++; print NR, c}'
## stdout: 1 2

#### string comparisons use byte order
awk 'BEGIN{print ("B" < "a"), ("a" < "aa"), ("" < "a")}'
## stdout: 1 1 1

#### toupper on non ascii bytes leaves them
printf '\303\251a\n' | awk '{print toupper($0)}' | cat -v
## stdout: M-CM-)A

#### nextfile skips the rest of a file
printf 'a\nb\n' > f1
printf 'c\nd\n' > f2
awk 'FNR == 2 {nextfile} {print FILENAME, $0}' f1 f2
## STDOUT:
f1 a
f2 c
## END

#### print redirection and parenthesized comparison
awk 'BEGIN{print 1 > "o1"; print (2 > 1); print 3, 4 > "o2"}'
cat o1 o2
## STDOUT:
1
1
3 4
## END

#### getline from a file in a while condition without parentheses
printf 'a\nb\n' > f
awk 'BEGIN{while (getline line < "f" > 0) n++; print n}'
## stdout: 2

#### command getline in a loop condition
awk 'BEGIN{while ("echo x; echo y" | getline > 0) n++; print n, $0}'
## stdout: 2 y

#### getline in BEGIN reads the main input
printf 'l1\nl2\n' | awk 'BEGIN{while ((getline line) > 0) n++; print n, NR}'
## stdout: 2 2

#### getline var from a file leaves NR and the record
printf 'a\n' > f
printf 'm\n' | awk '{getline x < "f"; print NR, x, $0}'
## stdout: 1 a m

#### getline var from the main input counts NR and FNR
printf 'a\nb\nc\n' | awk 'NR == 1 {getline v; print NR, FNR, v}'
## stdout: 2 2 b

#### getline into an array element and a field
printf 'q\n' > f
printf 'x y\nz\n' | awk 'NR == 1 {getline a["k"]; print a["k"]; getline $2 < "f"; print; print NF}'
## STDOUT:
z
x q
2
## END

#### getline from stdin as dash
printf 'in\n' | awk 'BEGIN{getline x < "-"; print x}'
## stdout: in

#### close of a reading command returns its status
awk 'BEGIN{"exit 3" | getline; print close("exit 3")}'
## stdout: 3

#### close of a file twice
printf 'q\n' > f
awk 'BEGIN{getline x < "f"; print close("f"), close("f")}'
## stdout: 0 -1

#### close an output file and read it back
awk 'BEGIN{print "data" > "t"; close("t"); getline l < "t"; print l}'
## stdout: data

#### output to many files
awk 'BEGIN{for (i = 0; i < 30; i++) print i > ("o" i); for (i = 0; i < 30; i++) close("o" i); getline x < "o29"; print x}'
## stdout: 29

#### print target built by concatenation
awk 'BEGIN{print "x" > "o" "1"; close("o1"); while ((getline l < "o1") > 0) print "got", l}'
## stdout: got x

#### printf with parentheses and redirection
awk 'BEGIN{printf("%s-%s\n", "a", "b") > "o"; close("o"); getline l < "o"; print l}'
## stdout: a-b

#### output order with system and pipes
awk 'BEGIN{print "1"; system("echo 2"); print "3" | "cat"; close("cat"); print "4"}'
## STDOUT:
1
2
3
4
## END

#### system with a redirection
awk 'BEGIN{system("echo hi > o"); getline l < "o"; print l}'
## stdout: hi

#### string truth of input
printf '0\n0.0\n \na\n' | awk '{print ($0 ? "T" : "F"), ($1 ? "T" : "F")}'
## STDOUT:
F F
F F
T F
T T
## END

#### string constant zero is true
awk 'BEGIN{if ("0") print "T"; else print "F"; x = "0"; if (x) print "T2"; if (0 "") print "T3"}'
## STDOUT:
T
T2
T3
## END

#### NF = 0 and extending with $3
printf 'a b\n' | awk '{NF = 0; print "[" $0 "]", NF; $0 = "a b"; $3 = "c"; print NF; $0 = "x"; print NF, $1}'
## STDOUT:
[] 0
3
1 x
## END

#### RS char keeps newlines inside records
printf 'a b\nc;d e' | awk 'BEGIN{RS=";"} {print NF ":" $0}'
## STDOUT:
3:a b
c
2:d e
## END

#### RS regex over many records
awk 'BEGIN{for (i = 0; i < 20000; i++) printf "rec%dXYZ", i}' | awk 'BEGIN{RS="XYZ"} END{print NR, $0}'
## stdout: 20000 rec19999

#### RS changed in the middle of input
printf 'a;b\nc;d\n' | awk 'NR == 1 {RS = ";"} {print NR ": " $0}'
## stdout-json: "1: a;b\n2: c\n3: d\n\n"

#### RS of several characters and RS newline regex
printf 'aXYbXYc' | awk 'BEGIN{RS = "XY"} {print}'
printf 'a\n\nb\n' | awk 'BEGIN{RS = "\n+"} {print NR ":" $0}'
## STDOUT:
a
b
c
1:a
2:b
## END

#### many fields
awk 'BEGIN{for (i = 0; i < 5000; i++) printf "%d ", i; print ""}' | awk '{print NF, $4999, $NF}'
## stdout: 5000 4998 4999

#### division and regex are told apart
awk 'BEGIN{a = 12; b = 2; c = 3; print a / b / c; print a/b/c}'
## STDOUT:
2
2
## END

#### newlines after && || and else on the next line
awk 'BEGIN{if (1 &&
0 ||
1) print "y"
if (0) print "a"
else print "b"}'
## STDOUT:
y
b
## END

#### pre and post increment on fields
printf '5\n' | awk '{print ++$1, $1--, $1}'
## stdout: 6 6 5

#### assignments and ternaries are right associative
awk 'BEGIN{a = b = c = 4; print a b c; a += b -= 1; print a, b; x = 2; print x == 1 ? "one" : x == 2 ? "two" : "other"}'
## STDOUT:
444
7 3
two
## END

#### sub on a field and counts
printf 'a b c\n' | awk '{sub(/b/, "B", $2); print; s = "abc"; print sub(/z/, "y", s), s, gsub(/[abc]/, "&&", s), s}'
## STDOUT:
a B c
0 abc 3 aabbcc
## END

#### OFS applies only after a field changes
printf 'a b c\n' | awk '{OFS = "-"; print; $1 = $1; print; NF = NF; print}'
## STDOUT:
a b c
a-b-c
a-b-c
## END

#### exit codes from BEGIN END and functions
awk 'BEGIN{exit 2} END{exit 5}'; echo $?
awk 'function f() {exit 4} BEGIN{f(); print "no"}'; echo $?
printf 'x\n' | awk '{exit 3} END{exit}'; echo $?
## STDOUT:
5
4
3
## END

#### return without a value
awk 'function f() {return} BEGIN{print f() + 1, "[" f() "]"}'
## stdout: 1 []

#### gsub with an empty regex and dot star
awk 'BEGIN{s = "abc"; gsub(/.*/, "[&]", s); print s; t = "abc"; gsub(//, "-", t); print t}'
## STDOUT:
[abc]
-a-b-c-
## END

#### backslashes in replacements
awk 'BEGIN{s = "a.b"; gsub(/\./, "\\\\&", s); print s; u = "q"; gsub(/q/, "a\\b", u); print u}'
## STDOUT:
a\.b
a\b
## END

#### string escapes in dynamic regexes
printf 'a.b\naxb\n' | awk '$0 ~ "a\\.b"'
## stdout: a.b

#### multiple -v of the same variable and -v FS OFS
awk -v x=1 -v x=2 'BEGIN{print x}'
printf 'a,b\n' | awk -v FS=, -v OFS=: '{$1=$1; print}'
## STDOUT:
2
a:b
## END

#### FS assignment operand between files
printf 'a:b\n' > f
awk '{print $1}' f FS=: f
## STDOUT:
a:b
a
## END

#### improper -v assignment
awk -v 1x=2 'BEGIN{print 1}'
## stderr: awk: fatal: `1x' is not a legal variable name
## status: 2

#### unterminated string
awk 'BEGIN{print "abc}'
## STDERR:
awk: cmd. line:1: BEGIN{print "abc}
awk: cmd. line:1:             ^ unterminated string
## END
## status: 1

#### unterminated regex
awk '/abc'
## STDERR:
awk: cmd. line:1: /abc
awk: cmd. line:1:  ^ unterminated regexp
## END
## status: 1

#### negative field index
printf 'a\n' | awk '{print $(-1)}'
## stderr: awk: cmd. line:1: (FILENAME=- FNR=1) fatal: attempt to access field -1
## status: 2

#### cannot write to a directory
mkdir d
awk 'BEGIN{print "x" > "d"}'
## stderr: awk: cmd. line:1: fatal: cannot redirect to `d': Is a directory
## status: 2

#### wrong number of arguments to a builtin
awk 'BEGIN{print substr("abc")}'
## STDERR:
awk: cmd. line:1: BEGIN{print substr("abc")}
awk: cmd. line:1:                         ^ 1 is invalid as number of arguments for substr
## END
## status: 1

#### missing close paren
awk 'BEGIN{x = (1 + 2}'
## STDERR:
awk: cmd. line:1: BEGIN{x = (1 + 2}
awk: cmd. line:1:                 ^ syntax error
## END
## status: 1

#### syntax error in a program file names the file and line
printf 'BEGIN {\n  x = 1\n  print x +\n}\n' > bad.awk
awk -f bad.awk
## STDERR:
awk: bad.awk:4:   print x +
awk: bad.awk:4:            ^ unexpected newline or end of string
## END
## status: 1

#### missing brace in the second program file
printf 'BEGIN { x = 1 }\n' > a.awk
printf 'END {\n' > b.awk
awk -f a.awk -f b.awk < /dev/null
## STDERR:
awk: b.awk:1: (END OF FILE)
awk: b.awk:1: ^ source files / command-line arguments must contain complete functions or rules
## END
## status: 1

#### bad regex literal
awk 'BEGIN {
  if ("x" ~ /a|b|/) print
}'
## stdout: 

#### redefinition of a function
awk 'function f() {} function f() {} BEGIN{}'
## stderr: awk: cmd. line:1: error: function name `f' previously defined
## status: 1

#### function called with a space before the parenthesis
awk 'function f(a) {return a * 2} BEGIN{print f (4)}'
## STDERR:
awk: cmd. line:1: error: function `f' called with space between name and `(',
or used as a variable or an array
## END
## status: 1

#### length without parentheses in a comparison pattern
printf 'short\nthis line is longer than ten\n' | awk 'length > 10'
## stdout: this line is longer than ten

#### escaped metacharacters in -F
printf 'a|b|c\n' | awk -F'\\|' '{print $2}'
printf 'a.b\n' | awk -F'\\.' '{print $2}'
printf 'a.b\n' | awk -F. '{print $2}'
## STDOUT:
b
b
b
## END

#### print to files named by fields
printf 'a f1\nb f2\nc f1\n' | awk '{print $1 > $2 ".txt"}'
cat f1.txt f2.txt
## STDOUT:
a
c
b
## END

#### remove duplicate lines
printf 'a\nb\na\nc\nb\n' | awk '!seen[$0]++'
## STDOUT:
a
b
c
## END

#### drop the first field
printf 'a b c\n' | awk '{$1 = ""; sub(/^ /, ""); print}'
## stdout: b c

#### RS of CR LF from -v
printf 'a\r\nb\r\n' | awk -v 'RS=\r\n' '{print $0 "|"}'
## STDOUT:
a|
b|
## END

#### sums per key through a sort pipe
printf 'k1 1\nk2 2\nk1 3\n' | awk '{s[$1] += $2} END{for (k in s) print k, s[k] | "sort"}'
## STDOUT:
k1 4
k2 2
## END

#### key value pairs with a bracket FS
printf 'a=1;b=2\n' | awk -F'[=;]' '{for (i = 1; i < NF; i += 2) print $i, $(i + 1)}'
## STDOUT:
a 1
b 2
## END

#### split by an empty regex gives characters
printf 'The Quick\n' | awk '{n = split($0, w, //); print n, w[1], w[9]}'
## stdout: 9 T k

#### compound assignment to a field and the pattern 1
printf '5 apples\n' | awk '{ $1 *= 2 } 1; 1'
## STDOUT:
10 apples
10 apples
## END

#### getline in BEGIN consumes the first record
printf 'a\nb\n' | awk 'BEGIN { getline; print "got " $0 } { print "main " $0 } END { print NR }'
## STDOUT:
got a
main b
2
## END

#### file extension handling
awk 'BEGIN{s = "foo.bar.baz"; n = split(s, p, "."); print p[n]; sub(/\.[^.]*$/, "", s); print s}'
## STDOUT:
baz
foo.bar
## END

#### ARGC lowered in BEGIN drops operands
printf 'a\n' > f1
printf 'b\n' > f2
awk 'BEGIN{ARGC = 2} {print}' f1 f2
## stdout: a

#### ARGV set in BEGIN to a file written there
awk 'BEGIN{ARGV[1] = "f"; ARGC = 2; print "x" > "f"; close("f")} {print "read", $0}'
## stdout: read x

#### arrays passed to functions are shared
awk 'BEGIN{x[1] = 1; x[2] = 2; f(x); print x[1], (2 in x)} function f(arr) {arr[1]++; delete arr[2]}'
## stdout: 2 0

#### FS of one space given literally and FS of two characters
printf 'a  b\n' | awk -F' ' '{print $2}'
printf 'a  b\n' | awk -F'  ' '{print $2}'
printf 'aXXb\n' | awk -FXX '{print $2}'
## STDOUT:
b
b
b
## END

#### new FS applies to $0 reassigned
printf 'a:b\n' | awk '{FS = ":"; $0 = $0; print $1}'
## stdout: a

#### getline at the end of input in END
printf 'one\ntwo\n' | awk 'END{print NR; while ((getline x) > 0) print "more"; print "done"}'
## STDOUT:
2
done
## END

#### assigning a field in BEGIN and emptying a field
awk 'BEGIN { $3 = "c"; print NF, "[" $0 "]" }'
printf 'a b c\n' | awk '{ $2 = ""; print NF, $0 }'
## STDOUT:
3 [  c]
3 a  c
## END

#### integers print exactly up to 2^53 and beyond
awk 'BEGIN{s=0; for(i=1;i<=1000000;i++) s+=i; print s; print 2^53, 2^53+1, 2^63, -2^62, 1e15+0.5}'
## STDOUT:
500000500000
9007199254740992 9007199254740992 9223372036854775808 -4611686018427387904 1e+15
## END

#### printf d i x o u c are 64-bit
awk 'BEGIN{printf "%d %i %x %X %o %u\n", 4e9, -4e9, 2^40, 2^40+255, 2^33, 2^63; printf "%d %d\n", 2^64, -2^64; printf "%c%c|\n", 256+65, "xyz"}'
## STDOUT:
4000000000 -4000000000 10000000000 100000000FF 100000000000 9223372036854775808
18446744073709551616 -18446744073709551616
Ax|
## END

#### printf of inf and nan
awk 'BEGIN{x = -log(0); printf "%d %f %e %g %x\n", x, x, -x, x, x; print x, -x, log(-1)}'
## STDOUT:
+inf +inf -inf +inf +inf
+inf -inf -nan
## END
## stderr: awk: cmd. line:1: warning: log: received negative argument -1

#### integral values as array subscripts and in concatenation
awk 'BEGIN{a[2^40] = 1; for (k in a) print k; x = 2^31 ""; print x, length(2^53)}'
## STDOUT:
1099511627776
2147483648 16
## END

#### CONVFMT does not apply to integral values
awk 'BEGIN{CONVFMT = "%.2g"; x = 123456789; y = x ""; z = 3.14159 ""; print y, z}'
## stdout: 123456789 3.1

#### division and modulus by zero are fatal
awk 'BEGIN{x = 0; y = 5 % x}'
echo "status $?"
awk 'BEGIN{x = 0; y = 1; y /= x}'
echo "status $?"
printf 'a\n' | awk '{print 1 / (NF - 1)}'
## STDOUT:
status 2
status 2
## END
## STDERR:
awk: cmd. line:1: fatal: division by zero attempted in `%'
awk: cmd. line:1: fatal: division by zero attempted in `/='
awk: cmd. line:1: (FILENAME=- FNR=1) fatal: division by zero attempted
## END
## status: 2

#### constant division by zero is found before running
awk 'BEGIN{print "never"; x = 1/0}'
## stderr: awk: cmd. line:1: error: division by zero attempted
## status: 1

#### gensub with groups and the nth match
awk 'BEGIN{s = "hello world"; print gensub(/(o)/, "[\\1]", "g", s); print gensub(/o/, "0", 2, s); print gensub(/(h)(e)/, "\\2\\1\\0&", 1, s); print s}'
## STDOUT:
hell[o] w[o]rld
hello w0rld
ehhehello world
hello world
## END

#### gensub on $0 by default and with G
printf 'aaa bbb\n' | awk '{print gensub(/a/, "x", "G"); print gensub("b+", "<&>", "g"); print $0}'
## STDOUT:
xxx bbb
aaa <bbb>
aaa bbb
## END

#### gensub with a bad third argument warns and replaces the first
awk 'BEGIN{print gensub(/a/, "b", 0, "aaa")}'
## stdout: baa
## stderr: awk: cmd. line:1: warning: gensub: third argument `0' treated as 1

#### split with a fourth argument gets the separators
awk 'BEGIN{n = split("a1b22c", parts, /[0-9]+/, seps); print n, parts[1], parts[3], seps[1], seps[2]; n = split("  x  y ", p, " ", s); print n, "[" s[0] "]", "[" s[1] "]", "[" s[2] "]"}'
## STDOUT:
3 a c 1 22
2 [  ] [  ] [ ]
## END

#### length of an array
awk 'BEGIN{a[1]; a[2]; a["x"]; print length(a); delete a[1]; print length(a); split("", a); print length(a)}'
## STDOUT:
3
2
0
## END

#### toupper and tolower
awk 'BEGIN{print toupper("abc-XYZ 1"), tolower("ÀBC Déf")}'
## stdout: ABC-XYZ 1 Àbc déf

#### -e program texts join, -f files mix in
printf 'function f(x) { return x * 2 }\n' > lib.awk
awk -f lib.awk -e 'BEGIN { print f(21) }'
awk -e 'BEGIN { printf "a" }' -e 'BEGIN { print "b" }'
## STDOUT:
42
ab
## END

#### -i includes a file once, found in AWKPATH
mkdir inc
printf 'function g() { return "g" }\n' > inc/lib.awk
AWKPATH=inc awk -i lib -i lib.awk 'BEGIN { print g() }'
awk -i ./inc/lib 'BEGIN { print g() }'
awk -i nosuch 'BEGIN { }'
## STDOUT:
g
g
## END
## stderr: awk: fatal: cannot open source file `nosuch' for reading: No such file or directory
## status: 2

#### -E takes operands as files only
printf 'BEGIN { print ARGV[1] } { print FILENAME ": " $0 }\n' > prog.awk
printf 'x\n' > 'v=1'
awk -E prog.awk v=1
## STDOUT:
v=1
v=1: x
## END

#### long options and their abbreviations
printf 'a:b\n' | awk --field-separator=: '{ print $2 }'
printf 'a:b\n' | awk --field-sep : '{ print $1 }'
awk --assign=x=7 --source='BEGIN { print x }'
awk --ass y=8 'BEGIN { print y }'
## STDOUT:
b
a
7
8
## END

#### -W forms of long options and an unknown -W
awk -W source='BEGIN { print "w" }'
awk -W nosuch 'BEGIN { print "on" }'
## STDOUT:
w
on
## END
## stderr: awk: option `-W nosuch' unrecognized, ignored

#### grouped short options
awk -vx=1 -bF: 'BEGIN { print x, FS }'
## stdout: 1 :

#### -v needs var=value
awk -v x 'BEGIN { }' 2>/dev/null
echo "status $?"
awk -v 'x=a\qb' 'BEGIN { print x }'
## STDOUT:
status 1
aqb
## END
## stderr: awk: warning: escape sequence `\q' treated as plain `q'

#### a missing option argument
awk -F 2>/dev/null
echo "status $?"
awk --file 2>/dev/null
echo "status $?"
## STDOUT:
status 1
status 1
## END

#### sandbox mode refuses system, redirection and new files
awk -S 'BEGIN { system("echo hi") }'
awk -S 'BEGIN { print "x" > "out" }'
awk -S 'BEGIN { "echo" | getline }'
printf 'a\n' > f
awk -S 'BEGIN { ARGV[1] = "f"; ARGC = 2 } { print }'
awk -S '{ print }' f
## stdout: a
## STDERR:
awk: cmd. line:1: fatal: 'system' function not allowed in sandbox mode
awk: cmd. line:1: fatal: redirection not allowed in sandbox mode
awk: cmd. line:1: fatal: redirection not allowed in sandbox mode
awk: cmd. line:1: fatal: cannot add a new file (f) to ARGV in sandbox mode
## END

#### BEGINFILE and ENDFILE around each file
printf 'a\nb\n' > f1
printf 'c\n' > f2
awk 'BEGINFILE { print "begin", FILENAME, FNR } { print NR, $0 } ENDFILE { print "end", FILENAME, FNR }' f1 f2
## STDOUT:
begin f1 0
1 a
2 b
end f1 2
begin f2 0
3 c
end f2 1
## END

#### BEGINFILE can skip a file that cannot be opened
printf 'a\n' > f1
awk 'BEGINFILE { if (FILENAME == "nosuch") nextfile } { print FILENAME, $0 } ENDFILE { print "end", FILENAME }' f1 nosuch f1
awk 'BEGINFILE { print "begin", FILENAME }' nosuch
## STDOUT:
f1 a
end f1
f1 a
end f1
begin nosuch
## END
## stderr: awk: cmd. line:1: fatal: cannot open file `nosuch' for reading: No such file or directory
## status: 2

#### nextfile in BEGINFILE still runs ENDFILE; next is an error there
printf 'a\n' > f1
awk 'BEGINFILE { nextfile } { print "never" } ENDFILE { print "end", FNR }' f1
awk 'BEGINFILE { next }'
## stdout: end 0
## stderr: awk: cmd. line:1: error: `next' used in BEGINFILE action
## status: 1

#### BEGINFILE with standard input
printf 'x\n' | awk 'BEGINFILE { print "[" FILENAME "]" } END { print NR }'
## STDOUT:
[-]
1
## END

#### user function called with a blank before the parenthesis
awk 'BEGIN { f (1) } function f(x) { print x }'
## stderr: awk: cmd. line:1: error: function name `f' previously defined
## status: 1

#### regex empty alternatives and a leading star
awk 'BEGIN { print match("xab", /a|b|/), RLENGTH; print match("a*b", /*b/), match("+x", "+x") }'
## STDOUT:
1 0
2 1
## END

#### runtime errors name the input position
printf 'a\nb\n' > f
awk 'NR == 2 { print $(-1) }' f
## stderr: awk: cmd. line:1: (FILENAME=f FNR=2) fatal: attempt to access field -1
## status: 2

#### a directory operand is skipped with a warning
mkdir d
printf 'x\n' > f
awk '{ print }' d f
## stdout: x
## stderr: awk: warning: command line argument `d' is a directory: skipped

#### srand returns the previous seed and rand repeats per seed
awk 'BEGIN { print srand(5); print srand(7); srand(1); a = rand(); srand(1); b = rand(); print (a == b), (a >= 0 && a < 1) }'
## STDOUT:
1
5
1 1
## END

#### warnings for unknown escapes in strings
awk 'BEGIN { print "a\qb" }'
## stdout: aqb
## stderr: awk: cmd. line:1: warning: escape sequence `\q' treated as plain `q'

#### substr with fractional and out-of-range positions
awk 'BEGIN { s = "hello"; print substr(s, 0), substr(s, -1, 3), substr(s, 1.5, 2.3), substr(s, 5, 10) "|", substr(s, 6) "|", substr(s, 2, 0) "|" }'
## stdout: hello hel he o| | |

#### index of the empty string is 0
awk 'BEGIN { print index("abc", ""), index("", ""), index("abc", "c") }'
## stdout: 1 1 3

#### hex strings are not numbers, +inf and -nan are
printf '0x1A\n+inf\n-nan\ninf\n' | awk '{ print $1 + 0 }'
## STDOUT:
0
+inf
-nan
0
## END

#### strftime and mktime in TZ
TZ=America/New_York awk 'BEGIN { print strftime("%F %T %Z", 0); print strftime("%H:%M", 0, 1); print mktime("2024 07 01 08 00 00") }'
TZ=Asia/Kolkata awk 'BEGIN { print strftime("%F %T %z", 1700000000); print mktime("2024 07 01 08 00 00") }'
awk 'BEGIN { print strftime("%F %T %Z", 86400 * 365) }'
## STDOUT:
1969-12-31 19:00:00 EST
00:00
1719835200
2023-11-15 03:43:20 +0530
1719801000
1971-01-01 00:00:00 UTC
## END

#### mktime normalizes out-of-range fields and rejects bad ones
awk 'BEGIN { print mktime("2024 13 01 00 00 00"), mktime("2024 01 01 00 00 -1"), mktime("2024 02 30 00 00 00") }'
awk 'BEGIN { print mktime("x"), mktime("2024 1 1"), mktime("") }'
## STDOUT:
1735689600 1704067199 1709251200
-1 -1 -1
## END

#### strftime's default format and systime
TZ=UTC awk 'BEGIN { t = systime(); print (t > 1700000000), (strftime() == strftime("%a %b %e %H:%M:%S %Z %Y", t) || strftime() == strftime("%a %b %e %H:%M:%S %Z %Y", t + 1)) }'
awk 'BEGIN { print strftime("%Y", -1) }'
## STDOUT:
1 1
1969
## END

#### strftime of times before 1970 and far away
awk 'BEGIN { print strftime("%F", -86400); print strftime("%Y", 1e15); print strftime("%Y", 1e30) "|" }'
## STDOUT:
1969-12-31
31690708
|
## END

#### length, substr, index and match count characters in UTF-8
printf 'héllo wörld\n' > f
LC_ALL=C.UTF-8 awk '{ print length($0), substr($0, 2, 3), index($0, "w"), match($0, /ö/), RSTART, RLENGTH }' f
LC_ALL=C awk '{ print length($0), index($0, "w"), match($0, /ö/), RLENGTH }' f
LC_ALL=C.UTF-8 awk -b '{ print length($0) }' f
## STDOUT:
11 éll 7 8 8 1
13 8 9 2
13
## END

#### regexes match characters in UTF-8
printf 'héllo\n' > f
LC_ALL=C.UTF-8 awk '{ gsub(/./, "X"); print }' f
LC_ALL=C.UTF-8 awk '{ sub(/[é]/, "E"); print }' f
LC_ALL=C.UTF-8 awk '/h.l/ { print "match" }' f
LC_ALL=C.UTF-8 awk '{ print match($0, /[[:alpha:]]+/), RLENGTH }' f
## STDOUT:
XXXXX
hEllo
match
1 5
## END

#### printf %c and widths in UTF-8
printf 'é\n' | LC_ALL=C.UTF-8 awk '{ printf "%c|%c|%c|%.1s|%3s|\n", $0, 233, 256 + 65, $0 "x", $0 }'
printf 'é\n' | LC_ALL=C awk '{ printf "%c|%3s|\n", $0, $0 }' | od -An -c
## STDOUT:
é|é|Ł|é|  é|
 303   |     303 251   |  \n
## END

#### toupper, tolower and split by characters in UTF-8
printf 'àé日\n' | LC_ALL=C.UTF-8 awk '{ print toupper($0); n = split($0, a, ""); print n, a[3] }'
printf 'aébéc\n' | LC_ALL=C.UTF-8 awk -Fé '{ print NF, $2 }'
## STDOUT:
ÀÉ日
3 日
3 b
## END
