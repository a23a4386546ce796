#### ctl stop and start move a process to Stopped and back
sleep 30 & p=$!
sleep 0.05
echo stop > /proc/$p/ctl
read -r n u s rest < /proc/$p/status; echo "$s"
echo start > /proc/$p/ctl
read -r n u s rest < /proc/$p/status; echo "$s"
kill $p
## bash_diff: Plan 9 /proc ctl
## STDOUT:
Stopped
Sleep
## END

#### start of a process that is not stopped is refused
sleep 30 & p=$!
echo start > /proc/$p/ctl; echo "status $?"
kill $p
## bash_diff: Plan 9 /proc ctl
## stdout: status 1
## stderr: sh: echo: write error: Invalid argument

#### waitstop returns once the process is stopped
sleep 30 & p=$!
sleep 0.05
kill -STOP $p
echo waitstop > /proc/$p/ctl && echo stopped
kill -KILL $p
## bash_diff: Plan 9 /proc ctl
## stdout: stopped

#### garbage written to ctl is refused and changes nothing
sleep 30 & p=$!
sleep 0.05
for m in frobnicate 'stop now' 'close' 'close x' 'hang 1'; do
  echo "$m" > /proc/$p/ctl || echo "refused: $m"
done 2>/dev/null
read -r n u s rest < /proc/$p/status; echo "$s"
kill $p
## bash_diff: Plan 9 /proc ctl
## STDOUT:
refused: frobnicate
refused: stop now
refused: close
refused: close x
refused: hang 1
Sleep
## END

#### a note over 127 bytes is refused
sleep 30 & p=$!
printf '%0128d' 0 > /proc/$p/note; echo "status $?"
kill -0 $p && echo alive
kill $p
## bash_diff: Plan 9 notes (ERRMAX)
## STDOUT:
status 1
alive
## END
## stderr: sh: printf: write error: Invalid argument

#### noteid shows the note group; a background job has one of its own
sleep 30 & p=$!
[ "$(cat /proc/$p/noteid)" = "$p" ] && echo "own group"
[ "$(cat /proc/$$/noteid)" != "$p" ] && echo "not the shell's"
kill $p
## bash_diff: Plan 9 /proc noteid
## STDOUT:
own group
not the shell's
## END

#### writing noteid joins another group of the same user; notepg reaches it
sleep 30 & a=$!
sleep 30 & b=$!
echo $a > /proc/$b/noteid
[ "$(cat /proc/$b/noteid)" = "$a" ] && echo joined
echo hangup > /proc/$a/notepg
wait $a; echo "a $?"
wait $b; echo "b $?"
## bash_diff: Plan 9 /proc noteid and notepg
## STDOUT:
joined
a 129
b 129
## END

#### a process ended by a fault prints suicide and its status is 128+signal
sh -c 'kill -SEGV $$' 2>&1 | sed 's/[0-9][0-9]*/N/'
## bash_diff: Plan 9's suicide message
## stdout: sh N: suicide: sys: segmentation violation

#### a write on a closed pipe ends a writer quietly
yes | head -1
echo "${PIPESTATUS[0]}"
## STDOUT:
y
141
## END

#### every JSON file of /proc parses
export J='with "quotes" and \ backslash'
for f in argv env fds; do jq -e . /proc/$$/$f > /dev/null && echo "$f ok"; done
for f in argv env fds; do jq -e . /proc/self/$f > /dev/null && echo "self $f ok"; done
## bash_diff: ninebox /proc
## STDOUT:
argv ok
env ok
fds ok
self argv ok
self env ok
self fds ok
## END

#### /proc/self/fds names the reader's own fds
jq -c 'keys' /proc/self/fds
## bash_diff: ninebox /proc
## stdout: ["0","1","2","3"]

#### /proc/N/args quotes words rc-style
sh -c 'sleep 30' "it's" 'two words' & p=$!
sleep 0.05
cat /proc/$p/args
kill $p
## bash_diff: Plan 9 /proc args
## stdout: sh -c 'sleep 30' 'it''s' 'two words'

#### the wait file answers Plan 9's await text when the process ends
sleep 30 & p=$!
( sleep 0.05; kill -INT $p ) &
read -r pid u s r msg < /proc/$p/wait
[ "$pid" = "$p" ] && echo "$msg" | sed 's/[0-9][0-9]*/N/'
## bash_diff: Plan 9 /proc wait
## stdout: 'sleep N: interrupt'

#### ps shows Plan 9 states: Stopped, Await (a job waiting for its pipeline), Sleep
sleep 30 & a=$!
sleep 30 | cat & b=$!
sleep 0.05
kill -STOP $a
ps -o stat= -p $a
ps -o stat= -p $b
kill -CONT $a
ps -o stat= -p $a
kill $a %2
## bash_diff: Plan 9 process states
## STDOUT:
Stopped
Await
Sleep
## END

#### ps aux uses the BSD columns
ps aux | head -1
## bash_diff: ninebox ps
## stdout: USER        PID %CPU %MEM    VSZ    RSS TTY      STAT     START    TIME COMMAND

#### ps -ef uses the System V columns
ps -ef | head -1
## bash_diff: ninebox ps
## stdout: UID         PID   PPID  C STIME TTY          TIME CMD

#### ps -o takes procps's names and NAME=HEADER
sleep 30 & p=$!
ps -o pid,ppid,stat,args -p $p | sed "s/$p/P/; s/$$/S/"
ps -o pid=ID -p $p | head -1
ps -o pid= -p $p | tr -d ' ' | sed "s/$p/P/"
kill $p
## bash_diff: ninebox ps
## STDOUT:
   PID   PPID STAT     COMMAND
     P      S Sleep    sleep 30
ID
P
## END

#### ps refuses unknown BSD letters and columns
ps zq; echo "status $?"
ps -o nope; echo "status $?"
## bash_diff: ninebox ps
## STDOUT:
status 1
status 1
## END
## STDERR:
ps: error: unsupported option (BSD syntax)
ps: unknown column 'nope'
Try 'ps --help' for more information.
## END
