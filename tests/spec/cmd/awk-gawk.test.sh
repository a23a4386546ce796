# gawk's extensions: IGNORECASE, asort/asorti, PROCINFO["sorted_in"],
# FPAT and patsplit, strtonum, the bit functions. Every expectation is
# GNU awk 5.2's (NINEBOX_SPEC_SHELL=bash runs them with gawk as awk).

#### IGNORECASE makes patterns, ~ and !~ case-blind
echo Hello | awk 'BEGIN { IGNORECASE = 1 } /hello/ { print "pattern" } $0 ~ "HELLO" { print "dynamic" } $0 !~ /hELLo/ { print "not" } { print ($0 ~ /^h.*O$/) }'
echo Hello | awk '/hello/ { print "pattern" } { print ($0 ~ /^h/) }'
## STDOUT:
pattern
dynamic
1
0
## END

#### IGNORECASE set and unset as the program runs
printf 'ABC\nabc\nAbc\n' | awk 'NR == 2 { IGNORECASE = 1 } /abc/ { print NR ": " $0 } NR == 3 { IGNORECASE = 0; print ($0 ~ /abc/) }'
## STDOUT:
2: abc
3: Abc
0
## END

#### IGNORECASE compares strings case-blind, numbers as numbers
awk 'BEGIN { IGNORECASE = 1; print ("ab" == "AB"), ("ab" < "AC"), ("B" > "a"), ("x" != "X"), (10 < 9), ("10" < "9") }'
awk 'BEGIN { print ("ab" == "AB"), ("ab" < "AC"), ("B" > "a") }'
echo 'Foo FOO' | awk -v IGNORECASE=1 '$1 == $2 { print "same" } $1 == "foo" { print "foo" }'
## STDOUT:
1 1 1 0 0 1
0 0 0
same
foo
## END

#### IGNORECASE's truth: "0" as a string is true, 0 from input is false
awk 'BEGIN { IGNORECASE = "0"; print ("a" == "A"); IGNORECASE = ""; print ("a" == "A"); IGNORECASE = "x"; print ("a" == "A") }'
echo 0 | awk '{ IGNORECASE = $1; print ("a" == "A") }'
## STDOUT:
1
0
1
0
## END

#### IGNORECASE in match, sub, gsub, gensub and index
awk 'BEGIN { IGNORECASE = 1; s = "HELLO World"; print match(s, /l+/), RSTART, RLENGTH; t = s; n = gsub(/o/, "_", t); print n, t; t = s; sub("WORLD", "there", t); print t; print gensub(/(L+)/, "<\\1>", "g", s); print index(s, "wor"), index(s, "xyz") }'
awk 'BEGIN { s = "HELLO World"; print match(s, /l+/), index(s, "wor"), gsub(/o/, "_", s) }'
## STDOUT:
3 3 2
2 HELL_ W_rld
HELLO there
HE<LL>O Wor<l>d
7 0
10 0 1
## END

#### IGNORECASE affects regex separators, not single characters
echo 'aXbxc' | awk -v IGNORECASE=1 -F x '{ print NF }'
echo 'aXbxc' | awk -v IGNORECASE=1 -F '[x]' '{ print NF }'
echo 'aXbxc' | awk 'BEGIN { IGNORECASE = 1 } { print split($0, a, "x"), split($0, b, /x/), split($0, c, "[x]") }'
printf 'aXbxc' | awk 'BEGIN { IGNORECASE = 1; RS = "x" } { printf "[%s]", $0 } END { print "" }'
printf 'aXbxc' | awk 'BEGIN { IGNORECASE = 1; RS = "x|y" } { printf "[%s]", $0 } END { print "" }'
## STDOUT:
2
3
2 3 3
[aXb][c]
[a][b][c]
## END

#### IGNORECASE leaves array subscripts alone
awk 'BEGIN { IGNORECASE = 1; a["A"] = 1; print ("a" in a), ("A" in a), length(a); a["a"] = 2; print length(a) }'
## STDOUT:
0 1 1
2
## END

#### IGNORECASE folds characters in a UTF-8 locale, only ASCII in C
printf 'É\n' | LC_ALL=C.UTF-8 awk 'BEGIN { IGNORECASE = 1 } /é/ { print "match" } { print ("é" == $0), index("xé", "É") }'
printf 'É\n' | LC_ALL=C awk 'BEGIN { IGNORECASE = 1 } /é/ { print "match" } { print ("é" == $0), ("e" == "E") }'
## STDOUT:
match
1 2
0 1
## END

