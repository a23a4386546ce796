# stat: file status (fields that do not depend on the host's file system)

#### stat-name-size-type
printf hello > f; : > e; stat -c '%n %s %F' f e
## STDOUT:
f 5 regular file
e 0 regular empty file
## END

#### stat-directory-type
mkdir d; stat -c '%n %F' d
## stdout: d directory

#### stat-device-type
stat -c '%F %A' /dev/null
## stdout: character special file crw-rw-rw-

#### stat-mode-forms
touch f; chmod 640 f; stat -c '%a %#a %04a %A %f' f
## stdout: 640 0640 0640 -rw-r----- 81a0

#### stat-mode-special-bits
touch f; chmod 4755 f; mkdir d; chmod 1777 d; stat -c '%a %A' f d
## STDOUT:
4755 -rwsr-xr-x
1777 drwxrwxrwt
## END

#### stat-raw-mode-directory
mkdir d; chmod 755 d; stat -c %f d
## stdout: 41ed

#### stat-times
touch -d '2026-01-01 00:00:00' f; stat -c '%Y %y' f
## stdout: 1767225600 2026-01-01 00:00:00.000000000 +0000

#### stat-time-precision
touch -d '2026-01-01 12:00:00.5' f; stat -c '%.3Y|%.Y|%.0Y|%10.2Y|%-15.2Y|%015.2Y' f
## stdout: 1767268800.500|1767268800.500000000|1767268800|1767268800.50|1767268800.50  |001767268800.50

#### stat-access-time-follows-touch
touch -d '2026-01-01 00:00:00' f; stat -c '%X %x' f
## stdout: 1767225600 2026-01-01 00:00:00.000000000 +0000

#### stat-owner-ids
touch f; chown 4242:4343 f; stat -c '%u %g' f
## stdout: 4242 4343

#### stat-unknown-owner-names
touch f; chown 4242:4343 f; stat -c '%U %G' f
## stdout: UNKNOWN UNKNOWN

#### stat-quoted-name
touch 'a b' c; stat -c '%N' 'a b' c
## STDOUT:
'a b'
'c'
## END

#### stat-widths
printf hello > f; stat -c '[%10n|%-10n|%.1n|%010s|%+5s|%-5s]' f
## stdout: [         f|f         |f|0000000005|   +5|5    ]

#### stat-printf-escapes
printf hello > f; stat --printf='%n\t%s\n\101\x42\"\\\n' f
## STDOUT:
f	5
AB"\
## END

#### stat-printf-unknown-escape
touch f; stat --printf='%n\q\n' f
## stdout: fq
## stderr: stat: warning: unrecognized escape '\q'

#### stat-printf-no-newline
touch f; stat --printf=%n f f; echo
## stdout: ff

#### stat-format-no-escapes
touch f; stat -c '%n\t' f
## stdout: f\t

#### stat-percent-literal
touch f; stat -c '100%% %n x%' f
## stdout: 100% f x%

#### stat-invalid-directive
touch f; stat -c '%5' f
## stderr: stat: '%5': invalid directive
## status: 1

#### stat-unknown-directive
touch f; stat -c '%k|%H|' f
## stdout: ?|?|

#### stat-missing-file
stat nope
## stderr: stat: cannot statx 'nope': No such file or directory
## status: 1

#### stat-missing-among-several
touch f; stat -c %n f nope f; echo $?
## STDOUT:
f
f
1
## END
## stderr: stat: cannot statx 'nope': No such file or directory

#### stat-missing-operand
stat
## STDERR:
stat: missing operand
Try 'stat --help' for more information.
## END
## status: 1

#### stat-format-needs-argument
stat -c
## STDERR:
stat: option requires an argument -- 'c'
Try 'stat --help' for more information.
## END
## status: 1

#### stat-trailing-slash-on-file
touch f; stat -c %n f/
## stderr: stat: cannot statx 'f/': Not a directory
## status: 1

