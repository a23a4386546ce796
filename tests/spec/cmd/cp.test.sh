# cp: copy files and directories

#### cp-file
echo hello > a; cp a b; cat b
## stdout: hello

#### cp-overwrites
echo new > a; echo old > b; cp a b; cat b
## stdout: new

#### cp-into-directory
echo x > a; mkdir d; cp a d; cat d/a
## stdout: x

#### cp-into-directory-trailing-slash
echo x > a; mkdir d; cp -v a d/
## stdout: 'a' -> 'd/a'

#### cp-several-into-directory
echo 1 > a; echo 2 > b; mkdir d; cp a b d; cat d/a d/b
## STDOUT:
1
2
## END

#### cp-several-target-missing
touch a b; cp a b c
## stderr: cp: target 'c': No such file or directory
## status: 1

#### cp-several-target-file
touch a b; echo x > c; cp a b c
## stderr: cp: target 'c': Not a directory
## status: 1

#### cp-missing-operand
cp
## STDERR:
cp: missing file operand
Try 'cp --help' for more information.
## END
## status: 1

#### cp-missing-destination
touch a; cp a
## STDERR:
cp: missing destination file operand after 'a'
Try 'cp --help' for more information.
## END
## status: 1

#### cp-missing-source
cp nope x
## stderr: cp: cannot stat 'nope': No such file or directory
## status: 1

