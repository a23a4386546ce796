#### a sleeping process shows in /proc, is killed through ctl, and is gone once reaped
sleep 60 & p=$!
sleep 0.05
read -r name user state rest < /proc/$p/status
echo "$name $user $state"
echo kill > /proc/$p/ctl
wait $p; echo "status $?"
test -e /proc/$p || echo gone
## bash_diff: ninebox's /proc
## STDOUT:
sleep user Sleep
status 137
gone
## END

#### ps shows each member of a background pipeline with its state
sleep 30 | cat | cat &
sleep 0.05
ps -o state,comm --no-headers | grep -E ' (sleep|cat)$'
kill %1
## bash_diff: ninebox's ps and states
## STDOUT:
Sleep    sleep
Pread    cat
Pread    cat
## END

#### a server posted by one process is mounted by another that does not descend from it
sh -c 'memfs box; mount -c /srv/box /n/box; echo hello > /n/box/greeting'
sh -c 'mount /srv/box /n/b && cat /n/b/greeting'
d=$(cat /srv/box); echo "${d%%pid*}pid N"
## bash_diff: ninebox's /srv
## STDOUT:
hello
memfs, posted by pid N
## END

#### rfork n gives a shell a namespace of its own; its parent's is unchanged
mkdir -p /tmp/x
parent=$$
sh -c 'rfork n; bind -b /tmp/x /bin; grep -c /tmp/x /proc/self/ns; grep -c /tmp/x /proc/'$parent'/ns'
( rfork n; bind -b /tmp/x /bin; grep -c /tmp/x /proc/$BASHPID/ns )
grep -c /tmp/x /proc/$$/ns
## bash_diff: Plan 9 namespaces
## STDOUT:
1
0
1
0
## END
## status: 1

#### /proc/self/ns replays to an identical namespace
cat /proc/self/ns > saved
newns -n saved sh -c 'cat /proc/self/ns' > replayed
[ "$(cat saved)" = "$(cat replayed)" ] && echo identical
grep -c . saved
## bash_diff: Plan 9 namespaces
## STDOUT:
identical
11
## END

#### killing a served file system's process makes its clients fail at once
ramfs -S r
mount -c /srv/r /n/r
echo kept > /n/r/f
cat /n/r/f
read -r _ _ _ _ pid < /srv/r
kill $pid
sleep 0.01
cat /n/r/f
echo "status $?"
test -e /srv/r || echo "post withdrawn"
## bash_diff: ninebox's served file systems
## STDOUT:
kept
status 1
post withdrawn
## END
## stderr: cat: /n/r/f: i/o on hung-up channel

#### the wait file answers a process's wait message when it ends
sleep 0.05 & p=$!
read -r pid utime stime rtime msg < /proc/$p/wait
[ "$pid" = "$p" ] && echo "msg=$msg"
sh -c 'exit 3' & q=$!
read -r pid utime stime rtime msg < /proc/$q/wait
echo "msg=${msg/ $q:/ PID:}"
## bash_diff: ninebox's /proc
## STDOUT:
msg=''
msg='sh PID: exit 3'
## END

#### notes written to /proc/N/note end or interrupt a process
sleep 60 & p=$!
echo hangup > /proc/$p/note
wait $p; echo "hangup: $?"
sh -c 'trap "echo caught; exit 7" INT; while :; do sleep 0.01; done' & q=$!
sleep 0.05
echo interrupt > /proc/$q/note
wait $q; echo "trapped: $?"
## bash_diff: Plan 9 notes through /proc
## STDOUT:
hangup: 129
caught
trapped: 7
## END

#### kill -l, kill -s NOTE and kill -9 go through /proc
/bin/kill -l 9
/bin/kill -l INT
sleep 60 & p=$!
/bin/kill -s INT $p; wait $p; echo "int: $?"
sleep 60 & p=$!
/bin/kill -9 $p; wait $p; echo "kill: $?"
/bin/kill 99999; echo "missing: $?"
## bash_diff: ninebox's /bin/kill
## STDOUT:
KILL
2
int: 130
kill: 137
missing: 1
## END
## stderr: kill: (99999): No such process

#### ps selects by pid and user and prints chosen columns
sleep 60 & p=$!
read -r user pid state cmd <<< "$(ps -p $p -o user,pid,state,cmd --no-headers)"
[ "$pid" = "$p" ] && echo "$user $state $cmd"
ps -u nobody; echo "none: $?"
ps -o bogus; echo "bad: $?"
kill $p
## bash_diff: ninebox's ps
## STDOUT:
user Sleep sleep 60
USER        PID   PPID STATE       TIME CMD
none: 1
bad: 1
## END

#### writes to /proc files other than ctl and note are refused
echo x > /proc/$$/status; echo "status: $?"
echo bogus > /proc/$$/ctl; echo "ctl: $?"
## bash_diff: ninebox's /proc
## STDOUT:
status: 1
ctl: 1
## END
## STDERR:
sh: line 1: /proc/2/status: Operation not permitted
sh: echo: write error: Invalid argument
## END