#### IGNORECASE orders asort and sorted_in case-blind
awk 'BEGIN { IGNORECASE = 1; a[1] = "b"; a[2] = "C"; a[3] = "a"; n = asort(a); for (i = 1; i <= n; i++) printf "%s ", a[i]; print "" }'
awk 'BEGIN { a[1] = "b"; a[2] = "C"; a[3] = "a"; n = asort(a); for (i = 1; i <= n; i++) printf "%s ", a[i]; print "" }'
awk 'BEGIN { IGNORECASE = 1; b["b"]; b["C"]; b["a"]; PROCINFO["sorted_in"] = "@ind_str_asc"; for (k in b) printf "%s ", k; print "" }'
## STDOUT:
a b C 
C a b 
a b C 
## END

#### asort sorts values: numbers first, then strings
awk 'BEGIN { split("10 9 abc B 2x", t); t[6] = 3; t[7] = "3"; t[8] = -1; n = asort(t); for (i = 1; i <= n; i++) printf "%s|", t[i]; print ""; print n, length(t), (8 in t) }'
## STDOUT:
-1|3|9|10|2x|3|B|abc|
8 8 1
## END

#### asort and asorti into a destination leave the source as it was
awk 'BEGIN { a["x"] = "pear"; a["y"] = "apple"; a["z"] = "fig"; n = asort(a, v); m = asorti(a, k); print n, m, v[1], v[2], v[3], k[1], k[2], k[3]; print a["x"], a["y"], length(a) }'
## STDOUT:
3 3 apple fig pear x y z
pear apple 3
## END

#### asorti in place replaces the array with its sorted indices
awk 'BEGIN { a["b"] = 1; a["a"] = 2; a["10"] = 3; a["9"] = 4; n = asorti(a); for (i = 1; i <= n; i++) printf "%s ", a[i]; print "" }'
## stdout: 10 9 a b 

#### asort and asorti with a "how" order
awk 'BEGIN { split("10 9 abc B 2x", t); t[6] = 3; t[7] = "3"; t[8] = -1
  n = asort(t, d, "@val_str_asc"); for (i = 1; i <= n; i++) printf "%s|", d[i]; print ""
  n = asort(t, d, "@val_num_desc"); for (i = 1; i <= n; i++) printf "%s|", d[i]; print ""
  n = asort(t, d, "@val_type_desc"); for (i = 1; i <= n; i++) printf "%s|", d[i]; print ""
  n = asorti(t, d, "@ind_num_desc"); for (i = 1; i <= n; i++) printf "%s|", d[i]; print "" }'
## STDOUT:
-1|10|2x|3|3|9|B|abc|
10|9|3|3|2x|abc|B|-1|
abc|B|3|2x|10|9|3|-1|
8|7|6|5|4|3|2|1|
## END

#### asort with a comparison function
awk 'function bylen(i1, v1, i2, v2) { return length(v1) - length(v2) } BEGIN { split("ccc a bb dddd", t); n = asort(t, d, "bylen"); for (i = 1; i <= n; i++) printf "%s ", d[i]; print "" }'
## stdout: a bb ccc dddd 

#### asort of an empty or missing array is 0
awk 'BEGIN { print asort(none), asorti(none2, d), length(d) }'
## stdout: 0 0 0

#### asort's arguments must be arrays
awk 'BEGIN { asort(1) }'
## status: 2
## stderr-contains: asort: first argument is not an array

#### asort with an order that does not exist is fatal
awk 'BEGIN { a[1]; asort(a, b, "nosuch") }'
## status: 2
## stderr-contains: sort comparison function `nosuch' is not defined

#### PROCINFO["sorted_in"] orders for-in by index
awk 'BEGIN { a["x"]; a["10"]; a["9"]; a["y"]
  split("@ind_str_asc @ind_str_desc @ind_num_asc @ind_num_desc", o, " ")
  for (i = 1; i <= 4; i++) { PROCINFO["sorted_in"] = o[i]; s = ""; for (k in a) s = s k " "; print o[i] ": " s } }'
## STDOUT:
@ind_str_asc: 10 9 x y 
@ind_str_desc: y x 9 10 
@ind_num_asc: x y 9 10 
@ind_num_desc: 10 9 y x 
## END

