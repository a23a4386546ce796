# find: walk directory trees, checked against GNU findutils 4.9.0.
# Directory order differs between ext4 and MemoryFS, so cases sort the
# output unless the walk meets one name per directory.

#### no arguments: . and everything under it
mkdir d
touch a d/b
find | sort
## STDOUT:
.
./a
./d
./d/b
## END

#### a starting point is printed first, then its contents
mkdir -p top/sub
touch top/sub/leaf
find top
## STDOUT:
top
top/sub
top/sub/leaf
## END

#### several starting points, one missing
mkdir d
touch d/x f
find d nope f
## STDOUT:
d
d/x
f
## END
## stderr: find: 'nope': No such file or directory
## status: 1

#### -name matches the base name with a shell pattern
mkdir -p src/lib
touch src/a.c src/b.h src/lib/c.c src/lib/.d.c
find src -name '*.c' | sort
## STDOUT:
src/a.c
src/lib/.d.c
src/lib/c.c
## END

#### -iname folds case
touch README readme ReadMe other
find . -iname readme | sort
## STDOUT:
./README
./ReadMe
./readme
## END

#### -path and -wholename match the whole name, * crossing slashes
mkdir -p a/b/c
touch a/b/c/f a/x
find . -path './a/*/f'
find . -wholename '*b*' | sort
## STDOUT:
./a/b/c/f
./a/b
./a/b/c
./a/b/c/f
## END

#### -regex matches the whole path (emacs syntax by default)
mkdir d
touch d/a1 d/a22 d/b1
find d -regex '.*/a[0-9]+' | sort
find d -regex 'd/\(a\|b\)1' | sort
## STDOUT:
d/a1
d/a22
d/a1
d/b1
## END

#### -regextype posix-extended and -iregex
mkdir d
touch d/A1 d/a2 d/b3
find d -regextype posix-extended -regex '.*/(a|b)[0-9]' | sort
find d -iregex '.*/a[0-9]' | sort
## STDOUT:
d/a2
d/b3
d/A1
d/a2
## END

#### -type selects kinds, also as a list
mkdir -p d/e
touch d/f d/e/g
find d -type d | sort
echo --
find d -type f | sort
echo --
find d -type f,d | sort
## STDOUT:
d
d/e
--
d/e/g
d/f
--
d
d/e
d/e/g
d/f
## END

#### -maxdepth and -mindepth
mkdir -p a/b/c
touch a/1 a/b/2 a/b/c/3
find a -maxdepth 1 | sort
echo --
find a -mindepth 2 | sort
echo --
find a -mindepth 1 -maxdepth 1 -type f
## STDOUT:
a
a/1
a/b
--
a/b/2
a/b/c
a/b/c/3
--
a/1
## END

#### -depth lists contents before their directory
mkdir -p a/b/c
find a -depth
echo --
find a
## STDOUT:
a/b/c
a/b
a
--
a
a/b
a/b/c
## END

#### -prune stops the descent
mkdir -p keep/skip keep/in
touch keep/skip/x keep/in/y
find keep -name skip -prune -o -print | sort
## STDOUT:
keep
keep/in
keep/in/y
## END

#### operators: ! -o -a and parentheses
touch a.c a.h b.c b.txt
find . -type f ! -name '*.c' | sort
echo --
find . \( -name 'a*' -o -name '*.txt' \) -a -type f | sort
echo --
find . -name b.c -o -name a.h -print
## STDOUT:
./a.h
./b.txt
--
./a.c
./a.h
./b.txt
--
./a.h
## END

#### -not and -and spelled out
touch x y
find . -not -name x -and -type f
## stdout: ./y

#### -empty finds empty files and directories
mkdir e full
touch full/z
printf data > notempty
find . -empty | sort
## STDOUT:
./e
./full/z
## END

#### -size with units, rounding up
printf '%0513d' 0 > s513
printf '%01024d' 0 > s1024
printf '%01025d' 0 > s1025
: > s0
find . -type f -size 2 | sort
echo --
find . -type f -size +1k | sort
echo --
find . -type f -size -1025c | sort
echo --
find . -type f -size 0 | sort
## STDOUT:
./s1024
./s513
--
./s1025
--
./s0
./s1024
./s513
--
./s0
## END

#### -newer compares modification times
touch -d '2020-01-01 00:00:00' ref
touch -d '2021-01-01 00:00:00' newer
touch -d '2019-01-01 00:00:00' older
find . -type f -newer ref
## stdout: ./newer

#### -mtime and -mmin in days and minutes
touch -d '2001-01-01 00:00:00' ancient
touch fresh
find . -type f -mtime +1000
find . -type f -mtime -1
find . -type f -mmin -10
find . -type f -mtime 0
## STDOUT:
./ancient
./fresh
./fresh
./fresh
## END

#### -newermt takes a date
touch -d '2020-01-01 00:00:00' a
touch -d '2022-01-01 00:00:00' b
find . -type f -newermt '2021-06-01'
## stdout: ./b

