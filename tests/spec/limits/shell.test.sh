## bash_diff: limits are ninebox's own: bash has none of these and runs until memory or the stack gives out
## limits: timeout=20s string=1M nest=200 calls=100 evals=50 words=10000
# The shell's own limits (TM-RES-004 nesting, TM-RES-005 strings,
# TM-RES-009 brace expansion, TM-RES-010 recursion). Each case states its
# limits above or in its own `## limits:`; each ends with still-alive
# where the system goes on. Messages from inside a function of a `-c`
# script start `environment:`, as bash 5.2's do.

#### function recursion stops at the calls limit (TM-RES-010)
f() { f; }
f
echo "status $?"
echo still-alive
## STDOUT:
status 1
still-alive
## END
## stderr: environment: line 1: f: function nesting limit reached (100); raise it with --limit calls=N

#### mutual recursion is counted the same way (TM-RES-010)
a() { b; }; b() { a; }
a
echo "status $?"
echo still-alive
## STDOUT:
status 1
still-alive
## END
## stderr-contains: function nesting limit reached (100)

#### recursion within the limit works
g() { local n=$1; if ((n > 0)); then g $((n - 1)); else echo bottom; fi; }
g 90
## stdout: bottom

#### FUNCNEST below the limit is bash's
FUNCNEST=10
f() { f; }
f
echo "status $?"
## stdout: status 1
## stderr: environment: line 2: f: maximum function nesting level exceeded (10)

#### FUNCNEST above the limit cannot raise it (TM-RES-010)
FUNCNEST=100000
f() { f; }
f
echo "status $?"
## stdout: status 1
## stderr-contains: function nesting limit reached (100)

#### recursion in a subshell ends only the subshell
(f() { f; }; f)
echo "status $?"
echo still-alive
## STDOUT:
status 1
still-alive
## END
## stderr-contains: function nesting limit reached

#### eval recursion stops at the evals limit (TM-RES-010)
e='eval "$e"'
eval "$e"
echo "status $?"
echo still-alive
## STDOUT:
status 1
still-alive
## END
## stderr-contains: eval nesting limit reached (50); raise it with --limit evals=N

#### source recursion stops at the evals limit (TM-RES-010)
echo '. ./self.sh' > self.sh
. ./self.sh
echo "status $?"
echo still-alive
## STDOUT:
status 1
still-alive
## END
## stderr-contains: eval nesting limit reached (50)

#### a script that runs itself stops at the process limit (TM-RES-002)
## limits: procs=30
echo 'sh ./bomb.sh' > bomb.sh
sh ./bomb.sh 2>/dev/null
echo still-alive
## stdout: still-alive

#### nested braces are refused past the nest limit (TM-RES-004)
eval "$(printf '%.0s{ ' {1..300}) :"
echo "status $?"
echo still-alive
## STDOUT:
status 2
still-alive
## END
## stderr-contains: nesting limit reached (200); raise it with --limit nest=N

#### nested subshells are refused past the nest limit (TM-RES-004)
eval "$(printf '%.0s( ' {1..300}) : $(printf '%.0s)' {1..300})"
echo "status $?"
echo still-alive
## STDOUT:
status 2
still-alive
## END
## stderr-contains: nesting limit reached (200)

#### nested if is refused past the nest limit (TM-RES-004)
eval "$(printf '%.0sif true; then ' {1..300}) : $(printf '%.0s; fi' {1..300})"
echo "status $?"
echo still-alive
## STDOUT:
status 2
still-alive
## END
## stderr-contains: nesting limit reached (200)

#### nested while is refused past the nest limit (TM-RES-004)
eval "$(printf '%.0swhile false; do ' {1..300}) : $(printf '%.0s; done' {1..300})"
echo "status $?"
echo still-alive
## STDOUT:
status 2
still-alive
## END
## stderr-contains: nesting limit reached (200)

#### nested command substitutions are refused past the nest limit (TM-RES-004)
eval "echo $(printf '%.0s$(' {1..300})x$(printf '%.0s)' {1..300})"
echo "status $?"
echo still-alive
## STDOUT:
status 2
still-alive
## END
## stderr-contains: nesting limit reached (200)

