# Background commands, $!, wait, kill -0

#### bg-wait-all
echo a > f1 &
echo b > f2 &
wait
cat f1 f2
## STDOUT:
a
b
## END

#### bg-wait-pid-status
(exit 3) &
p=$!
wait $p
echo $?
## stdout: 3

#### bg-wait-multiple-pids-status-of-last
(exit 2) & p1=$!
(exit 5) & p2=$!
wait $p1 $p2
echo $?
## stdout: 5

#### bg-wait-no-jobs-status-zero
wait
echo $?
## stdout: 0

#### bg-wait-unknown-pid
wait 999999
echo $?
## stdout: 127
## STDERR:
sh: line 1: wait: pid 999999 is not a child of this shell
## END

#### bg-variables-not-shared
x=1
{ x=2; } &
wait
echo $x
## stdout: 1

#### bg-status-of-ampersand-is-zero
false &
echo $?
wait
## stdout: 0

#### bg-bang-is-last-background-pid
true & a=$!
true & b=$!
wait
[ "$a" != "$b" ] && [ "$b" -gt 0 ] && echo distinct
## stdout: distinct

#### bg-output-ordering-with-wait
{ echo from-bg; } > f &
wait $!
echo main
cat f
## STDOUT:
main
from-bg
## END

#### bg-pipeline-in-background
echo piped | cat > f &
wait
cat f
## stdout: piped

#### bg-kill-zero-self
kill -0 $$
echo $?
## stdout: 0

#### bg-kill-zero-finished-child
true & p=$!
wait $p
kill -0 $p 2>/dev/null
echo $?
## stdout: 1

#### bg-ampersand-separator
echo one > f & wait; cat f
## stdout: one

#### bg-kill-background-then-wait
{ while :; do :; done; } &
p=$!
kill $p
wait $p
echo $?
## stdout: 143

#### bg-group-in-background
{ echo x; echo y; } > f &
wait
cat f
## STDOUT:
x
y
## END
