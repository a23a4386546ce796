# tr: translate, delete, squeeze

#### ranges
echo hello | tr a-z A-Z
## stdout: HELLO

#### short string2 is padded with its last character
echo abcd | tr abc x
## stdout: xxxd

#### truncate set1
echo abcd | tr -t abc xy
## stdout: xycd

#### delete
echo hello world | tr -d lo
## stdout: he wrd

#### squeeze one set
echo 'aabbccdd  ee' | tr -s 'a-c '
## stdout: abcdd ee

#### translate then squeeze set2
echo 'hello   world' | tr -s ' ' '_'
echo 'aabbcc' | tr -s ab xy
## STDOUT:
hello_world
xycc
## END

#### delete then squeeze
echo abbaccb | tr -ds a b
## stdout: bccb

#### complement
echo hello123 | tr -c a-z '*'
echo
echo hello123 | tr -cd 0-9
echo
echo 'Hi, there you' | tr -cs '[:alpha:]' '\n'
## STDOUT:
hello****
123
Hi
there
you
## END

#### character classes
echo 'a1 B2_c3' | tr '[:digit:]' '#'
echo 'a1 B2_c3' | tr -d '[:alpha:][:space:]'
echo 'a1 B2_c3' | tr -d '[:punct:]'
echo 'Hello World' | tr '[:lower:]' '[:upper:]'
echo 'Hello World' | tr '[:upper:][:lower:]' '[:lower:][:upper:]'
## STDOUT:
a# B#_c#
12_3a1 B2c3
HELLO WORLD
hELLO wORLD
## END

#### repeats
echo abcdef | tr a-f '[x*2]y'
echo abcdef | tr a-f 'A[-*]F'
echo abcdefghij | tr a-j '[x*010]yz'
## STDOUT:
xxyyyy
A----F
xxxxxxxxyz
## END

#### escapes
printf 'a\tb\n' | tr '\t' ' '
echo abc | tr '\141' '\n'
echo 'a\b' | tr '\\' /
echo 'a-b' | tr 'a\-' 'xy'
echo 'a-b' | tr -- '-a' 'yx'
## STDOUT:
a b

bc
a/b
xyb
xyb
## END

#### equivalence class and brackets as plain characters
echo 'abc[]' | tr '[=a=]' x
echo 'abc[]' | tr '[]' '()'
## STDOUT:
xbc[]
abc()
## END

#### bytes above 127
printf '\001a\377\n' | tr '\001\377' 'xy'
## stdout: xay

#### the last mapping of a byte wins
echo aaa | tr aa xy
## stdout: yyy

#### missing and extra operands
tr
echo "status=$?"
tr a
echo "status=$?"
tr a b c
echo "status=$?"
tr -d a b
echo "status=$?"
tr -ds a
echo "status=$?"
## STDOUT:
status=1
status=1
status=1
status=1
status=1
## END
## STDERR:
tr: missing operand
Try 'tr --help' for more information.
tr: missing operand after 'a'
Two strings must be given when translating.
Try 'tr --help' for more information.
tr: extra operand 'c'
Try 'tr --help' for more information.
tr: extra operand 'b'
Only one string may be given when deleting without squeezing repeats.
Try 'tr --help' for more information.
tr: missing operand after 'a'
Two strings must be given when both deleting and squeezing repeats.
Try 'tr --help' for more information.
## END

#### set errors
echo ab | tr z-a x
echo "status=$?"
echo ab | tr '[:foo:]' x
echo "status=$?"
echo ab | tr a ''
echo "status=$?"
echo ab | tr 'a[b*]' x
echo "status=$?"
echo ab | tr a '[b*x]'
echo "status=$?"
## STDOUT:
status=1
status=1
status=1
status=1
status=1
## END
## STDERR:
tr: range-endpoints of 'z-a' are in reverse collating sequence order
tr: invalid character class 'foo'
tr: when not truncating set1, string2 must be non-empty
tr: the [c*] repeat construct may not appear in string1
tr: invalid repeat count 'x' in [c*n] construct
## END

#### class errors when translating
echo ab | tr a '[:upper:]'
echo "status=$?"
echo ab | tr '[:upper:]' '[:digit:]'
echo "status=$?"
echo ab | tr -c '[:alpha:]' 'xy'
echo "status=$?"
## STDOUT:
status=1
status=1
status=1
## END
## STDERR:
tr: misaligned [:upper:] and/or [:lower:] construct
tr: when translating, the only character classes that may appear in
string2 are 'upper' and 'lower'
tr: when translating with complemented character classes,
string2 must map all characters in the domain to one
## END

#### empty string1 copies the input
echo ab | tr '' x
## stdout: ab

#### trailing backslash warns
echo 'a\' | tr 'a\' xy
## stdout: xy
## stderr: tr: warning: an unescaped backslash at end of string is not portable

#### bad option
tr -x a b
## status: 1
## STDERR:
tr: invalid option -- 'x'
Try 'tr --help' for more information.
## END