#### -perm exact, all bits (-) and any bit (/)
touch f644 f755 f600
chmod 644 f644
chmod 755 f755
chmod 600 f600
find . -type f -perm 644
echo --
find . -type f -perm -644 | sort
echo --
find . -type f -perm /011 | sort
echo --
find . -type f -perm -u=x
## STDOUT:
./f644
--
./f644
./f755
--
./f755
--
./f755
## END

#### -uid and -user after chown
touch mine theirs
chown 0:0 theirs
chown 1234:1234 mine
find . -type f -uid 0
find . -type f -user root
find . -type f -gid 1234
find . -type f -nouser
## STDOUT:
./theirs
./theirs
./mine
./mine
## END

#### -links counts subdirectories
mkdir -p d/a d/b d/c/x
find d -type d -links 5
find d -type d -links +2 | sort
## STDOUT:
d
d
d/c
## END

#### -print0 separates with NUL
mkdir d
touch 'd/a b'
find d -print0 | while IFS= read -r -d '' f; do echo "[$f]"; done
## STDOUT:
[d]
[d/a b]
## END

#### -printf name directives
mkdir -p d/e
touch d/e/f
find d -printf '%p|%f|%h|%d|%y|%P|%H\n' | sort
## STDOUT:
d/e/f|f|d/e|2|f|e/f|d
d/e|e|d|1|d|e|d
d|d|.|0|d||d
## END

#### -printf with a slash-ended starting point
mkdir d
touch d/x
find d/ -printf '[%p][%f][%h][%P]\n' | sort
## STDOUT:
[d/][d/][d][]
[d/x][x][d][x]
## END