#### nested ${x:-...} is refused past the nest limit (TM-RES-004)
eval "echo $(printf '%.0s${x:-' {1..300})y$(printf '%.0s}' {1..300})"
echo "status $?"
echo still-alive
## STDOUT:
status 2
still-alive
## END
## stderr-contains: nesting limit reached (200)

#### nested ${x:-...} within the limit works
eval "echo $(printf '%.0s${x:-' {1..100})y$(printf '%.0s}' {1..100})"
## stdout: y

#### nested [[ ( ) ]] is refused past the nest limit (TM-RES-004)
eval "[[ $(printf '%.0s( ' {1..300})x$(printf '%.0s )' {1..300}) ]]"
echo "status $?"
echo still-alive
## STDOUT:
status 2
still-alive
## END
## stderr-contains: nesting limit reached (200)

#### a long [[ && ]] chain is refused past the nest limit (TM-RES-004)
eval "[[ $(printf '%.0sx && ' {1..300})x ]]"
echo "status $?"
echo still-alive
## STDOUT:
status 2
still-alive
## END
## stderr-contains: nesting limit reached (200)

#### many [[ ! ]] are refused past the nest limit (TM-RES-004)
eval "[[ $(printf '%.0s! ' {1..301})x ]]"
echo "status $?"
echo still-alive
## STDOUT:
status 2
still-alive
## END
## stderr-contains: nesting limit reached (200)

#### nested test parentheses are refused past the nest limit (TM-RES-004)
test $(printf '%.0s( ' {1..300}) x $(printf '%.0s) ' {1..300})
echo "status $?"
echo still-alive
## STDOUT:
status 2
still-alive
## END
## stderr: sh: line 1: test: nesting limit reached (200); raise it with --limit nest=N

#### nested [ parentheses are refused past the nest limit (TM-RES-004)
[ $(printf '%.0s( ' {1..300}) x $(printf '%.0s) ' {1..300}) ]
echo "status $?"
echo still-alive
## STDOUT:
status 2
still-alive
## END
## stderr-contains: nesting limit reached (200)

#### /bin/test parentheses are refused past the nest limit (TM-RES-004)
/bin/test $(printf '%.0s( ' {1..300}) x $(printf '%.0s) ' {1..300})
echo "status $?"
echo still-alive
## STDOUT:
status 2
still-alive
## END
## stderr-contains: test: nesting limit reached (200)

#### test parentheses within the limit work
test $(printf '%.0s( ' {1..50}) x $(printf '%.0s) ' {1..50})
echo "status $?"
## stdout: status 0

#### a long test ! chain is a loop, not recursion
test $(printf '%.0s! ' {1..10000}) x
echo "status $?"
## stdout: status 0

#### nested arithmetic parentheses are refused past the nest limit (TM-RES-004)
(( $(printf '%.0s(' {1..300})1$(printf '%.0s)' {1..300}) ))
echo "status $?"
echo still-alive
## STDOUT:
status 1
still-alive
## END
## stderr-contains: nesting limit reached (200); raise it with --limit nest=N

#### $((...)) nesting past the limit is an expansion error (TM-RES-004)
x=$(printf '%.0s(' {1..300})1$(printf '%.0s)' {1..300})
(echo $(( $x )))
echo "status $?"
echo still-alive
## STDOUT:
status 1
still-alive
## END
## stderr-contains: nesting limit reached (200)

#### a long arithmetic chain is refused past the nest limit (TM-RES-004)
x=$(printf '%.0s1+' {1..300})1
(( x = $x ))
echo "status $?"
echo still-alive
## STDOUT:
status 1
still-alive
## END
## stderr-contains: nesting limit reached (200)

#### a long chain of unary minus is refused past the nest limit (TM-RES-004)
x=$(printf '%.0s- ' {1..300})1
(( $x ))
echo "status $?"
echo still-alive
## STDOUT:
status 1
still-alive
## END
## stderr-contains: nesting limit reached (200)