#### cp-missing-among-several
touch a; mkdir d; cp a nope d; echo $?; echo d/*
## STDOUT:
1
d/a
## END
## stderr: cp: cannot stat 'nope': No such file or directory

#### cp-directory-without-r
mkdir d; cp d e
## stderr: cp: -r not specified; omitting directory 'd'
## status: 1

#### cp-same-file
touch a; cp a a
## stderr: cp: 'a' and 'a' are the same file
## status: 1

#### cp-same-file-through-dir
mkdir d; touch d/f; cp d/f d
## stderr: cp: 'd/f' and 'd/f' are the same file
## status: 1

#### cp-recursive
mkdir -p d/s; echo x > d/s/f; cp -r d e; cat e/s/f
## stdout: x

#### cp-recursive-capital-into-existing
mkdir -p d/s; echo x > d/s/f; mkdir e; cp -R d e; cat e/d/s/f
## stdout: x

#### cp-recursive-verbose
mkdir -p d/s; touch d/s/f; cp -rv d e
## STDOUT:
'd' -> 'e'
'd/s' -> 'e/s'
'd/s/f' -> 'e/s/f'
## END

#### cp-recursive-verbose-existing-dirs-quiet
mkdir -p d/s e/s; cp -rv d/s e

#### cp-into-itself
mkdir d; cp -r d d
## stderr: cp: cannot copy a directory, 'd', into itself, 'd/d'
## status: 1

#### cp-into-own-subdir
mkdir -p d/sub; cp -r d d/sub
## stderr: cp: cannot copy a directory, 'd', into itself, 'd/sub/d'
## status: 1

#### cp-file-over-directory
touch a; mkdir d; cp -T a d
## stderr: cp: cannot overwrite directory 'd' with non-directory
## status: 1

#### cp-directory-over-file
mkdir d; touch a; cp -r d a
## stderr: cp: cannot overwrite non-directory 'a' with directory 'd'
## status: 1

#### cp-trailing-slash-missing-dest
touch a; cp a nodir/
## stderr: cp: cannot create regular file 'nodir/': Not a directory
## status: 1

#### cp-trailing-slash-source-file
mkdir d; touch d/f; cp -r d/f/ x
## stderr: cp: cannot stat 'd/f/': Not a directory
## status: 1

#### cp-dest-dir-missing-parent
touch a; cp a nodir/x
## stderr: cp: cannot create regular file 'nodir/x': No such file or directory
## status: 1

#### cp-no-clobber
echo new > a; echo old > b; cp -n a b; echo $?; cat b
## STDOUT:
0
old
## END

#### cp-interactive-no
echo new > a; echo old > b; echo n | cp -i a b; echo; cat b
## STDOUT:

old
## END
## stderr-json: "cp: overwrite 'b'? "

#### cp-interactive-yes
echo new > a; echo old > b; echo y | cp -i a b; echo; cat b
## STDOUT:

new
## END
## stderr-json: "cp: overwrite 'b'? "

#### cp-interactive-eof
echo new > a; echo old > b; cp -i a b < /dev/null; echo; cat b
## STDOUT:

old
## END
## stderr-json: "cp: overwrite 'b'? "

#### cp-interactive-then-no-clobber
echo new > a; echo old > b; cp -i -n a b; cat b
## stdout: old

#### cp-force
echo new > a; echo old > b; cp -f a b; cat b
## stdout: new

#### cp-verbose
touch a; cp -v a b
## stdout: 'a' -> 'b'

#### cp-target-directory
touch a b; mkdir d; cp -t d a b; echo d/*
## stdout: d/a d/b

#### cp-target-directory-long
touch a; mkdir d; cp --target-directory=d a; echo d/*
## stdout: d/a

#### cp-target-directory-not-dir
touch a b; cp -t a b
## stderr: cp: target directory 'a': Not a directory
## status: 1

#### cp-target-directory-missing
touch a; cp -t nod a
## stderr: cp: target directory 'nod': No such file or directory
## status: 1

#### cp-no-target-directory
touch a; mkdir d; cp -T a x; echo *
## stdout: a d x

#### cp-no-target-directory-extra
touch a b; cp -T a b c
## STDERR:
cp: extra operand 'c'
Try 'cp --help' for more information.
## END
## status: 1

#### cp-t-and-T
touch a; mkdir d; cp -t d -T a
## stderr: cp: cannot combine --target-directory (-t) and --no-target-directory (-T)
## status: 1

#### cp-preserve
echo x > a; chmod 640 a; touch -d '2020-01-01 00:00:00' a; cp -p a b; stat -c '%a %Y' b
## stdout: 640 1577836800

#### cp-without-preserve-mode-from-source
umask 022; echo x > a; chmod 640 a; touch -d '2020-01-01' a; cp a b; stat -c %a b; test "$(stat -c %Y b)" != 1577836800 && echo new-time
## STDOUT:
640
new-time
## END

#### cp-existing-dest-keeps-mode
echo x > a; chmod 600 a; touch b; chmod 644 b; cp a b; stat -c %a b
## stdout: 644

#### cp-archive
umask 022; mkdir -p d/s; echo x > d/s/f; chmod 700 d/s; touch -d '2020-01-01' d/s/f d/s; cp -a d e; stat -c '%n %a %Y' e/s e/s/f
## STDOUT:
e/s 700 1577836800
e/s/f 644 1577836800
## END

#### cp-preserve-list
echo x > a; chmod 600 a; touch -d 2020-01-01 a; cp --preserve=mode a b; cp --preserve=timestamps a c; stat -c '%n %a' b; stat -c '%n %Y' c
## STDOUT:
b 600
c 1577836800
## END

#### cp-combined-flags
mkdir -p d/s; touch d/s/f; cp -rvp d e
## STDOUT:
'd' -> 'e'
'd/s' -> 'e/s'
'd/s/f' -> 'e/s/f'
## END

#### cp-update
echo old > b; touch -d 2020-01-01 b; echo new > a; touch -d 2019-01-01 a; cp -u a b; cat b; touch -d 2021-01-01 a; cp -u a b; cat b
## STDOUT:
old
new
## END

#### cp-stdin-dash
echo piped | cp /dev/stdin f; cat f
## stdout: piped

#### cp-dev-null
cp /dev/null e; stat -c '%s %F' e
## stdout: 0 regular empty file

#### cp-bad-option
cp --foo a b
## STDERR:
cp: unrecognized option '--foo'
Try 'cp --help' for more information.
## END
## status: 1

#### cp-dashdash
touch ./-a; cp -- -a b; echo *
## stdout: -a b

#### cp-binary-data
printf '\000\001\377abc' > a; cp a b; test "$(cat -v b)" = "$(cat -v a)" && echo same
## stdout: same

#### cp-empty-name
touch a; cp a ''
## stderr: cp: cannot create regular file '': No such file or directory
## status: 1

#### cp-recursive-source-trailing-slash
mkdir d; touch d/f; cp -rv d/ h/
## STDOUT:
'd/' -> 'h/'
'd/f' -> 'h/f'
## END

#### cp-hard-link-refused
echo x > a; cp -l a b; echo $?; test -e b || echo no-b
## bash_diff: no file server here can make links
## STDOUT:
1
no-b
## END
## stderr: cp: cannot create hard link 'b' to 'a': Operation not permitted

#### cp-symlink-refused
echo x > a; cp -s a b
## bash_diff: no file server here can make links
## stderr: cp: cannot create symbolic link 'b' to 'a': Operation not permitted
## status: 1

#### cp-same-file-through-bind
mkdir d e; echo x > d/f; bind d e; cp e/f d/f; echo $?; cat d/f
## bash_diff: a Plan 9 bind shows the same directory at two names
## STDOUT:
1
x
## END
## stderr: cp: 'e/f' and 'd/f' are the same file

#### cp-between-servers-not-same
echo x > f; cp f /tmp/f; cp /tmp/f f; echo $?; cat f
## bash_diff: /tmp is another file server in ninebox
## STDOUT:
0
x
## END
