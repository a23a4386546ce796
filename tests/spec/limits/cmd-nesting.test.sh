# Nesting in the commands' parsers and evaluators (issue 10, TM-CMD-002):
# each stops at the process's nesting limit (`nest`, 1000 in the standard
# profile) with a message, far below a stack overflow; a million levels
# (a few hundred thousand where each level is a word of its own) are
# refused as quickly as a thousand and one. Chains (not nesting) of any
# length still work.

#### TM-CMD-002 expr with 131072 nested parentheses
s='( '; for i in $(seq 17); do s=$s$s; done
expr $s 1; echo "status=$?"
echo still-alive
## STDOUT:
status=2
still-alive
## END
## stderr: expr: expression nested too deeply (limit 1000)
## bash_diff: GNU expr recurses until its stack overflows

#### TM-CMD-002 expr with 131072 prefix operators
s='length '; for i in $(seq 17); do s=$s$s; done
expr $s x; echo "status=$?"
echo still-alive
## STDOUT:
status=2
still-alive
## END
## stderr: expr: expression nested too deeply (limit 1000)
## bash_diff: GNU expr recurses until its stack overflows

#### TM-CMD-002 expr nesting within the limit
expr '(' '(' '(' 1 + 2 ')' ')' ')' '*' 3
expr length length abc
## STDOUT:
9
1
## END

#### TM-CMD-002 find with 131072 nested parentheses
s='( '; for i in $(seq 17); do s=$s$s; done
find . -maxdepth 0 $s; echo "status=$?"
echo still-alive
## STDOUT:
status=1
still-alive
## END
## stderr: find: expression nested too deeply (limit 1000)
## bash_diff: GNU find recurses until its stack overflows

#### TM-CMD-002 find with 131072 negations
s='! '; for i in $(seq 17); do s=$s$s; done
find . -maxdepth 0 $s -false; echo "status=$?"
echo still-alive
## STDOUT:
status=1
still-alive
## END
## stderr: find: expression nested too deeply (limit 1000)
## bash_diff: GNU find recurses until its stack overflows

#### TM-CMD-002 find with a long chain of tests is not nesting
s='-true '; for i in $(seq 11); do s=$s$s; done
find . -maxdepth 0 $s -print
s='-false -o '; for i in $(seq 11); do s=$s$s; done
find . -maxdepth 0 $s -print
echo still-alive
## STDOUT:
.
.
still-alive
## END

#### TM-CMD-002 awk with a million nested parentheses
o='('; c=')'; for i in $(seq 20); do o=$o$o; c=$c$c; done
awk "BEGIN { x = ${o}1${c} }"; echo "status=$?"
echo still-alive
## STDOUT:
status=2
still-alive
## END
## stderr: awk: cmd. line:1: fatal: program nested too deeply (limit 1000)
## bash_diff: mawk recurses until its stack overflows

#### TM-CMD-002 awk with a million nested blocks
o='{'; c='}'; for i in $(seq 20); do o=$o$o; c=$c$c; done
awk "BEGIN ${o}${c}"; echo "status=$?"
echo still-alive
## STDOUT:
status=2
still-alive
## END
## stderr: awk: cmd. line:1: fatal: program nested too deeply (limit 1000)
## bash_diff: mawk recurses until its stack overflows

#### TM-CMD-002 awk with a million negations and powers
n='!'; p='^2'; for i in $(seq 20); do n=$n$n; p=$p$p; done
awk "BEGIN { x = ${n}1 }"; echo "status=$?"
awk "BEGIN { x = 2$p }"; echo "status=$?"
echo still-alive
## STDOUT:
status=2
status=2
still-alive
## END
## STDERR:
awk: cmd. line:1: fatal: program nested too deeply (limit 1000)
awk: cmd. line:1: fatal: program nested too deeply (limit 1000)
## END
## bash_diff: mawk recurses until its stack overflows

#### TM-CMD-002 awk nesting within the limit
awk 'BEGIN { x = ((((1 + 2)))); if (x) { if (x > 1) { { print x } } } }'
## stdout: 3

#### TM-CMD-002 awk runaway recursion is an error
awk 'function f(n) { return f(n + 1) } BEGIN { f(0) }'; echo "status=$?"
echo still-alive
## STDOUT:
status=2
still-alive
## END
## STDERR:
awk: cmd. line:1: fatal: function call nesting too deep
## END
## bash_diff: mawk recurses until it runs out of memory

#### TM-CMD-002 grep and sed with a million open groups
o='\('; for i in $(seq 20); do o=$o$o; done
echo a | grep "${o}a"; echo "status=$?"
echo a | sed "s/${o}a//"; echo "status=$?"
echo still-alive
## STDOUT:
status=2
status=1
still-alive
## END
## STDERR:
grep: Unmatched ( or \(
sed: -e expression #1, char 2097157: Unmatched ( or \(
## END
## bash_diff: the host's argument limit refuses a 2 MB pattern