#### a chain of ?: is refused past the nest limit (TM-RES-004)
x="$(printf '%.0s1?' {1..300})1$(printf '%.0s:1' {1..300})"
(( $x ))
echo "status $?"
echo still-alive
## STDOUT:
status 1
still-alive
## END
## stderr-contains: nesting limit reached (200)

#### chained assignments are refused past the nest limit (TM-RES-004)
x=$(printf '%.0sy=' {1..300})1
(( $x ))
echo "status $?"
echo still-alive
## STDOUT:
status 1
still-alive
## END
## stderr-contains: nesting limit reached (200)

#### nested array subscripts are refused past the nest limit (TM-RES-004)
x=$(printf '%.0sa[' {1..300})0$(printf '%.0s]' {1..300})
(( $x ))
echo "status $?"
echo still-alive
## STDOUT:
status 1
still-alive
## END
## stderr-contains: nesting limit reached (200)

#### a self-referring variable stops at the recursion level (TM-RES-004)
r=r
(( r ))
echo "status $?"
echo still-alive
## STDOUT:
status 1
still-alive
## END
## stderr-contains: expression recursion level exceeded

#### arithmetic within the limit works
x=$(printf '%.0s(' {1..150})1$(printf '%.0s)' {1..150})
echo $(( $x + $(printf '%.0s1+' {1..150})0 ))
## stdout: 151

#### thirty {a,b} groups are counted before any word is made (TM-RES-009)
echo {a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}
echo "status $?"
echo still-alive
## STDOUT:
status 1
still-alive
## END
## stderr: sh: line 1: brace expansion of 1073741824 words: brace expansion limit reached (10000); raise it with --limit words=N

#### a huge sequence is refused before it is made (TM-RES-009)
x=({1..5000000})
echo "status $? ${#x[@]}"
## stdout: status 1 0
## stderr: sh: line 1: brace expansion of 5000000 words: brace expansion limit reached (10000); raise it with --limit words=N

#### the ends of i64 do not overflow (TM-RES-009)
echo {9223372036854775806..9223372036854775807}
echo {-9223372036854775808..-9223372036854775807}
## STDOUT:
9223372036854775806 9223372036854775807
-9223372036854775808 -9223372036854775807
## END
## bash_diff: bash 5.2 loops forever on the first (it overflows past the end)

#### the whole i64 range is refused (TM-RES-009)
echo {-9223372036854775808..9223372036854775807}
echo "status $?"
echo still-alive
## STDOUT:
status 1
still-alive
## END
## stderr-contains: brace expansion of 18446744073709551616 words

#### a sequence with a huge step is one word
echo {1..9223372036854775807..9223372036854775807}
## stdout: 1

#### nested groups multiply (TM-RES-009)
echo {{a,b},{c,d}}{{a,b},{c,d}}{{a,b},{c,d}}{{a,b},{c,d}}{{a,b},{c,d}}{{a,b},{c,d}}{{a,b},{c,d}}
echo "status $?"
## stdout: status 1
## stderr-contains: brace expansion of 16384 words

#### a sequence times a group is counted (TM-RES-009)
echo {1..200}{a,b,c,d,e,f,g,h,i,j,k,l,m,n,o,p,q,r,s,t,u,v,w,x,y,z}{1..2}
echo "status $?"
## stdout: status 1
## stderr-contains: brace expansion of 10400 words

