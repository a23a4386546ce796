# Process substitution: <(list) and >(list) name a pipe as /dev/fd/N

#### <(list) reads a command's output as a file
cat <(echo hi)
## stdout: hi

#### the word is a /dev/fd name, from 63 down
echo <(true) <(true)
## stdout: /dev/fd/63 /dev/fd/62

#### feeding a loop without a subshell keeps its variables
n=0
while read -r l; do n=$((n + 1)); last=$l; done < <(printf 'a\nb\nc\n')
echo "$n $last"
## stdout: 3 c

#### two substitutions side by side
paste <(printf '1\n2\n') <(printf 'x\ny\n')
## STDOUT:
1	x
2	y
## END

#### inside a word
echo pre<(true)
## stdout: pre/dev/fd/63

#### quoted, it is plain text
echo "<(echo no)" '>(echo no)'
## stdout: <(echo no) >(echo no)

#### >(list) takes a command's output; wait $! waits for it
printf 'one\ntwo\n' | tee >(wc -l > count) > /dev/null
wait $!
cat count
## stdout: 2

#### the list runs in a subshell
x=1
cat <(x=2; echo "in $x")
echo "out $x"
## STDOUT:
in 2
out 1
## END

#### exec keeps a duplicate of it
exec 3< <(printf 'three\n')
read -r v <&3
echo "$v"
## stdout: three

#### as a function's argument
show() { cat "$1"; }
show <(echo from-function)
## stdout: from-function

#### the shell's ends are closed when each command is done
for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do cat <(echo $i) > /dev/null; done
echo <(true)
## stdout: /dev/fd/63

#### in an assignment
f=<(echo assigned)
echo "$f"
## stdout: /dev/fd/63

#### the list's status does not matter to the command
cat <(exit 3)
echo $?
## stdout: 0

#### a redirection on the substituted command
cat <(echo err >&2; echo out) 2>/dev/null
## stdout: out
