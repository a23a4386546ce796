#### an open file is posted by writing its fd number to a new /srv entry
echo hello > /tmp/f
exec 3</tmp/f
echo 3 > /srv/greeting
cat /srv/greeting
## bash_diff: Plan 9 /srv
## stdout: hello

#### opening a posted entry answers the same open file: the offset is shared
printf 'one\ntwo\n' > /tmp/f
exec 3</tmp/f
echo 3 > /srv/shared
read -r a <&3
read -r b < /srv/shared
echo "$a $b"
## bash_diff: Plan 9 /srv
## stdout: one two

#### a posted file is reached by a process that did not open it
echo through > /tmp/msg
exec 4</tmp/msg
echo 4 > /srv/pipe
sh -c 'cat /srv/pipe'
## bash_diff: Plan 9 /srv
## stdout: through

#### a second write to a posted entry is refused
exec 3</dev/null
exec 5>/srv/once
echo 3 >&5; echo "first $?"
echo 3 >&5; echo "second $?"
## bash_diff: Plan 9 /srv (inappropriate use of fd)
## STDOUT:
first 0
second 1
## END
## stderr: sh: echo: write error: Device or resource busy

#### creating an entry that exists fails
exec 3</dev/null
echo 3 > /srv/taken
echo 3 > /srv/taken; echo "status $?"
## bash_diff: Plan 9 /srv
## stdout: status 1
## stderr: sh: line 3: /srv/taken: File exists

#### a write of something that is not an fd number is refused
echo notanumber > /srv/bad; echo "status $?"
## bash_diff: Plan 9 /srv
## stdout: status 1
## stderr: sh: echo: write error: Invalid argument

#### a write of a closed fd is refused
echo 9 > /srv/closed; echo "status $?"
## bash_diff: Plan 9 /srv
## stdout: status 1
## stderr: sh: echo: write error: Bad file descriptor

#### opening an entry with nothing posted answers device shut down
exec 5>/srv/empty
cat /srv/empty; echo "status $?"
## bash_diff: Plan 9 /srv (device shut down)
## stdout: status 1
## stderr: cat: /srv/empty: Input/output error

#### rm releases a posted entry
exec 3</dev/null
echo 3 > /srv/gone
rm /srv/gone
test -e /srv/gone || echo released
## bash_diff: Plan 9 /srv
## stdout: released

#### a posted server is described by reading its entry and mounted by name
memfs store
cat /srv/store | sed 's/pid [0-9]*/pid N/'
mount -c /srv/store /n/store && echo x > /n/store/f && cat /n/store/f
## bash_diff: ninebox /srv
## STDOUT:
memfs, posted by pid N
x
## END

#### a posted server can be mounted twice and both mounts see one tree
memfs both
mount -c /srv/both /n/a
mkdir -p /tmp/b && mount /srv/both /tmp/b
echo shared > /n/a/file
cat /tmp/b/file
## bash_diff: ninebox /srv
## stdout: shared

#### mounting a name that is not posted fails naming it
mount /srv/nothing /n; echo "status $?"
## bash_diff: Plan 9 namespace commands
## stdout: status 1
## stderr: mount: /srv/nothing: No such file or directory
