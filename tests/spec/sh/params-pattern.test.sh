# ${x...} operators: pattern strip/replace, case conversion, substrings

#### strip-shortest-prefix
x=a/b/c.tar.gz
echo ${x#*/}
## stdout: b/c.tar.gz

#### strip-longest-prefix
x=a/b/c.tar.gz
echo ${x##*/}
## stdout: c.tar.gz

#### strip-shortest-suffix
x=a/b/c.tar.gz
echo ${x%.*}
## stdout: a/b/c.tar

#### strip-longest-suffix
x=a/b/c.tar.gz
echo ${x%%.*}
## stdout: a/b/c

#### strip-no-match-unchanged
x=abc
echo ${x#z} ${x%z}
## stdout: abc abc

#### strip-question-mark-pattern
x=abcd
echo ${x#?} ${x%??}
## stdout: bcd ab

#### strip-bracket-pattern
x=abcabc
echo ${x#[ab]} ${x%[!a]} ${x##*[b]}
## stdout: bcabc abcab c

#### strip-quoted-pattern-literal
x='a*b*c'
echo ${x#"a*"} ${x%'*c'}
## stdout: b*c a*b

#### strip-pattern-from-variable
x=foo.txt
ext=.txt
echo ${x%$ext}
## stdout: foo

#### replace-first
x=aXbXc
echo ${x/X/-}
## stdout: a-bXc

#### replace-all
x=aXbXc
echo ${x//X/-}
## stdout: a-b-c

#### replace-anchored-start
x=abab
echo ${x/#ab/X} ${x/#b/X}
## stdout: Xab abab

#### replace-anchored-end
x=abab
echo ${x/%ab/X} ${x/%a/X}
## stdout: abX abab

#### replace-with-empty
x=a-b-c
echo ${x//-} ${x/-/}
## stdout: abc ab-c

#### replace-glob-pattern-longest
x=aXXXb
echo ${x/X*/Y} ${x//[X]/y}
## stdout: aY ayyyb

#### replace-in-double-quotes
x='a b  c'
echo "${x// /_}"
## stdout: a_b__c

#### replace-ampersand-is-matched-text
x=abc
echo "${x/b/[&]}"
## stdout: a[b]c

#### replace-quoted-ampersand-literal
x=abc
echo "${x/b/\&}" ${x/b/"&"}
## stdout: a&c a&c

#### case-upper-all
x=hello
echo ${x^^}
## stdout: HELLO

#### case-lower-all
x=HeLLo
echo ${x,,}
## stdout: hello

#### case-upper-first
x=hello
echo ${x^}
## stdout: Hello

#### case-lower-first
x=HELLO
echo ${x,}
## stdout: hELLO

#### case-upper-pattern
x=banana
echo ${x^^a}
## stdout: bAnAnA

#### substring-offset
x=abcdef
echo ${x:2}
## stdout: cdef

#### substring-offset-length
x=abcdef
echo ${x:1:3}
## stdout: bcd

#### substring-negative-offset-needs-space
x=abcdef
echo ${x: -2} ${x:(-3):2}
## stdout: ef de

#### substring-colon-minus-is-default
x=abcdef
echo ${x:-2}
## stdout: abcdef

#### substring-negative-length
x=abcdef
echo ${x:1:-2}
## stdout: bcd

#### substring-offset-past-end
x=abc
echo "[${x:5}]"
## stdout: []

#### substring-arith-expressions
x=abcdef
n=1
echo ${x:n+1:n*2}
## stdout: cd

#### substring-positional
set -- a b c d e
echo ${@:2:3}
echo ${@:0:2}
## STDOUT:
b c d
sh a
## END

#### substring-negative-length-error
x=abc
echo ${x:2:-3}
## status: 1
## STDERR:
sh: line 2: -3: substring expression < 0
## END

#### strip-on-positional-all
set -- a.c b.c
echo ${@%.c}
## stdout: a b

#### length-of-unicode-escape-free-string
x='a b c'
echo ${#x}
## stdout: 5

#### patterns stay patterns inside double quotes
d="ab pid 4"
echo "[${d%%pid*}] [${d%pid*}] [${d%%i*}] [${d#*pid}] [${d/p*d/X}]"
## stdout: [ab ] [ab ] [ab p] [ 4] [ab X 4]

#### quoted parts of a pattern inside double quotes are literal
d="ab p* 4"
p="b*"
echo "[${d%%"p*"*}] [${d%%$p}] [${d%%"$p"}] [${d/"p*"/Q}]"
## stdout: [ab ] [a] [ab p* 4] [ab Q 4]
