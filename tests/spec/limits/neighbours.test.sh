## bash_diff: limits are ninebox's own: bash has none of these and runs until memory or the disk gives out
## limits: string=1M fs=4M fs-total=8M procs=40
# Neighbours of the issue's probes, each against one small limit: the
# refusal names it, the status is non-zero, and the system goes on.

#### TM-RES-003 head -c from /dev/zero into a file stops at the fs limit
head -c 10M /dev/zero > /tmp/big; echo "status=$?"
rm /tmp/big; echo still-alive
## STDOUT:
status=1
still-alive
## END
## stderr: head: write error: No space left on device

#### TM-RES-003 yes into a file stops at the fs limit
yes abc > /tmp/y; echo "status=$?"
rm /tmp/y; echo still-alive
## STDOUT:
status=1
still-alive
## END
## stderr: yes: standard output: No space left on device

#### TM-RES-003 the space comes back when the file goes
head -c 3M /dev/zero > /tmp/a; rm /tmp/a
head -c 3M /dev/zero > /tmp/b; echo "status=$?"; rm /tmp/b
## stdout: status=0

#### TM-RES-005 $(yes) is refused at the string limit, not cut
x=$(yes); echo "never here"
echo "still-alive ${#x}"
## stdout: still-alive 0
## stderr: sh: line 1: command substitution: string size limit reached (1 MiB); raise it with --limit string=N

#### TM-RES-005 a command substitution inside a here-document over the limit
cat <<EOF | wc -c
$(head -c 2M /dev/zero | tr '\0' a)
EOF
echo still-alive
## STDOUT:
0
still-alive
## END
## stderr: sh: line 1: command substitution: string size limit reached (1 MiB); raise it with --limit string=N

#### TM-RES-005 a value doubled in a loop stops at the string limit
x=a; while :; do x=$x$x; done
echo still-alive
## stdout: still-alive
## stderr: sh: line 1: expansion: string size limit reached (1 MiB); raise it with --limit string=N

#### TM-RES-009 brace expansion at exactly the words limit, and one past it
## limits: words=1000
echo {1..1000} | wc -w
echo {1..1001} > /dev/null
echo still-alive
## STDOUT:
1000
still-alive
## END
## stderr: sh: line 2: brace expansion of 1001 words: brace expansion limit reached (1000); raise it with --limit words=N

#### TM-RES-009 brace expansion counts the bytes it would make too
touch /tmp/f{1..20000}
echo still-alive
## stdout: still-alive
## stderr: sh: line 1: brace expansion of 2780000 bytes: string size limit reached (1 MiB); raise it with --limit string=N

#### TM-RES-002 background jobs stop at the process limit
for i in $(seq 60); do sleep 5 & done 2>/dev/null
jobs -p > /tmp/jobs
while read -r pid; do kill "$pid"; done < /tmp/jobs
wait
wc -l < /tmp/jobs
echo still-alive
## STDOUT:
38
still-alive
## END

#### TM-RES-002 a recursive fork bomb stops and the system goes on
## limits: calls=50
f() { f & f; }
f 2>/dev/null
echo still-alive
## stdout: still-alive

#### TM-CMD-003 cat of /dev/zero into head ends at once
cat /dev/zero | head -c 1 | wc -c
tr -d a < /dev/zero | head -c 3 | wc -c
echo still-alive
## STDOUT:
1
3
still-alive
## END

#### TM-CMD-001 printf zero-padded width past the string limit
printf '%0*d' 5000000 1 | wc -c
echo still-alive
## STDOUT:
0
still-alive
## END
## stderr: sh: line 1: printf: width too large (limit 1 MiB)
