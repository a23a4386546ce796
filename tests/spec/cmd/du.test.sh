# du: space usage (a file uses its size in whole 4 KiB pages, as on
# ext4 and tmpfs; directories use nothing here, so cases with directories
# are bash_diff)

#### du-file
printf hello > f; du f
## stdout: 4	f

#### du-file-bytes
printf hello > f; du -b f
## stdout: 5	f

#### du-file-apparent-size
printf hello > f; du --apparent-size f
## stdout: 1	f

#### du-file-human
printf hello > f; du -h f
## stdout: 4.0K	f

#### du-empty-file
: > e; du e; du -b e
## STDOUT:
0	e
0	e
## END

#### du-big-file
i=0; while [ $i -lt 500 ]; do printf 0123456789; i=$((i+1)); done > f; du f; du -b f; du -h f; du --apparent-size f
## STDOUT:
8	f
5000	f
8.0K	f
5	f
## END

#### du-si
i=0; while [ $i -lt 150 ]; do printf 0123456789; i=$((i+1)); done > f; du --si -b f; du -h -b f; du --si f
## STDOUT:
1500	f
1500	f
4.1k	f
## END

#### du-block-size
printf hello > f; du -B 1 f; du -B 2 -b f; du -k f; du -m f
## STDOUT:
4096	f
5	f
4	f
1	f
## END

#### du-block-size-order
printf hello > f; du -B 1K -b f; du -k -b f; du -bk f
## STDOUT:
5	f
5	f
1	f
## END

#### du-total
printf hello > a; printf 1234567890 > b; du -bc a b; du -c a b
## STDOUT:
5	a
10	b
15	total
4	a
4	b
8	total
## END

#### du-null
printf hello > f; du -0b f | cat -v; echo
## stdout: 5	f^@

#### du-missing
du nope
## stderr: du: cannot access 'nope': No such file or directory
## status: 1

#### du-missing-among-others
printf hello > f; du -b f nope f; echo $?
## STDOUT:
5	f
1
## END
## stderr: du: cannot access 'nope': No such file or directory

#### du-summarize-all
du -sa .
## STDERR:
du: cannot both summarize and show all entries
Try 'du --help' for more information.
## END
## status: 1

#### du-summarize-depth
du -s -d 1 .
## STDERR:
du: warning: summarizing conflicts with --max-depth=1
Try 'du --help' for more information.
## END
## status: 1

#### du-summarize-depth-zero
printf hello > f; du -s -d 0 f
## stdout: 4	f
## stderr: du: warning: summarizing is the same as using --max-depth=0

#### du-bad-depth
du -d x .
## STDERR:
du: invalid maximum depth 'x'
Try 'du --help' for more information.
## END
## status: 1

#### du-bad-block-size
du -B x .
## stderr: du: invalid -B argument 'x'
## status: 1

#### du-bad-option
du -k -y .
## STDERR:
du: invalid option -- 'y'
Try 'du --help' for more information.
## END
## status: 1

#### du-directory
mkdir -p d/s; printf hello > d/f; printf 1234567890 > d/s/g; du d; du -s d
## bash_diff: ext4 directories use a 4 KiB block, MemoryFS ones nothing
## STDOUT:
4	d/s
8	d
8	d
## END

#### du-directory-bytes
mkdir -p d/s; printf hello > d/f; printf 1234567890 > d/s/g; du -b d; du -ab d
## bash_diff: ext4 directories are 4096 bytes, MemoryFS ones 0
## STDOUT:
10	d/s
15	d
5	d/f
10	d/s/g
10	d/s
15	d
## END

#### du-max-depth
mkdir -p d/s/t; printf hello > d/s/t/f; du -b --max-depth=1 d; du -b -d 0 d
## bash_diff: directory sizes differ from ext4's
## STDOUT:
5	d/s
5	d
5	d
## END

#### du-separate-dirs
mkdir -p d/s; printf hello > d/f; printf 1234567890 > d/s/g; du -bS d
## bash_diff: directory sizes differ from ext4's
## STDOUT:
10	d/s
5	d
## END

#### du-same-directory-once
mkdir d; printf hello > d/f; du -b d d; du -bc d d
## bash_diff: directory sizes differ from ext4's
## STDOUT:
5	d
5	d
5	total
## END

#### du-human-directory
mkdir d; printf hello > d/f; printf hello > d/g; du -sh d
## bash_diff: directory sizes differ from ext4's
## stdout: 8.0K	d

#### du-trailing-slash
mkdir d; printf hello > d/f; du -ab d/
## bash_diff: directory sizes differ from ext4's
## STDOUT:
5	d/f
5	d/
## END

#### du-one-file-system
mkdir -p d/m; printf hello > d/f; printf 1234567890 > /tmp/t; bind '#t' d/m; du -ab d; du -abx d
## bash_diff: binds a MemoryFS into the tree (Plan 9 namespace)
## STDOUT:
5	d/f
10	d/m/t
10	d/m
15	d
5	d/f
5	d
## END

#### du-default-operand
printf hello > f; du -b
## bash_diff: directory sizes differ from ext4's
## stdout: 5	.

#### du-bind-counted-once
mkdir d e; printf hello > d/f; bind d e; du -bc d e
## bash_diff: a Plan 9 bind shows the same directory at two names
## STDOUT:
5	d
5	total
## END

#### du-trailing-slash-file
touch f; du -a f/
## stderr: du: cannot access 'f/': Not a directory
## status: 1
