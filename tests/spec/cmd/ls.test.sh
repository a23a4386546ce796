# ls: listing files, checked against GNU coreutils 9.1 (LC_ALL=C, TZ=UTC).
# Owners are set to 0:0 where -l shows them (the host runs as root);
# directories in -l listings and block counts differ between ext4 and
# MemoryFS, so those cases are bash_diff or avoid them.

#### one name per line, sorted in byte order
touch b a C _x 10 9
ls
## STDOUT:
10
9
C
_x
a
b
## END

#### dotfiles hidden unless -a or -A
touch .hidden shown
ls
echo --
ls -A
echo --
ls -a
## STDOUT:
shown
--
.hidden
shown
--
.
..
.hidden
shown
## END

#### several operands: files first, then each directory with a header
mkdir d1 d2
touch f d1/x d2/y
ls d2 f d1
## STDOUT:
f

d1:
x

d2:
y
## END

#### a single directory operand has no header
mkdir d
touch d/a d/b
ls d
## STDOUT:
a
b
## END

#### missing operand is reported, the rest listed, status 2
touch a
ls a nope
## stdout: a
## stderr: ls: cannot access 'nope': No such file or directory
## status: 2

#### missing operand still gets directory headers
mkdir d
touch d/x
ls nope d
## STDOUT:
d:
x
## END
## status: 2

#### -d lists directories themselves
mkdir d e
touch f
ls -d e f d
## STDOUT:
d
e
f
## END

#### -R recurses with headers
mkdir -p top/sub/deep
touch top/a top/sub/b top/sub/deep/c
ls -R top
## STDOUT:
top:
a
sub

top/sub:
b
deep

top/sub/deep:
c
## END

#### -R without operands starts at .
mkdir sub
touch a sub/b
ls -R
## STDOUT:
.:
a
sub

./sub:
b
## END

#### -r reverses, -1 forces one per line
touch a b c
ls -r -1
## STDOUT:
c
b
a
## END

#### -t sorts by modification time, newest first
touch -d '2020-01-01 00:00:00' old
touch -d '2021-01-01 00:00:00' new
touch -d '2020-06-01 00:00:00' mid
ls -t
echo --
ls -tr
## STDOUT:
new
mid
old
--
old
mid
new
## END

#### -S sorts by size, ties by name
printf 123 > b
printf 123 > a
printf 12345 > big
: > empty
ls -S
echo --
ls -Sr
## STDOUT:
big
a
b
empty
--
empty
b
a
big
## END

#### -X sorts by extension
touch a.c b.a c.b noext z.a
ls -X
## STDOUT:
noext
b.a
z.a
c.b
a.c
## END

#### -v sorts version numbers naturally
touch f10 f9 f1 f1.2 f1.10
ls -v
## STDOUT:
f1
f1.2
f1.10
f9
f10
## END

#### -F and -p mark kinds
mkdir dir
touch plain run
chmod +x run
ls -F
echo --
ls -p
echo --
ls --file-type
## STDOUT:
dir/
plain
run*
--
dir/
plain
run
--
dir/
plain
run
## END

#### -m separates with commas
touch alpha beta gamma
ls -m
## stdout: alpha, beta, gamma

#### -C fills columns with tabs at tab stops
touch a bb ccc dddd eeeee ffffff ggggggg hhhhhhhh
ls -C -w 30
## STDOUT:
a   ccc   eeeee   ggggggg
bb  dddd  ffffff  hhhhhhhh
## END

#### -x fills rows
touch a bb ccc dddd eeeee ffffff ggggggg hhhhhhhh
ls -x -w 30
## STDOUT:
a	 bb	   ccc
dddd	 eeeee	   ffffff
ggggggg  hhhhhhhh
## END

#### -C with an unlimited width puts everything on one line
touch a b c
ls -C -w 0
## stdout: a  b  c

#### -l long format of files
printf 12345 > five
: > zero
touch -d '2020-03-04 05:06:07' five zero
chmod 640 zero
chown 0:0 five zero
ls -l five zero
## STDOUT:
-rw-r--r-- 1 root root 5 Mar  4  2020 five
-rw-r----- 1 root root 0 Mar  4  2020 zero
## END

#### -n shows numeric ids, -g and -o drop columns
: > f
touch -d '2019-12-31 23:59:59' f
chown 0:0 f
ls -n f
ls -g f
ls -o f
ls -go f
## STDOUT:
-rw-r--r-- 1 0 0 0 Dec 31  2019 f
-rw-r--r-- 1 root 0 Dec 31  2019 f
-rw-r--r-- 1 root 0 Dec 31  2019 f
-rw-r--r-- 1 0 Dec 31  2019 f
## END

