# mktemp: unique names (random letters, so cases check shapes)

#### mktemp-template-in-cwd
f=$(mktemp tmp.XXXXXX); test -f "$f" && echo file; echo "${#f}"; case $f in tmp.??????) echo shape;; esac
## STDOUT:
file
10
shape
## END

#### mktemp-file-mode
f=$(mktemp fXXX); stat -c '%a %s' "$f"
## stdout: 600 0

#### mktemp-directory
d=$(mktemp -d dXXXX); stat -c '%a %F' "$d"
## stdout: 700 directory

#### mktemp-dry-run
f=$(mktemp -u XXXXX); test -e "$f" || echo absent; echo "${#f}"
## STDOUT:
absent
5
## END

#### mktemp-tmpdir-option
f=$(mktemp -p . aXXX); case $f in ./a???) echo ok;; esac; test -f "$f" && echo made
## STDOUT:
ok
made
## END

#### mktemp-tmpdir-long
f=$(mktemp --tmpdir=. bXXX); case $f in ./b???) echo ok;; esac
## stdout: ok

#### mktemp-tmpdir-env
f=$(TMPDIR=. mktemp); case $f in ./tmp.??????????) echo ok;; esac
## stdout: ok

#### mktemp-t-uses-tmpdir
f=$(TMPDIR=. mktemp -t cXXXX); case $f in ./c????) echo ok;; esac
## stdout: ok

#### mktemp-suffix
f=$(mktemp --suffix=.txt xXXX); case $f in x???.txt) echo ok;; esac
## stdout: ok

#### mktemp-implied-suffix
f=$(mktemp x.XXX.y); case $f in x.???.y) echo ok;; esac
## stdout: ok

#### mktemp-letters
f=$(mktemp XXXXXXXXXXXXXXXXXXXXXXXXXXXXXX); case $f in *[!A-Za-z0-9]*) echo bad;; *) echo alnum;; esac
## stdout: alnum

#### mktemp-unique
a=$(mktemp uXXX); b=$(mktemp uXXX); test "$a" != "$b" && echo different
## stdout: different

#### mktemp-too-few-x
mktemp fooXX
## stderr: mktemp: too few X's in template 'fooXX'
## status: 1

#### mktemp-empty-template
mktemp ''
## stderr: mktemp: too few X's in template ''
## status: 1

#### mktemp-suffix-needs-x-end
mktemp --suffix=.txt -p . xXXXy
## stderr: mktemp: with --suffix, template 'xXXXy' must end in X
## status: 1

#### mktemp-suffix-with-slash
mktemp XXXXXX/x
## stderr: mktemp: invalid suffix '/x', contains directory separator
## status: 1

#### mktemp-absolute-with-tmpdir
mktemp -p . /abs/XXX
## stderr: mktemp: invalid template, '/abs/XXX'; with --tmpdir, it may not be absolute
## status: 1

#### mktemp-t-with-slash
mktemp -t a/XXX
## stderr: mktemp: invalid template, 'a/XXX', contains directory separator
## status: 1

#### mktemp-too-many
mktemp aXXX bXXX
## STDERR:
mktemp: too many templates
Try 'mktemp --help' for more information.
## END
## status: 1

#### mktemp-missing-dir
mktemp nodir/tXXX
## stderr: mktemp: failed to create file via template 'nodir/tXXX': No such file or directory
## status: 1

#### mktemp-missing-dir-quiet
mktemp -q nodir/tXXX; echo $?
## stdout: 1

#### mktemp-missing-tmpdir
mktemp -p nodir
## stderr: mktemp: failed to create file via template 'nodir/tmp.XXXXXXXXXX': No such file or directory
## status: 1

#### mktemp-missing-dir-directory
mktemp -d nodir/dXXX
## stderr: mktemp: failed to create directory via template 'nodir/dXXX': No such file or directory
## status: 1

#### mktemp-combined-flags
d=$(mktemp -dp . eXXX); stat -c %F "$d"
## stdout: directory

#### mktemp-default-in-tmp
f=$(mktemp); case $f in /tmp/tmp.??????????) echo ok;; esac; test -f "$f" && echo file
## bash_diff: the host's /tmp is not to be touched by the cases
## STDOUT:
ok
file
## END

#### mktemp-bad-option
mktemp -k
## STDERR:
mktemp: invalid option -- 'k'
Try 'mktemp --help' for more information.
## END
## status: 1
