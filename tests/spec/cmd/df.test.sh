# df: the mounts of the namespace and the space their files use (all
# bash_diff: ninebox's mounts are Plan 9 binds of its own file servers)

#### df-default
df | { IFS= read -r h; echo "$h"; while read fs size used avail pct on; do echo "$fs $size $avail $pct $on"; done; }
## bash_diff: ninebox's namespace
## STDOUT:
Filesystem     1K-blocks  Used Available Use% Mounted on
#/ - - - /
#z - - - /dev
#d/fd - - - /fd
#p - - - /proc
#s - - - /srv
#e - - - /env
#n - - - /n
#t - - - /tmp
## END

#### df-used-grows
df /tmp; printf '%5000s' x > /tmp/big; df /tmp; rm /tmp/big; df /tmp
## bash_diff: ninebox's /tmp is a MemoryFS of its own
## STDOUT:
Filesystem     1K-blocks  Used Available Use% Mounted on
#t                     -     0         -    - /tmp
Filesystem     1K-blocks  Used Available Use% Mounted on
#t                     -     8         -    - /tmp
Filesystem     1K-blocks  Used Available Use% Mounted on
#t                     -     0         -    - /tmp
## END

#### df-type
df -T /tmp /dev/null
## bash_diff: ninebox's file servers
## STDOUT:
Filesystem     Type  1K-blocks  Used Available Use% Mounted on
#t             memfs         -     0         -    - /tmp
#z             devfs         -     0         -    - /dev
## END

#### df-human
printf '%2000s' x > /tmp/a; printf '%2000s' x > /tmp/b; df -h /tmp
## bash_diff: ninebox's namespace
## STDOUT:
Filesystem      Size  Used Avail Use% Mounted on
#t                 -  8.0K     -    - /tmp
## END

#### df-file-operand
touch f; df f | { read h; read fs size used avail pct on; echo "$fs $on"; }
## bash_diff: ninebox's namespace
## stdout: #/ /

#### df-all-includes-binds
df -a | { read h; while read fs size used avail pct on; do echo "$fs $on"; done; }
## bash_diff: ninebox's namespace binds /bin on /usr/bin
## STDOUT:
#/ /
#z /dev
#d/fd /fd
#p /proc
#s /srv
#e /env
#n /n
#t /tmp
/bin /usr/bin
## END

#### df-bind-of-directory
mkdir d; bind /tmp d; df -aT d
## bash_diff: Plan 9 bind
## STDOUT:
Filesystem     Type  1K-blocks  Used Available Use% Mounted on
/tmp           memfs         -     0         -    - /home/user/d
## END

#### df-type-filter
df -t devfs; df -x memfs -x devfs | { read h; echo "$h"; }
## bash_diff: ninebox's file servers
## STDOUT:
Filesystem     1K-blocks  Used Available Use% Mounted on
#z                     -     0         -    - /dev
Filesystem     1K-blocks  Used Available Use% Mounted on
## END

#### df-total
printf '%5000s' x > /tmp/big; df --total /tmp /dev
## bash_diff: ninebox's namespace
## STDOUT:
Filesystem     1K-blocks  Used Available Use% Mounted on
#t                     -     8         -    - /tmp
#z                     -     0         -    - /dev
total                  -     8         -    - -
## END

#### df-missing
touch f; df nope f; echo $?
## bash_diff: ninebox's namespace
## STDOUT:
Filesystem     1K-blocks  Used Available Use% Mounted on
#/                     -    16         -    - /
1
## END
## stderr: df: nope: No such file or directory

#### df-mounted-server-used
mkdir m; bind -c '#t' m; printf '%9000s' x > m/f; df m /tmp
## bash_diff: binds a MemoryFS elsewhere
## STDOUT:
Filesystem     1K-blocks  Used Available Use% Mounted on
#t                     -    12         -    - /home/user/m
#t                     -    12         -    - /tmp
## END

#### df-bad-option
df -q
## bash_diff: ninebox's df
## STDERR:
df: invalid option -- 'q'
Try 'df --help' for more information.
## END
## status: 1
