#### #c lists Plan 9's console files beside the cons directory
ls '#c'
## bash_diff: Plan 9 devices
## STDOUT:
cons
consctl
cputime
pid
ppid
sysname
time
user
## END

#### /dev/pid answers for whoever reads it: the shell's read sees the shell
read -r p < /dev/pid
[ "$p" = "$$" ] && echo mine
## bash_diff: Plan 9 #c
## stdout: mine

#### /dev/pid read by cat is cat's pid, and /dev/ppid the shell's
[ "$(cat /dev/ppid)" -eq $$ ] && echo parent
[ "$(cat /dev/pid)" -ne $$ ] && echo child
## bash_diff: Plan 9 #c
## STDOUT:
parent
child
## END

#### /dev/pid is 11 digits right-justified and a blank, as Plan 9 prints numbers
read -r -N 12 v < /dev/pid
echo "${#v}"
case "$v" in *' ') echo blank ;; esac
## bash_diff: Plan 9 #c
## STDOUT:
12
blank
## END

#### /dev/user is the user's name, without a newline
cat /dev/user; echo "|"
## bash_diff: Plan 9 #c
## stdout: user|

#### /dev/sysname is the name uname -n prints
[ "$(cat /dev/sysname)" = "$(uname -n)" ] && echo same
## bash_diff: Plan 9 #c
## stdout: same

#### /dev/time has seconds, nanoseconds, ticks and ticks per second
read -r s ns ticks hz < /dev/time
[ "${ns:0:${#s}}" = "$s" ] && echo "ns starts with s"
echo "$hz"
## bash_diff: Plan 9 #c
## STDOUT:
ns starts with s
1000
## END

#### /dev/cputime has six numbers: the reader's times and its children's
read -r a b c d e f g < /dev/cputime
echo "${f:+six}${g:-}"
## bash_diff: Plan 9 #c
## stdout: six

#### /dev/consctl is write-only, as Plan 9's
cat /dev/consctl; echo "status $?"
## bash_diff: Plan 9 #c
## stdout: status 1
## stderr: cat: /dev/consctl: Operation not permitted

#### # with an unknown device letter is not found
ls '#Q'; echo "status $?"
ls '#Q/x'; echo "status $?"
## bash_diff: Plan 9 device names
## STDOUT:
status 2
status 2
## END
## STDERR:
ls: cannot access '#Q': No such file or directory
ls: cannot access '#Q/x': No such file or directory
## END

#### a bare # names no device
ls '#'; echo "status $?"
## bash_diff: Plan 9 device names
## stdout: status 2
## stderr: ls: cannot access '#': No such file or directory

#### #p names the process device even where /proc is covered
mkdir -p /tmp/empty
bind /tmp/empty /proc
ls /proc | wc -l
ls '#p' | grep -c '^self$'
## bash_diff: #x names do not cross mounts (Plan 9)
## STDOUT:
0
1
## END

#### #p is not changed by a bind onto it
mkdir -p /tmp/e2
bind /tmp/e2 '#p'
ls '#p' | grep -c '^self$'
## bash_diff: #x names do not cross mounts (Plan 9)
## stdout: 1

#### #s is the registry /srv shows
memfs box
ls '#s'
ls /srv
## bash_diff: Plan 9 #s
## STDOUT:
box
box
## END

#### #d holds the fd directory that /fd shows
ls '#d/fd' | head -3
ls /fd | head -3
## bash_diff: Plan 9 #d
## STDOUT:
0
1
2
0
1
2
## END

#### /proc/N/fd shows a pipe as device |, and the host's files as h
true | grep -c '^  0 r  | ' /proc/self/fd
grep -c '^  1 w  h ' /proc/self/fd
## bash_diff: Plan 9 device letters
## STDOUT:
1
1
## END

#### /proc/N/fd starts with the working directory
cd /tmp
head -1 /proc/self/fd
## bash_diff: Plan 9 /proc fd listing
## stdout: /tmp
