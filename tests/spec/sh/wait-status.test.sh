# wait: statuses kept for ended jobs (bash's bgpids), wait -n, wait -p

#### wait PID keeps statuses of jobs that ended
for i in 1 2; do (exit $i) & pids+=($!); done; sleep 0.3; for p in ${pids[@]}; do wait $p; echo $?; done
## STDOUT:
1
2
## END

#### wait PID twice gives the same status
(exit 3) & p=$!; sleep 0.1; wait $p; echo $?; wait $p; echo $?
## STDOUT:
3
3
## END

#### wait -n does not count jobs that ended before
(exit 3) & (exit 4) & sleep 0.2; wait -n; echo $?
## stdout: 127

#### jobs forgets ended jobs in a script
(exit 3) & sleep 0.1; jobs; wait $!; echo $?
## stdout: 3

#### wait -n -p names the pid
(exit 3) & wait -n -p v; echo $?; [ "$v" = $! ] && echo same
## STDOUT:
3
same
## END

#### wait -n returns the first to end
sleep 0.3 & (exit 5) & wait -n; echo $?
## stdout: 5

#### wait with no arguments is 0
(exit 2) & sleep 0.1; wait; echo $?
## stdout: 0

#### wait -n with no jobs
wait -n; echo $?
## stdout: 127

#### wait for a pid that is not a child
wait 99999 2>/dev/null; echo $?
## stdout: 127

#### wait %1
(exit 6) & wait %1; echo $?
## stdout: 6

#### wait invalid option
wait -x 2>/dev/null; echo $?
## stdout: 2

#### wait for an unknown job
wait %3 2>/dev/null; echo $?
## stdout: 127

#### wait -p without a name
wait -p 2>/dev/null; echo $?
## stdout: 2

#### pids in an array waited in order
for n in 3 1 2; do (sleep 0.$n; exit $n) & p+=($!); done; for x in "${p[@]}"; do wait $x; echo -n "$? "; done; echo
## stdout: 3 1 2 