#### -printf %h and %f of root and absolute paths
find / // -maxdepth 0 -printf '[%h][%f]\n'
mkdir -p /tmp/fh
find /tmp/fh -printf '[%h][%f]\n'
find /tmp/fh/ -maxdepth 0 -printf '[%h][%f]\n'
cd /tmp/fh && mkdir -p a/b
find a/ a// a/b/ a/b// ./a/ -maxdepth 0 -printf '[%h][%f]\n'
touch a/b/c; find a//b/c a/b//c -printf '[%h][%f]\n'
## STDOUT:
[][/]
[/][/]
[/tmp][fh]
[/tmp][fh/]
[a][a/]
[a/][a/]
[a][b/]
[a][b/]
[.][a/]
[a//b][c]
[a/b/][c]
## END

#### -printf size and mode directives
printf 12345 > f
chmod 640 f
find f -printf '%s %m %#m %M %n %k %b %S\n'
## stdout: 5 640 0640 -rw-r----- 1 4 8 819.2

#### -printf times
: > f
touch -d '2020-03-04 05:06:07' f
find f -printf '%t|%TY-%Tm-%Td|%TH:%TM|%T@|%T+|%TT|%Tc|%TD|%Tk|%A@\n'
## stdout: Wed Mar  4 05:06:07.0000000000 2020|2020-03-04|05:06|1583298367.0000000000|2020-03-04+05:06:07.0000000000|05:06:07.0000000000|Wed Mar  4 05:06:07 2020|03/04/20| 5|1583298367.0000000000

#### -printf flags, widths and escapes
touch ab
find ab -printf '[%5f][%-5f][%.1f][%+d][%03d]\101\t|\n'
find ab -printf 'x\cy\n'
echo
## STDOUT:
[   ab][ab   ][a][+0][000]A	|
x
## END

#### -printf unknown directive warns and prints it
touch f
find f -printf '%z\n'
## stdout: %z
## stderr: find: warning: unrecognized format directive `%z'

#### -ls shows a long listing
printf 12345 > f
chmod 640 f
chown 0:0 f
touch -d '2020-03-04 05:06:07' f
find f -ls | { read ino rest; echo "$rest"; }
## stdout: 4 -rw-r-----   1 root     root            5 Mar  4  2020 f

#### -exec runs a command for each file
mkdir d
touch d/a d/b
find d -type f -exec echo found {} \; | sort
find d -name a -exec echo '<{}>' {}.bak \;
## STDOUT:
found d/a
found d/b
<d/a> d/a.bak
## END

#### -exec ... {} + gathers names
mkdir d
touch d/a d/b d/c
find d -type f -exec echo {} + | xargs -n 1 | sort
## STDOUT:
d/a
d/b
d/c
## END

#### -exec's status is the test's result
touch yes no
find . -type f -exec test {} = ./yes \; -print
## stdout: ./yes

#### a failing -exec + makes find fail
touch a
find . -name a -exec false {} +
echo "status=$?"
find . -name a -exec false {} \;
echo "status=$?"
## STDOUT:
status=1
status=0
## END

#### -exec of a missing command
touch a
find a -exec no-such-command {} \;
echo "status=$?"
find a -exec no-such-command {} +
echo "status=$?"
## STDOUT:
status=0
status=1
## END
## STDERR:
find: 'no-such-command': No such file or directory
find: 'no-such-command': No such file or directory
## END

#### -execdir runs in the file's directory
mkdir -p d/e
touch d/e/f
find d -name f -execdir echo {} \;
find d -name f -execdir sh -c 'test -f "$0" && echo here' {} \;
## STDOUT:
./f
here
## END

#### -ok asks on stderr and reads the answers
mkdir d
touch d/a
printf 'y\nn\n' | find d -ok echo run {} \;
## stdout: run d
## stderr-json: "< echo ... d > ? < echo ... d/a > ? "

#### -delete removes files and emptied directories
mkdir -p d/e
touch d/e/f d/g keep
find d -delete
find . | sort
## STDOUT:
.
./keep
## END

#### -delete of a non-empty directory fails
mkdir -p d/e
touch d/e/f
find d -name e -delete
echo "status=$?"
## stdout: status=1
## stderr: find: cannot delete 'd/e': Directory not empty

#### -quit stops at the first match
mkdir -p a/b/c
find a -print -quit
## stdout: a

#### unknown predicate
find . -foo
## stdout-json: ""
## stderr: find: unknown predicate `-foo'
## status: 1

#### missing argument
find . -name
## stdout-json: ""
## stderr: find: missing argument to `-name'
## status: 1

#### paths must precede the expression
find . -name a b
## stdout-json: ""
## stderr: find: paths must precede expression: `b'
## status: 1

#### invalid expressions
find . -o
echo "status=$?"
find . \( -name a
find . \( \)
find . -name a \)
find . !
## stdout: status=1
## STDERR:
find: invalid expression; you have used a binary operator '-o' with nothing before it.
find: invalid expression; I was expecting to find a ')' somewhere but did not see one.
find: invalid expression; empty parentheses are not allowed.
find: you have too many ')'
find: expected an expression after '!'
## END
## status: 1

#### invalid arguments to tests
find . -type x
find . -type ff
find . -size 5x
find . -perm x
find . -maxdepth x
find . -mtime x
find . -user nobody-here
find . -newer nofile
find . -regextype bogus
find . -regex '\('
## stdout-json: ""
## STDERR:
find: Unknown argument to -type: x
find: Must separate multiple arguments to -type using: ','
find: invalid -size type `x'
find: invalid mode 'x'
find: Expected a positive decimal integer argument to -maxdepth, but got 'x'
find: invalid argument `x' to `-mtime'
find: 'nobody-here' is not the name of a known user
find: 'nofile': No such file or directory
find: Unknown regular expression type 'bogus'; valid types are 'findutils-default', 'ed', 'emacs', 'gnu-awk', 'grep', 'posix-awk', 'awk', 'posix-basic', 'posix-egrep', 'egrep', 'posix-extended', 'posix-minimal-basic', 'sed'.
find: failed to compile regular expression '\(': Unmatched ( or \(
## END
## status: 1

#### -exec without a terminator
find . -exec echo {}
## stdout-json: ""
## stderr: find: missing argument to `-exec'
## status: 1

#### -warn reports global options after tests
touch a
find . -warn -name a -maxdepth 1
## stdout: ./a
## stderr: find: warning: you have specified the global option -maxdepth after the argument -name, but global options are not positional, i.e., -maxdepth affects tests specified before it as well as those specified after it.  Please specify global options before other arguments.

#### -delete with -prune is refused
find . -delete -prune
## stdout-json: ""
## stderr: find: The -delete action automatically turns on -depth, but -prune does nothing when -depth is in effect.  If you want to carry on anyway, just explicitly use the -depth option.
## status: 1

#### -execdir keeps a starting point's trailing slash
mkdir -p d/e
touch d/e/f
find d/ -maxdepth 0 -execdir echo {} \;
find ./d -maxdepth 0 -execdir echo {} \;
find d/e/ -execdir echo {} +
find . -maxdepth 0 -execdir echo {} \;
## STDOUT:
./d/
./d
./e/
./f
./.
## END

#### an operator right before a closing parenthesis
touch a
find . \( -name a -o \)
find . \( ! \)
## stdout-json: ""
## STDERR:
find: expected an expression between '-o' and ')'
find: expected an expression between '!' and ')'
## END
## status: 1

#### find -printf times in TZ
touch -d '2020-07-01 12:00:00 UTC' f
TZ=America/New_York find f -printf '%TY-%Tm-%Td %TH:%TM %TZ|%t|%T+\n'
TZ=Asia/Tokyo find f -printf '%Tk %Tz\n'
## STDOUT:
2020-07-01 08:00 EDT|Wed Jul  1 08:00:00.0000000000 2020|2020-07-01+08:00:00.0000000000
21 +0900
## END

#### find -newermt reads its date in TZ
touch -d '2020-07-01 12:00:00 UTC' f
TZ=America/New_York find f -newermt '2020-07-01 07:30'
TZ=America/New_York find f -newermt '2020-07-01 08:30'
echo done
## STDOUT:
f
done
## END