#### -l on a directory of empty files has total 0
mkdir d
touch d/a d/b
touch -d '2020-01-01 00:00:00' d/a d/b
chown 0:0 d/a d/b
ls -l d
## STDOUT:
total 0
-rw-r--r-- 1 root root 0 Jan  1  2020 a
-rw-r--r-- 1 root root 0 Jan  1  2020 b
## END

#### special mode bits in the mode string
touch s g t
chown 0:0 s g t
chmod 4755 s
chmod 2644 g
chmod 1744 t
touch -d '2020-01-01 00:00:00' s g t
ls -l s g t
## STDOUT:
-rw-r-Sr-- 1 root root 0 Jan  1  2020 g
-rwsr-xr-x 1 root root 0 Jan  1  2020 s
-rwxr--r-T 1 root root 0 Jan  1  2020 t
## END

#### -h human readable sizes
printf '%02000d' 0 > k2
printf '%01500000d' 0 > m1
touch -d '2020-01-01 00:00:00' k2 m1
chown 0:0 k2 m1
ls -lh k2 m1
ls -l --si k2 m1
## STDOUT:
-rw-r--r-- 1 root root 2.0K Jan  1  2020 k2
-rw-r--r-- 1 root root 1.5M Jan  1  2020 m1
-rw-r--r-- 1 root root 2.0k Jan  1  2020 k2
-rw-r--r-- 1 root root 1.5M Jan  1  2020 m1
## END

#### --full-time and time styles
: > f
touch -d '2020-03-04 05:06:07' f
chown 0:0 f
ls -l --full-time f
ls -l --time-style=long-iso f
ls -l --time-style=iso f
ls -l --time-style=+%Y/%m/%d f
TIME_STYLE=long-iso ls -l f
## STDOUT:
-rw-r--r-- 1 root root 0 2020-03-04 05:06:07.000000000 +0000 f
-rw-r--r-- 1 root root 0 2020-03-04 05:06 f
-rw-r--r-- 1 root root 0 2020-03-04  f
-rw-r--r-- 1 root root 0 2020/03/04 f
-rw-r--r-- 1 root root 0 2020-03-04 05:06 f
## END

#### -l sorted by time with -t
: > a
: > b
touch -d '2020-01-01 00:00:00' a
touch -d '2020-02-01 00:00:00' b
chown 0:0 a b
ls -lt a b
## STDOUT:
-rw-r--r-- 1 root root 0 Feb  1  2020 b
-rw-r--r-- 1 root root 0 Jan  1  2020 a
## END

#### -Q and -b quote names
touch 'a b' plain "$(printf 'n\nl')"
ls -Q
echo --
ls -b
## STDOUT:
"a b"
"n\nl"
"plain"
--
a\ b
n\nl
plain
## END

#### --quoting-style shell-escape aligns unquoted names
touch 'a b' plain "it's"
ls --quoting-style=shell-escape
echo --
ls --quoting-style=shell-always
echo --
ls --quoting-style=c
## STDOUT:
'a b'
"it's"
plain
--
'a b'
"it's"
'plain'
--
"a b"
"it's"
"plain"
## END

#### --group-directories-first
mkdir b d
touch a c
ls --group-directories-first
echo --
ls --group-directories-first -r
## STDOUT:
b
d
a
c
--
d
b
c
a
## END

#### -I and --hide filter names
touch a.txt b.txt c.log .hidden.txt
ls -I '*.txt'
echo --
ls --hide='*.log'
echo --
ls -a --hide='*.txt' -I '*.log'
## STDOUT:
c.log
--
a.txt
b.txt
--
.
..
.hidden.txt
a.txt
b.txt
## END

#### -B hides backups
touch a a~ .b~
ls -B
echo --
ls -aB
## STDOUT:
a
--
.
..
a
## END

#### --color=always with a known terminal
mkdir dir
touch plain run
chmod +x run
TERM=xterm ls --color=always
## stdout-json: "\u001b[0m\u001b[01;34mdir\u001b[0m\nplain\n\u001b[01;32mrun\u001b[0m\n"

#### --color without a known terminal stays plain
mkdir dir
touch plain
TERM=dumb ls --color=always
## STDOUT:
dir
plain
## END

#### --color=never and LS_COLORS
mkdir dir
touch a.gz
TERM=xterm ls --color=never
TERM=xterm LS_COLORS='di=31:*.gz=35' ls --color=always
## stdout-json: "a.gz\ndir\n\u001b[0m\u001b[35ma.gz\u001b[0m\n\u001b[31mdir\u001b[0m\n"

#### --zero ends names with NUL
touch a b
ls --zero | while IFS= read -r -d '' x; do echo "[$x]"; done
## STDOUT:
[a]
[b]
## END

#### -i adds the inode number before the name
touch a
ls -i a > out
read n name < out
[ "$name" = a ] && [ "$n" -gt 0 ] && echo ok
## stdout: ok