#### stat-mount-point
touch f; stat -c %m f
## stdout: /

#### stat-links-file
touch f; stat -c %h f
## stdout: 1

#### stat-links-directory
mkdir -p d/a d/b; touch d/f; stat -c %h d
## stdout: 4

#### stat-blocks-file
printf hello > f; stat -c '%b %B %o' f
## stdout: 8 512 4096

#### stat-empty-blocks
: > f; stat -c %b f
## stdout: 0

#### stat-stdin
stat -c '%n %F' - < /dev/null
## bash_diff: the host's stdin here is /dev/null; ninebox's is its console
## stdout: - character special file

#### stat-terse
touch -d '2026-01-01 00:00:00' f; chown 4242:4343 f; stat -t f | { read n s b f u g dev ino rest; echo "$n $s $b $f $u $g $dev"; }
## bash_diff: inode and device numbers and change times are the host's
## stdout: f 0 0 81a4 4242 4343 0

#### stat-default
printf hello > f; chown 4242:4343 f; touch -d '2026-01-01 00:00:00' f; stat f | { IFS= read -r l; echo "$l"; IFS= read -r l; echo "$l"; read; IFS= read -r l; echo "$l"; IFS= read -r l; echo "$l"; IFS= read -r l; echo "$l"; read; IFS= read -r l; echo "$l"; }
## bash_diff: device, inode, change and birth times are the host's
## STDOUT:
  File: f
  Size: 5         	Blocks: 8          IO Block: 4096   regular file
Access: (0644/-rw-r--r--)  Uid: ( 4242/ UNKNOWN)   Gid: ( 4343/ UNKNOWN)
Access: 2026-01-01 00:00:00.000000000 +0000
Modify: 2026-01-01 00:00:00.000000000 +0000
 Birth: -
## END

#### stat-default-device
stat /dev/null | { IFS= read -r l; echo "$l"; IFS= read -r l; echo "$l"; IFS= read -r l; echo "$l"; }
## bash_diff: device numbers differ from the host's
## STDOUT:
  File: /dev/null
  Size: 0         	Blocks: 0          IO Block: 4096   character special file
Device: 0,1	Inode: 1           Links: 1     Device type: 0,0
## END

#### stat-device-numbers-per-mount
touch f /tmp/t; stat -c '%d %m' f /tmp/t /dev/null /usr/bin/cat /bin/cat
## bash_diff: devices are numbered in the order the namespace mounted them
## STDOUT:
0 /
9 /tmp
1 /dev
0 /usr/bin
0 /
## END

#### stat-directory-size
mkdir d; stat -c '%s %b' d
## bash_diff: MemoryFS directories have no size (ext4's are 4096)
## stdout: 0 0

#### stat-birth-unknown
touch f; stat -c '%w %W' f
## bash_diff: the host's file system records birth times
## stdout: - 0

#### stat-dereference-no-op
touch f; stat -L -c %n f
## stdout: f

#### stat-bad-option
stat -k f
## STDERR:
stat: invalid option -- 'k'
Try 'stat --help' for more information.
## END
## status: 1

#### stat-dot-after-file
touch f; stat -c '%n' ./f f/. f/..
## stdout: ./f
## STDERR:
stat: cannot statx 'f/.': Not a directory
stat: cannot statx 'f/..': Not a directory
## END
## status: 1

#### stat-errors-keep-order
touch f; stat -c %n f nope f 2>&1
## STDOUT:
f
stat: cannot statx 'nope': No such file or directory
f
## END
## status: 1

#### stat shows times in TZ
touch -d '2020-07-01 12:00:00.5 UTC' f
TZ=America/New_York stat -c '%y|%Y' f
TZ=Asia/Kolkata stat -c '%y' f
TZ=UTC stat -c '%y' f
## STDOUT:
2020-07-01 08:00:00.500000000 -0400|1593604800
2020-07-01 17:30:00.500000000 +0530
2020-07-01 12:00:00.500000000 +0000
## END
