#### ns quotes names rc-style and newns replays them
mkdir -p "/tmp/it's" '/tmp/a b'
bind "/tmp/it's" '/tmp/a b'
ns | grep "it''s"
ns > /tmp/ns.txt
newns -n /tmp/ns.txt ns | grep "it''s"
## bash_diff: Plan 9 namespaces
## STDOUT:
bind  '/tmp/it''s' '/tmp/a b'
bind  '/tmp/it''s' '/tmp/a b'
## END

#### names with #, $, = and unicode replay too
mkdir -p '/tmp/#x' '/tmp/$y' '/tmp/a=b' '/tmp/日本'
bind '/tmp/#x' '/tmp/$y'
bind -a '/tmp/a=b' '/tmp/日本'
ns > /tmp/ns.txt
newns -n /tmp/ns.txt ns > /tmp/again.txt
cmp /tmp/ns.txt /tmp/again.txt && echo same
grep -c "'/tmp/#x' '/tmp/\$y'" /tmp/ns.txt
## bash_diff: Plan 9 namespaces
## STDOUT:
same
1
## END

#### /proc/$$/ns is the listing ns prints
mkdir -p /tmp/pn
bind -b /tmp/pn /bin
cmp <(ns) /proc/$$/ns && echo same
## bash_diff: Plan 9 namespaces
## stdout: same

#### bind names the operand that does not exist
bind /nonexist /tmp; echo "status $?"
bind /tmp /nonexist; echo "status $?"
## bash_diff: Plan 9 namespace commands
## STDOUT:
status 1
status 1
## END
## STDERR:
bind: /nonexist: No such file or directory
bind: /nonexist: No such file or directory
## END

#### mount names the mount point when the server is there
memfs srvd
mount /srv/srvd /nonexist; echo "status $?"
## bash_diff: Plan 9 namespace commands
## stdout: status 1
## stderr: mount: /nonexist: No such file or directory

#### a union cannot take in its own directory; the namespace is unchanged
mkdir -p /tmp/u /tmp/v
ns > /tmp/before
bind -a /tmp/u /tmp/u; echo "status $?"
cmp /tmp/before <(ns) && echo unchanged
bind -b /tmp/v /tmp/u
bind -a /tmp/u /tmp/u; echo "status $?"
## bash_diff: Plan 9 namespace commands
## STDOUT:
status 1
unchanged
status 1
## END
## STDERR:
bind: /tmp/u: union with itself
bind: /tmp/u: union with itself
## END

#### creating in a union without a create member is refused with Plan 9's reason in bind's view
mkdir -p /tmp/ro /tmp/top
bind -a /tmp/ro /tmp/top
touch /tmp/top/new; echo "status $?"
## bash_diff: Plan 9 mounts without -c
## stdout: status 1
## stderr: touch: cannot touch '/tmp/top/new': Permission denied

#### bind -c makes the union take new files in that member
mkdir -p /tmp/cm /tmp/ct
bind -ac /tmp/cm /tmp/ct
touch /tmp/ct/made
ls /tmp/cm
## bash_diff: Plan 9 mounts with -c
## stdout: made

#### renaming a mount point is refused and the binding stays
mkdir -p /tmp/mp /tmp/src
touch /tmp/src/inside
bind /tmp/src /tmp/mp
mv /tmp/mp /tmp/mp2; echo "status $?"
ls /tmp/mp
## bash_diff: Plan 9 mount points
## STDOUT:
status 1
inside
## END
## stderr: mv: cannot move '/tmp/mp' to '/tmp/mp2': Device or resource busy

#### a bound directory renamed at its source stays bound
mkdir -p /tmp/d1 /tmp/y
bind /tmp/y /tmp/d1
mv /tmp/y /tmp/y2
touch /tmp/y2/f
ls /tmp/d1
ns | grep -c '/tmp/y2 /tmp/d1'
## bash_diff: Plan 9 binds follow the file
## STDOUT:
f
1
## END

#### rfork takes rc's letters and refuses others
rfork zq; echo "status $?"
rfork n; echo "status $?"
## bash_diff: rc's rfork
## STDOUT:
status 1
status 0
## END
## STDERR:
rfork: bad rfork flag 'z'
usage: rfork [nNeEsfFm]
## END

#### rfork n keeps binds made afterwards to the shell
mkdir -p /tmp/priv
sh -c 'rfork n; bind /tmp/priv /n; ns | grep -c /tmp/priv'
ns | grep -c /tmp/priv || true
## bash_diff: Plan 9 namespaces
## STDOUT:
1
0
## END

#### rfork m refuses mounts but not binds
memfs mm
( rfork m; mount /srv/mm /n; echo "mount $?"; bind /tmp /n; echo "bind $?" )
## bash_diff: Plan 9 RFNOMNT
## STDOUT:
mount 1
bind 0
## END
## stderr: mount: /n: mount/attach disallowed

#### after rfork m only #| #d #e #c #p are attachable
( rfork m; ls '#t' > /dev/null; echo "t $?"; ls '#c' > /dev/null; echo "c $?"; ls '#p' > /dev/null; echo "p $?" )
## bash_diff: Plan 9 RFNOMNT
## STDOUT:
t 2
c 0
p 0
## END
## stderr: ls: cannot access '#t': Operation not permitted

#### unmount of something not mounted fails naming it
mkdir -p /tmp/plain
unmount /tmp/plain; echo "status $?"
## bash_diff: Plan 9 namespace commands
## stdout: status 1
## stderr: unmount: /tmp/plain: not mounted