#### PROCINFO["sorted_in"] orders for-in by value
awk 'BEGIN { a["p"] = 10; a["q"] = "9"; a["r"] = "abc"; a["s"] = 2; a["t"] = "B"
  split("@val_type_asc @val_type_desc @val_str_asc @val_str_desc @val_num_asc @val_num_desc", o, " ")
  for (i = 1; i <= 6; i++) { PROCINFO["sorted_in"] = o[i]; s = ""; for (k in a) s = s k "=" a[k] " "; print o[i] ": " s } }'
## STDOUT:
@val_type_asc: s=2 p=10 q=9 t=B r=abc 
@val_type_desc: r=abc t=B q=9 p=10 s=2 
@val_str_asc: p=10 s=2 q=9 t=B r=abc 
@val_str_desc: r=abc t=B q=9 s=2 p=10 
@val_num_asc: t=B r=abc s=2 q=9 p=10 
@val_num_desc: p=10 q=9 s=2 r=abc t=B 
## END

#### PROCINFO["sorted_in"] with a comparison function, and back to unsorted
awk 'function rev(i1, v1, i2, v2) { return i1 < i2 ? 1 : i1 > i2 ? -1 : 0 }
BEGIN { a["b"]; a["c"]; a["a"]; PROCINFO["sorted_in"] = "rev"; for (k in a) printf "%s ", k; print ""
  PROCINFO["sorted_in"] = "@unsorted"; n = 0; for (k in a) n++; print n
  delete PROCINFO["sorted_in"]; n = 0; for (k in a) n++; print n }'
## STDOUT:
c b a 
3
3
## END

#### PROCINFO["sorted_in"] naming no order is fatal
awk 'BEGIN { a[1]; PROCINFO["sorted_in"] = "@bogus"; for (k in a) print k }'
## status: 2
## stderr-contains: sort comparison function `@bogus' is not defined

#### nested sorted for-in loops
awk 'BEGIN { PROCINFO["sorted_in"] = "@ind_num_asc"; a[3]; a[1]; a[2]; for (i in a) { s = ""; for (j in a) if (j <= i) s = s j; print i ": " s } }'
## STDOUT:
1: 1
2: 12
3: 123
## END

#### FPAT: fields by content, quoted CSV fields and empty ones
printf '%s\n' 'Robbins,Arnold,"1234 A Pretty Street, NE",MyTown,MyState,12345-6789,USA' 'a,,c' | awk 'BEGIN { FPAT = "([^,]*)|(\"[^\"]+\")" } { print NF; for (i = 1; i <= NF; i++) print i ": <" $i ">" }'
## STDOUT:
7
1: <Robbins>
2: <Arnold>
3: <"1234 A Pretty Street, NE">
4: <MyTown>
5: <MyState>
6: <12345-6789>
7: <USA>
3
1: <a>
2: <>
3: <c>
## END

#### FPAT's empty matches next to fields
for s in 'a,,b' 'a,' ',a' '' ',' 'a,b,,'; do printf '%s\n' "$s"; done | awk 'BEGIN { FPAT = "[^,]*" } { printf "%d:", NF; for (i = 1; i <= NF; i++) printf "[%s]", $i; print "" }'
## STDOUT:
3:[a][][b]
2:[a][]
2:[][a]
0:
2:[][]
4:[a][b][][]
## END

#### FPAT: assigning a field or NF rebuilds $0 with OFS; $0 resplits
echo 'ab12cd345ef6' | awk 'BEGIN { FPAT = "[0-9]+"; OFS = "-" } { print NF, $1, $3; $2 = "X"; print; print NF; NF = 2; print; $0 = "7 8 9x10"; print NF, $4 }'
## STDOUT:
3-12-6
12-X-6
3
12-X
4-10
## END

#### FPAT and FS: the one assigned last splits, PROCINFO["FS"] says which
echo 'a1b2c' | awk 'BEGIN { print PROCINFO["FS"]; FPAT = "[a-z]"; print PROCINFO["FS"] } { print NF, $2; FS = "[0-9]"; print PROCINFO["FS"]; $0 = $0; print NF, $2 }'
## STDOUT:
FS
FPAT
3 b
FS
3 b
## END

#### FPAT's default is runs of non-blanks
echo '  a  b ' | awk 'BEGIN { FPAT = FPAT } { print NF, $2, FPAT }'
## stdout: 2 b [^[:space:]]+

#### FPAT with IGNORECASE: the setting when FPAT is assigned counts
echo 'xAyaz' | awk 'BEGIN { IGNORECASE = 1; FPAT = "a" } { print NF, patsplit($0, p, "a") }'
echo 'xAyaz' | awk 'BEGIN { FPAT = "a"; IGNORECASE = 1 } { print NF }'
echo 'xAyaz' | awk 'BEGIN { FS = "[a]"; IGNORECASE = 1 } { print NF }'
## STDOUT:
2 2
1
3
## END

