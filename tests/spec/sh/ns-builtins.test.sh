# bind, mount, unmount and rfork change the shell's own namespace (Plan 9
# semantics); bash has none of them, hence bash_diff on every case.

#### bind makes a directory show another
echo hello > /tmp/bt
bind /tmp /mnt
cat /mnt/bt
## bash_diff: Plan 9 bind
## stdout: hello

#### a bind without -c forbids new names at its top
bind /tmp /mnt
echo x > /mnt/new
echo "status $?"
## bash_diff: Plan 9 bind
## stdout: status 1
## stderr: sh: line 2: /mnt/new: Permission denied

#### bind -c sends new names to the member
bind -c /tmp /mnt
echo created > /mnt/made
cat /tmp/made
## bash_diff: Plan 9 bind
## stdout: created

#### a union lists its members in order
echo a > /tmp/ua
bind -a /tmp /mnt
for f in /mnt/*; do echo "$f"; done
## bash_diff: Plan 9 union directories
## stdout: /mnt/ua

#### bind -b puts the new member first
echo first > /tmp/same
bind /tmp /mnt
bind -b /dev /mnt
echo /mnt/n*
## bash_diff: Plan 9 union directories
## stdout: /mnt/null

#### unmount restores the directory underneath
echo hi > /tmp/u1
bind /tmp /mnt
unmount /mnt
echo /mnt/*
## bash_diff: Plan 9 unmount
## stdout: /mnt/*

#### unmount of nothing is an error
unmount /mnt
echo "status $?"
## bash_diff: Plan 9 unmount
## stdout: status 1
## stderr: unmount: /mnt: not mounted

#### unmount -q is quiet
unmount -q /mnt
echo "status $?"
## bash_diff: Plan 9 unmount
## stdout: status 1

#### a file does not bind onto a directory
echo f > /tmp/file
bind /tmp/file /mnt
echo "status $?"
## bash_diff: Plan 9 bind
## stdout: status 1
## stderr: bind: /mnt: inconsistent mount

#### files bind onto files
echo one > /tmp/a1
echo two > /tmp/a2
bind /tmp/a1 /tmp/a2
cat /tmp/a2
## bash_diff: Plan 9 bind
## stdout: one

#### bind usage errors
bind /tmp
echo "status $?"
bind -ab /tmp /mnt
echo "status $?"
## bash_diff: Plan 9 bind
## STDOUT:
status 1
status 1
## END
## STDERR:
usage: bind [-abcCq] new old
usage: bind [-abcCq] new old
## END

#### a subshell's binds stay in the subshell
echo inner > /tmp/s1
(bind /tmp /mnt; cat /mnt/s1)
echo /mnt/*
## bash_diff: namespaces are copied at fork
## STDOUT:
inner
/mnt/*
## END

#### rfork n keeps later binds private
echo r > /tmp/r1
sh -c 'rfork n; bind /tmp /mnt; cat /mnt/r1'
cat /mnt/r1 2>/dev/null || echo not-here
## bash_diff: Plan 9 rfork
## STDOUT:
r
not-here
## END

#### rfork with a bad letter
rfork z
echo "status $?"
## bash_diff: Plan 9 rfork
## stdout: status 1
## STDERR:
rfork: bad rfork flag 'z'
usage: rfork [nNeEsfFm]
## END

#### mount needs a posted server
mount /tmp /mnt
echo "status $?"
## bash_diff: Plan 9 mount
## stdout: status 1
## stderr: mount: /tmp: not a posted server

#### mount with no arguments prints the namespace
mount | while read -r cmd rest; do echo "$cmd"; done | { read -r first; echo "$first"; }
## bash_diff: Plan 9 namespace listing
## stdout: bind

#### the boot namespace
mount
## bash_diff: Plan 9 namespace listing
## STDOUT:
bind  '#z' /dev
bind -a '#d' /dev
bind -a '#c' /dev
bind  '#d/fd' /fd
bind  '#p' /proc
bind -c '#s' /srv
bind -c '#e' /env
bind  '#n' /n
bind -c '#t' /tmp
bind  /bin /usr/bin
cd /home/user
## END
