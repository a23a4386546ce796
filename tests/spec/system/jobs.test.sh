#### kill -CONT, -WINCH, -CHLD and -URG do not end a process
sleep 1 & p=$!
kill -CONT $p; kill -WINCH $p; kill -CHLD $p; kill -URG $p
sleep 0.1
kill -0 $p && echo alive
kill $p; wait $p; echo "status $?"
## STDOUT:
alive
status 143
## END

#### the kill command's ignored signals leave the process running too
sleep 1 & p=$!
/bin/kill -s WINCH $p; /bin/kill -CHLD $p; /bin/kill -URG $p; /bin/kill -CONT $p
sleep 0.1
kill -0 $p && echo alive
kill -9 $p; wait $p; echo "status $?"
## STDOUT:
alive
status 137
## END

#### kill -STOP stops and kill -CONT continues
sleep 30 & p=$!
sleep 0.05
kill -STOP $p
read -r n u s rest < /proc/$p/status; echo "$s"
kill -CONT $p
read -r n u s rest < /proc/$p/status; echo "$s"
kill $p
## bash_diff: Plan 9 states in /proc
## STDOUT:
Stopped
Sleep
## END

#### kill -TSTP stops a process that does not catch it
sleep 30 & p=$!
sleep 0.05
kill -TSTP $p
read -r n u s rest < /proc/$p/status; echo "$s"
kill -KILL $p
## bash_diff: Plan 9 states in /proc
## stdout: Stopped

#### a stopped process ends by TERM only once continued
sleep 30 & p=$!
sleep 0.05
kill -STOP $p
kill -TERM $p
sleep 0.05
read -r n u s rest < /proc/$p/status; echo "$s"
kill -CONT $p
wait $p; echo "status $?"
## bash_diff: Plan 9 states in /proc
## STDOUT:
Stopped
status 143
## END

#### kill -KILL ends a stopped process at once
sleep 30 & p=$!
sleep 0.05
kill -STOP $p
kill -KILL $p
wait $p; echo "status $?"
## STDOUT:
status 137
## END

#### a script without a trap ignores WINCH, CHLD and URG sent to itself
kill -WINCH $$; kill -CHLD $$; kill -URG $$
echo still here
## stdout: still here

#### a trap on WINCH runs when it is sent
trap 'echo winched' WINCH
kill -WINCH $$
echo after
## STDOUT:
winched
after
## END

#### kill -l names the stop and continue signals by number
kill -l 19 18 20
## STDOUT:
STOP
CONT
TSTP
## END

#### /bin/kill -STOP and -CONT through /proc notes
sleep 30 & p=$!
sleep 0.05
/bin/kill -STOP $p
ps -o stat= -p $p
/bin/kill -CONT $p
ps -o stat= -p $p
/bin/kill $p
wait $p; echo "status $?"
## bash_diff: Plan 9 states in ps
## STDOUT:
Stopped
Sleep
status 143
## END

#### hang makes a child start stopped, and stop again at its exec (the bit is inherited)
echo hang > /proc/$$/ctl
sleep 30 & p=$!
echo nohang > /proc/$$/ctl
ps -o stat= -p $p
echo start > /proc/$p/ctl
echo waitstop > /proc/$p/ctl && echo "stopped at exec"
cat /proc/$p/args
kill -KILL $p; wait $p; echo "status $?"
## bash_diff: Plan 9 /proc ctl hang
## STDOUT:
Stopped
stopped at exec
sleep 30
status 137
## END