#### patsplit with separators, a pattern string, and FPAT
awk 'BEGIN { n = patsplit("ab12cd345e", a, /[0-9]+/, s); print n, a[1], a[2], "<" s[0] ">", "<" s[1] ">", "<" s[2] ">", length(s)
  n = patsplit("12ab3", a, "[0-9]+", s); print n, length(s), "<" s[0] ">", s[1], "<" s[2] ">"
  FPAT = "[a-z]+"; n = patsplit("x1yy2", a); print n, a[2]
  n = patsplit("", a, /x/, s); print n, length(a), length(s) }'
## STDOUT:
2 12 345 <ab> <cd> <e> 3
2 3 <> ab <>
2 yy
0 0 0
## END

#### strtonum reads hex and octal text
awk 'BEGIN { print strtonum("0x1A"), strtonum("0X1f"), strtonum("017"), strtonum("0779"), strtonum("0.5"), strtonum("1e3"), strtonum(" 12abc"), strtonum("0x"), strtonum("-0x10"), strtonum("abc"), strtonum(17) }'
echo 017 0x11 | awk '{ print strtonum($1), strtonum($2) }'
## STDOUT:
26 31 15 779 0.5 1000 12 0 0 0 17
17 17
## END

#### and, or, xor, lshift, rshift, compl
awk 'BEGIN { print and(12, 10), or(12, 10, 1), xor(12, 10), and(1.9, 3), lshift(1, 3), rshift(16, 1), lshift(1, 60), compl(0), compl(5), lshift(3, 70) }'
## stdout: 8 15 6 1 8 8 1152921504606846976 9007199254740991 18014398509481978 192

#### the bit functions refuse negative values
awk 'BEGIN { print and(1, -2) }'
echo "status $?"
awk 'BEGIN { print lshift(-1, 2) }'
echo "status $?"
awk 'BEGIN { print compl(-1) }'
echo "status $?"
awk 'BEGIN { print and(1) }'
echo "status $?"
## STDOUT:
status 2
status 2
status 2
status 2
## END

#### the bit functions' messages
awk 'BEGIN { x = -2; print and(1, x) }' 2>&1 | sed 's/.*fatal/fatal/'
awk 'BEGIN { x = -1; print rshift(x, 1) }' 2>&1 | sed 's/.*fatal/fatal/'
## STDOUT:
fatal: and: argument 2 negative value -2 is not allowed
fatal: rshift(-1.000000, 1.000000): negative values are not allowed
## END

#### printf %c of a number above 255 in the C locale takes its low byte
LC_ALL=C awk 'BEGIN { printf "%c|%c|%c\n", 321, 65 + 256, 97 }'
## stdout: A|A|a

#### delete of a whole array and length after it
awk 'BEGIN { a[1]; a[2]; delete a; print length(a); a["x"] = 1; print length(a) }'
## STDOUT:
0
1
## END

#### srand's first result is gawk's initial seed, then the time
awk 'BEGIN { print srand(); x = srand(); print (x > 1000000000) }'
## STDOUT:
1
1
## END

#### match with an array gets the groups, their starts and lengths
awk 'BEGIN { print match("foo=bar", /(o+)=(x)?(b)/, a); print a[0], a[0, "start"], a[0, "length"], a[1], a[1, "start"], a[1, "length"], a[3], a[3, "start"], ((2) in a), ((2, "start") in a), length(a); print match("zzz", /q/, a), length(a), RSTART, RLENGTH }'
## STDOUT:
2
oo=b 2 4 oo 2 2 b 5 0 0 9
0 0 0 -1
## END

#### match's third argument must be an array
awk 'BEGIN { match("x", /x/, 1) }'
## status: 2
## stderr-contains: match: third argument is not an array

#### RT is what ended the record
printf 'a12b3c' | awk 'BEGIN { RS = "[0-9]+" } { printf "[%s|%s]", $0, RT } END { print "" }'
printf 'a\nb' | awk '{ printf "[%s|%s]", $0, RT } END { print "" }'
printf 'a\n\n\nb\n' | awk 'BEGIN { RS = "" } { gsub(/\n/, "N", RT); printf "[%s|%s]", $0, RT } END { print "" }'
printf 'x;y\n' > f; awk 'BEGIN { RS = ";"; getline l < "f"; print l, RT }'
## STDOUT:
[a|12][b|3][c|]
[a|
][b|]
[a|NNN][b|N]
x ;
## END