#### -s adds blocks and a total
printf 12345 > a
printf '%02000d' 0 > b
ls -s a b
echo --
ls -s
## STDOUT:
4 a
4 b
--
total 8
4 a
4 b
## END

#### -l of a directory shows 2 + subdirectories links and size 0
mkdir -p d/s1 d/s2
touch -d '2020-01-01 00:00:00' d
ls -ld d
## stdout: drwxr-xr-x 4 user user 0 Jan  1  2020 d
## bash_diff: owner is user and a directory's size is 0 on MemoryFS (4096 on ext4)

#### -la shows . and .. and the total
mkdir -p p/d
printf 12345 > p/d/f
touch -d '2020-01-01 00:00:00' p p/d p/d/f
ls -la p/d
## STDOUT:
total 4
drwxr-xr-x 2 user user 0 Jan  1  2020 .
drwxr-xr-x 3 user user 0 Jan  1  2020 ..
-rw-r--r-- 1 user user 5 Jan  1  2020 f
## END
## bash_diff: owner, directory sizes and block counts differ from ext4

#### -lc shows the change time
: > f
chown 0:0 f
touch -d '2020-01-01 00:00:00' f
ls -l f --time-style=+%Y
ls -lc f --time-style=+%Y
## STDOUT:
-rw-r--r-- 1 root root 0 2020 f
-rw-r--r-- 1 root root 0 2026 f
## END

#### bad option and bad arguments
ls -z
## stdout-json: ""
## STDERR:
ls: invalid option -- 'z'
Try 'ls --help' for more information.
## END
## status: 2

#### bad --sort word lists the valid ones
ls --sort=bogus
## stdout-json: ""
## STDERR:
ls: invalid argument 'bogus' for '--sort'
Valid arguments are:
  - 'none'
  - 'time'
  - 'size'
  - 'extension'
  - 'version'
  - 'width'
Try 'ls --help' for more information.
## END
## status: 1

#### invalid width
ls -w x
## stdout-json: ""
## stderr: ls: invalid line width: 'x'
## status: 2

#### no access time here: --time=atime is rejected
ls --time=atime
## stdout-json: ""
## STDERR:
ls: invalid argument 'atime' for '--time'
Valid arguments are:
  - 'ctime', 'status'
Try 'ls --help' for more information.
## END
## status: 1
## bash_diff: there are no access times, so --time takes only ctime/status

#### a file named with a trailing slash is not a directory
touch f
ls f/
## stdout-json: ""
## stderr: ls: cannot access 'f/': Not a directory
## status: 2

#### -- ends options
touch -- -x y
ls -- -x y
## STDOUT:
-x
y
## END

#### -1 does not undo -l, but -x does
printf 12345 > a
: > b
touch -d '2020-01-01 00:00:00' a b
chown 0:0 a b
ls -l1 a b
ls -1l a b
ls -l -x a b
## STDOUT:
-rw-r--r-- 1 root root 5 Jan  1  2020 a
-rw-r--r-- 1 root root 0 Jan  1  2020 b
-rw-r--r-- 1 root root 5 Jan  1  2020 a
-rw-r--r-- 1 root root 0 Jan  1  2020 b
a  b
## END

#### COLUMNS sets the width of -C, a bad value is ignored with a warning
touch a bb ccc dddd eeeee ffffff ggggggg hhhhhhhh
COLUMNS=30 ls -C
COLUMNS=x ls -C
## STDOUT:
a   ccc   eeeee   ggggggg
bb  dddd  ffffff  hhhhhhhh
a  bb  ccc  dddd  eeeee  ffffff  ggggggg  hhhhhhhh
## END
## stderr: ls: ignoring invalid width in environment variable COLUMNS: 'x'

#### ls -l shows times in TZ
touch -d '2020-07-01 12:00 UTC' f
TZ=America/New_York ls -l --time-style=long-iso f | awk '{print $6, $7}'
TZ=Asia/Kolkata ls -l --time-style=full-iso f | awk '{print $6, $7, $8}'
TZ=Asia/Tokyo ls -l f | awk '{print $6, $7, $8}'
TZ=Nowhere/Else ls -l --time-style=+%H:%M:%Z f | awk '{print $6}'
## STDOUT:
2020-07-01 08:00
2020-07-01 17:30:00.000000000 +0530
Jul 1 2020
12:00:Nowhere
## END

#### headers are quoted by the style alone
mkdir -p 'd d/e=f'
touch 'd d/f g' 'd d/e=f/x'
ls -bR 'd d'
ls -F -R --quoting-style=escape 'd d'
ls -QR 'd d' | head -2
## STDOUT:
d d:
e=f
f\ g

d d/e=f:
x
d d:
e\=f/
f\ g

d d/e=f:
x
"d d":
"e=f"
## END
