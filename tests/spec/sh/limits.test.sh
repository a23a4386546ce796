#### funcnest stops runaway recursion
FUNCNEST=10
f() { f; }
f
echo "status $?"
## stdout: status 1

#### funcnest abort ends the line it is on
FUNCNEST=5; f() { f; }; f; echo never
echo next
## stdout: next

#### recursion within the limit works
g() { local n=$1; if ((n > 0)); then g $((n - 1)); else echo bottom; fi; }
g 500
## stdout: bottom

#### default recursion limit
f() { f; }
f
echo "status $?"
## bash_diff: bash recurses until it runs out of stack; ninebox stops at 1000 nested calls (NINEBOX_LIMITS=calls=N)
## STDOUT:
status 1
## END
## STDERR:
environment: line 1: f: maximum function nesting level exceeded (1000)
## END

#### limits are configurable
NINEBOX_LIMITS=calls=20 sh -c 'f() { f; }; f'
echo "status $?"
## bash_diff: NINEBOX_LIMITS is ninebox's
## STDOUT:
status 1
## END
## STDERR:
environment: line 1: f: maximum function nesting level exceeded (20)
## END

#### a bad limit is refused
NINEBOX_LIMITS=bogus=1 sh -c 'echo ran'
echo "status $?"
## bash_diff: NINEBOX_LIMITS is ninebox's
## stdout: status 2
## stderr: sh: NINEBOX_LIMITS: bogus: unknown limit (calls, evals, words, string)

#### deep nesting is a syntax error
eval "$(printf '%.0s{ ' {1..600})"
echo "status $?"
## bash_diff: bash nests until it runs out of stack; ninebox refuses beyond 500 levels
## stdout: status 2
## stderr: sh: eval: line 1: maximum nesting depth exceeded (500)

#### huge brace expansion is refused
x=({1..5000000})
echo "status $? ${#x[@]}"
## bash_diff: bash builds the five million words; ninebox stops at 4194304 (NINEBOX_LIMITS=words=N)
## stdout: status 1 0
## stderr: sh: line 1: brace expansion: too many words (5000000; the limit is 4194304)

#### runaway string growth is refused
NINEBOX_LIMITS=string=1K sh -c 's=xxxxxxxx; for i in 1 2 3 4 5 6 7 8 9 10; do s=$s$s; done; echo ${#s}'
echo "status $?"
## bash_diff: bash grows the string until memory runs out; ninebox stops at the string limit
## stdout: status 1
## stderr: sh: line 1: s: value too large (2048 bytes; the limit is 1024)