#### ARGIND is the index in ARGV of the file being read
printf 'x\n' > f; printf 'y\n' > g
awk '{ print FILENAME, ARGIND, $0 }' f v=1 g
echo in | awk '{ print ARGIND, $0 }'
## STDOUT:
f 1 x
g 3 y
0 in
## END

#### gawk variables this awk does not have are refused, not ignored
awk 'BEGIN { BINMODE = 1 } { print $1 }' </dev/null
echo "status $?"
awk 'BEGIN { print SYMTAB["x"] }'
echo "status $?"
awk -v LINT=1 'BEGIN { print "ran" }'
echo "status $?"
## STDOUT:
status 2
status 2
status 2
## END
## bash_diff: gawk has BINMODE, SYMTAB and LINT; this awk refuses a program that names them

#### gawk functions this awk does not have are refused
awk 'BEGIN { print typeof(x) }'
## status: 2
## stderr-contains: typeof
## bash_diff: gawk has typeof; this awk says it does not

#### PROCINFO settings other than sorted_in are refused
awk 'BEGIN { PROCINFO["NONFATAL"] = 1; print "ran" }'
## status: 2
## stderr-contains: PROCINFO
## bash_diff: gawk honours PROCINFO["NONFATAL"]; this awk refuses it rather than ignore it

#### PROCINFO has gawk's documented identity elements
awk 'BEGIN { print (PROCINFO["pid"] > 0), (PROCINFO["ppid"] > 0), PROCINFO["FS"], PROCINFO["strftime"] }'
## stdout: 1 1 FS %a %b %e %H:%M:%S %Z %Y

#### a comparison function that answers only 0 or 1 still sorts
awk 'function gt(i1, v1, i2, v2) { return v1 > v2 } BEGIN { split("3 1 2 5 4", a); PROCINFO["sorted_in"] = "gt"; for (k in a) printf "%s ", a[k]; print ""; n = asort(a, b, "gt"); print b[1], b[n] }'
## STDOUT:
1 2 3 4 5 
1 5
## END

#### patsplit needs a pattern that is not empty
awk 'BEGIN { print patsplit("abc", a, //) }'
echo "status $?"
awk 'BEGIN { FPAT = ""; print patsplit("abc", a) }'
echo "status $?"
## STDOUT:
status 2
status 2
## END

#### asort into its own source warns and sorts
awk 'BEGIN { split("b a", a); print asort(a, a), a[1], a[2] }'
## stdout: 2 a b
## stderr: awk: cmd. line:1: warning: asort/asorti: using the same array as source and destination without a third argument is silly.

#### FPAT, patsplit and IGNORECASE in a UTF-8 locale
echo 'éa,ÉB,x' | LC_ALL=C.UTF-8 awk 'BEGIN { FPAT = "[^,]+"; IGNORECASE = 1 } { print NF, $2, index($0, "éb"), ($1 < $2); n = patsplit($0, a, /é/, s); print n, s[1] }'
## STDOUT:
3 ÉB 4 1
2 a,
## END

#### ERRNO says why getline or close failed, and BEGINFILE can skip on it
printf 'x\n' > f; mkdir d
awk 'BEGIN { print "[" ERRNO "]"; r = (getline l < "nonexist"); print r, ERRNO; r = (getline l < "f"); print r, ERRNO; print (getline l < "d"), ERRNO; print close("nope"), ERRNO }'
awk 'BEGINFILE { if (ERRNO != "") { print "skip", FILENAME, ERRNO; nextfile } } { print FILENAME, $0 }' nonexist f
## STDOUT:
[]
-1 No such file or directory
1 No such file or directory
-1 Is a directory
-1 close of redirection that was never opened
skip nonexist No such file or directory
f x
## END

#### FIELDWIDTHS: fixed widths, skips, a last * and short records
printf 'abcdefg\nab\n\n' | awk 'BEGIN { FIELDWIDTHS = "2 3 4" } { printf "%d:", NF; for (i = 1; i <= NF; i++) printf "[%s]", $i; print "" }'
printf 'abcdefg\nab\n' | awk 'BEGIN { FIELDWIDTHS = "1:2 3" } { printf "%d:", NF; for (i = 1; i <= NF; i++) printf "[%s]", $i; print "" }'
printf 'abcdefg\nab\n' | awk -v FIELDWIDTHS='2 *' '{ printf "%d:", NF; for (i = 1; i <= NF; i++) printf "[%s]", $i; print "" }'
## STDOUT:
3:[ab][cde][fg]
1:[ab]
0:
2:[bc][def]
1:[b]
2:[ab][cdefg]
1:[ab]
## END

