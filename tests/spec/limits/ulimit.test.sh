## bash_diff: ninebox's limits are its own (bash shows the host's rlimits); the letters bash shares (-n -u -t -f) print as bash prints them
## limits: fds=64 procs=100 calls=100 cpu=30s
# ulimit lowers the shell process's limits; children inherit them; the
# host's hard limits are a ceiling nothing inside can raise (TM-ESC-001).

#### ulimit shows the limits the host set
ulimit -n; ulimit -u; ulimit -t; ulimit calls
## STDOUT:
64
100
30
100
## END

#### several letters print labelled, as bash does
ulimit -n -u -t
## STDOUT:
open files                          (-n) 64
max user processes                  (-u) 100
cpu time                   (seconds, -t) 30
## END

#### a lowered limit is inherited by children (TM-ESC-001)
ulimit -n 32
ulimit -n
sh -c 'ulimit -n; ulimit -Hn'
(ulimit -n)
## STDOUT:
32
32
32
32
## END

#### a hard limit cannot be raised again (TM-ESC-001)
ulimit -n 32
ulimit -n 64
echo "status $?"
ulimit -n
echo still-alive
## STDOUT:
status 1
32
still-alive
## END
## stderr: sh: line 2: ulimit: open files: cannot modify limit: fds: cannot raise the hard limit

#### nothing goes above the host's limit (TM-ESC-001)
ulimit -n 1000; echo "status $?"
ulimit procs=unlimited; echo "status $?"
ulimit -n; ulimit procs
## STDOUT:
status 1
status 1
64
100
## END
## stderr-contains: cannot raise the hard limit

#### a soft limit may go back up to the hard one
ulimit -S -n 16
ulimit -n; ulimit -H -n
ulimit -S -n 64; echo "status $?"
ulimit -n
## STDOUT:
16
64
status 0
64
## END

#### a soft limit cannot pass the hard one
ulimit -n 20
ulimit -S -n 30; echo "status $?"
ulimit -n
## STDOUT:
status 1
20
## END
## stderr-contains: cannot raise above the hard limit

#### a hard limit below the soft one is refused, as setrlimit's EINVAL in bash
ulimit -H -n 20; echo "status $?"
ulimit -n; ulimit -Hn
## STDOUT:
status 1
64
64
## END
## stderr-contains: cannot raise above the hard limit

#### a lowered calls limit stops recursion sooner (TM-RES-010)
ulimit -S calls=5
f() { f; }
f
echo "status $?"
echo still-alive
## STDOUT:
status 1
still-alive
## END
## stderr-contains: function nesting limit reached (5)

#### a lowered procs limit stops a fork bomb sooner (TM-RES-002)
# Ten processes: init, this shell and eight sleeps.
ulimit -u 10
for i in 1 2 3 4 5 6 7 8 9 10 11 12; do sleep 5 & done 2>/dev/null
jobs -p >/tmp/jobs
while read -r pid; do kill "$pid"; done </tmp/jobs
wait
wc -l </tmp/jobs
echo still-alive
## STDOUT:
8
still-alive
## END

#### a limit of the whole system is the host's alone
ulimit fs=1M; echo "status $?"
ulimit timeout=1s; echo "status $?"
## STDOUT:
status 1
status 1
## END
## stderr-contains: only the host sets it

#### bash letters ninebox has no limit for say so
ulimit -c; echo "status $?"
ulimit -s 100; echo "status $?"
## STDOUT:
status 1
status 1
## END
## stderr-contains: not a limit in ninebox

#### bad values and names are errors
ulimit -n abc; echo "status $?"
ulimit -n 0; echo "status $?"
ulimit nope; echo "status $?"
ulimit -Z; echo "status $?"
ulimit -n 1 2; echo "status $?"
## STDOUT:
status 1
status 1
status 1
status 2
status 1
## END
## stderr-contains: invalid number

#### ulimit -a lists every limit
ulimit -a | wc -l | tr -d ' '
ulimit -a | grep -c '^fds  *64 '
## STDOUT:
18
1
## END

#### /proc/N/limits shows soft, hard and use
ulimit -S -n 40
grep '^fds ' /proc/$$/limits | tr -s ' '
grep -c . /proc/$$/limits
## STDOUT:
fds 40 64 3 process
19
## END