#### brace expansion within the limits works
x=({1..100}{a,b}{1..10})
echo ${#x[@]} ${x[0]} ${x[1999]}
## stdout: 2000 1a1 100b10

#### brace words too big for the string limit are refused (TM-RES-009)
## limits: string=64K
x=({1..5000})
echo "status $?"
echo still-alive
## STDOUT:
status 1
still-alive
## END
## stderr-contains: string size limit reached (64 KiB); raise it with --limit string=N

#### deeply nested braces are refused (TM-RES-009)
eval "echo $(printf '%.0s{a,' {1..300})x$(printf '%.0s}' {1..300})"
echo "status $?"
echo still-alive
## STDOUT:
status 1
still-alive
## END
## stderr-contains: nesting limit reached (200)

#### doubling a string stops at the string limit (TM-RES-005)
s=xxxxxxxx
for i in {1..20}; do s=$s$s; done
echo "status $?"
echo still-alive
## STDOUT:
status 1
still-alive
## END
## stderr: sh: line 2: expansion: string size limit reached (1 MiB); raise it with --limit string=N

#### appending stops at the string limit (TM-RES-005)
s=$(printf '%.0sx' {1..1000})
while :; do s+=$s; done
echo "status $?"
echo still-alive
## STDOUT:
status 1
still-alive
## END
## stderr-contains: string size limit reached (1 MiB)

#### command substitution over the string limit is an error, not a cut (TM-RES-006)
x=$(yes)
echo "status $? ${#x}"
echo still-alive
## STDOUT:
status 1 0
still-alive
## END
## stderr: sh: line 1: command substitution: string size limit reached (1 MiB); raise it with --limit string=N

#### command substitution of /dev/zero is an error (TM-RES-006)
x=$(cat /dev/zero)
echo "status $?"
echo still-alive
## STDOUT:
status 1
still-alive
## END
## stderr-contains: command substitution: string size limit reached (1 MiB)

#### backquotes are limited the same way (TM-RES-006)
x=`yes`
echo "status $?"
echo still-alive
## STDOUT:
status 1
still-alive
## END
## stderr-contains: command substitution: string size limit reached

#### command substitution in an argument is limited (TM-RES-006)
echo "$(yes)" | wc -c
echo still-alive
## STDOUT:
0
still-alive
## END
## stderr-contains: command substitution: string size limit reached

#### command substitution under the limit is whole
x=$(yes | head -c 500000)
echo ${#x}
## stdout: 499999

#### printf -v over the string limit is refused (TM-RES-005)
printf -v x '%0900000d%0900000d' 1 2
echo "status $?"
echo still-alive
## STDOUT:
status 1
still-alive
## END
## stderr-contains: limit

#### read -t with an exponent is refused as bash refuses it
read -t1e38 x < /dev/null
echo "status $?"
echo still-alive
## STDOUT:
status 1
still-alive
## END
## stderr: sh: line 1: read: 1e38: invalid timeout specification
## bash_diff:

#### read -t with a huge decimal waits without panicking
read -t 99999999999999999999999 x < /dev/null
echo "status $?"
echo still-alive
## STDOUT:
status 1
still-alive
## END
## bash_diff:

#### read -t with inf or nan is refused
read -t inf x < /dev/null; echo "status $?"
read -t nan x < /dev/null; echo "status $?"
echo still-alive
## STDOUT:
status 1
status 1
still-alive
## END
## bash_diff:

#### arrays count against the mem limit as they grow (TM-RES-001)
## limits: mem=1M
a=(); for ((i = 0; i < 100000; i++)); do a+=("xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"); done
echo "still-alive"
## stdout: still-alive
## stderr: sh: line 1: a: memory limit reached (1 MiB); raise it with --limit mem=N

#### associative arrays and elements count too (TM-RES-001)
## limits: mem=1M
declare -A m
for ((i = 0; i < 100000; i++)); do m[k$i]=vvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvv; done
echo "${#m[@]} set before the limit" | sed 's/^[0-9]* /N /'
## stdout: N set before the limit
## stderr: sh: line 2: m: memory limit reached (1 MiB); raise it with --limit mem=N

#### what is unset or goes out of scope is given back (TM-RES-001)
## limits: mem=1M
x=$(printf '%0400000d' 0)
unset x
y=$(printf '%0400000d' 0)
f() { local l=$y; }
f; f; f
a=("$y"); unset 'a[0]'; a=("$y"); unset a
z=$y; echo "${#z} still-alive"
## stdout: 400000 still-alive

#### many variables add up to the mem limit (TM-RES-001)
## limits: mem=1M
v=$(printf '%0100000d' 0)
for i in 1 2 3 4 5 6 7 8 9 10 11 12; do eval "v$i=\$v"; done
echo "still-alive"
## stdout: still-alive
## stderr: sh: line 2: v10: memory limit reached (1 MiB); raise it with --limit mem=N