#### FIELDWIDTHS rebuilds $0 with OFS; FS takes over when assigned
echo abcdef | awk 'BEGIN { FIELDWIDTHS = "2 2" } { $1 = "X"; print; print NF, PROCINFO["FS"]; FS = "c"; $0 = $0; print NF, PROCINFO["FS"] }'
## STDOUT:
X cd
2 FIELDWIDTHS
2 FS
## END

#### FIELDWIDTHS counts characters in a UTF-8 locale
echo 'éàbc' | LC_ALL=C.UTF-8 awk 'BEGIN { FIELDWIDTHS = "1 1:1 *" } { print NF, $1, $2, $3 }'
## stdout: 3 é b c

#### a bad FIELDWIDTHS is fatal with gawk's message
awk 'BEGIN { FIELDWIDTHS = "2 x" }' 2>&1 | sed 's/.*fatal/fatal/'
awk 'BEGIN { FIELDWIDTHS = "2:0 2" }' 2>&1 | sed 's/.*fatal/fatal/'
awk 'BEGIN { FIELDWIDTHS = "2 * 3" }' 2>&1 | sed 's/.*fatal/fatal/'
awk 'BEGIN { FIELDWIDTHS = "-1" }'
echo "status $?"
## STDOUT:
fatal: invalid FIELDWIDTHS value, for field 2, near `x'
fatal: invalid FIELDWIDTHS value, for field 1, near `0 2'
fatal: `*' must be the last designator in FIELDWIDTHS
status 2
## END

#### sorting inside a comparison function is bounded, not a crash
awk 'function c(i1, v1, i2, v2) { asort(q, r, "c"); return 0 } BEGIN { q[1]; q[2]; asort(q, r, "c"); print "not reached" }'
## status: 2
## stderr-contains: sort comparison functions nested too deeply
## bash_diff: gawk 5.2 dies of a segfault here (status 134)

#### exit and next cannot be called in a comparison function
awk 'function c(i1, v1, i2, v2) { exit 3 } BEGIN { q[1]; q[2]; asort(q, r, "c"); print "not reached" }' 2>&1 | sed 's/.*fatal/fatal/'
echo a | awk 'function c(i1, v1, i2, v2) { next } { q[1]; q[2]; asort(q, r, "c"); print "not reached" }'
echo "status $?"
## STDOUT:
fatal: `exit' cannot be called in the current context
status 2
## END

#### gawk's GNU regex operators: \w \W \s \S
echo 'foo bar_1 baz' | awk '{ s = $0; gsub(/\w+/, "<&>", s); print s; s = $0; gsub(/\W/, "#", s); print s; s = $0; gsub(/\s/, "_", s); print s; s = $0; gsub(/\S+/, "X", s); print s }'
## STDOUT:
<foo> <bar_1> <baz>
foo#bar_1#baz
foo_bar_1_baz
X X X
## END

#### gawk's GNU regex operators: \< \> \y \B and the buffer anchors
cat > p.awk <<'EOF'
{ s = $0; gsub(/\</, "[", s); print s; s = $0; gsub(/\>/, "]", s); print s; s = $0; gsub(/\y/, "|", s); print s
  s = $0; gsub(/\B/, ".", s); print s; print match($0, /\`foo/), match($0, /baz\'/), match($0, /\`bar/) }
EOF
echo 'foo bar_1 baz' | awk -f p.awk
echo 'a.b' | awk '{ print match($0, "\\w\\.\\w"), ("x" ~ "\\y"), gsub(/\b/, "X") }'
## STDOUT:
[foo [bar_1 [baz
foo] bar_1] baz]
|foo| |bar_1| |baz|
f.o.o b.a.r._.1 b.a.z
1 11 0
1 1 0
## END

#### hex escapes in regexes, and \w in a UTF-8 locale
echo 'xba' | awk '{ print match($0, /\x62a/), match($0, /[\x61-\x63]+/), RLENGTH }'
echo 'é-a' | LC_ALL=C.UTF-8 awk '{ print match($0, /\w/), gsub(/\w/, "W") }'
## STDOUT:
2 2 2
1 2
## END
