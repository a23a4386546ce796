# mv: move and rename

#### mv-rename
echo x > a; mv a b; echo *; cat b
## STDOUT:
b
x
## END

#### mv-into-directory
echo x > a; mkdir d; mv a d; echo * d/*
## stdout: d d/a

#### mv-several-into-directory
touch a b; mkdir d; mv a b d; echo d/*
## stdout: d/a d/b

#### mv-verbose
touch a; mv -v a b
## stdout: renamed 'a' -> 'b'

#### mv-directory
mkdir -p d/s; touch d/s/f; mv d e; echo e/s/*
## stdout: e/s/f

#### mv-missing-operand
mv
## STDERR:
mv: missing file operand
Try 'mv --help' for more information.
## END
## status: 1

#### mv-missing-destination
touch a; mv a
## STDERR:
mv: missing destination file operand after 'a'
Try 'mv --help' for more information.
## END
## status: 1

#### mv-missing-source
mv nope x
## stderr: mv: cannot stat 'nope': No such file or directory
## status: 1

#### mv-same-file
touch a; mv a a
## stderr: mv: 'a' and 'a' are the same file
## status: 1

#### mv-into-itself
mkdir d; mv d d
## stderr: mv: cannot move 'd' to a subdirectory of itself, 'd/d'
## status: 1

#### mv-into-own-subdir
mkdir -p d/sub; mv d d/sub
## stderr: mv: cannot move 'd' to a subdirectory of itself, 'd/sub/d'
## status: 1

#### mv-into-new-subdir-name
mkdir d; mv d d/x
## stderr: mv: cannot move 'd' to a subdirectory of itself, 'd/x'
## status: 1

#### mv-dir-over-non-empty-dir
mkdir d e; touch e/x; mv -T d e
## stderr: mv: cannot move 'd' to 'e': Directory not empty
## status: 1

#### mv-dir-over-empty-dir
mkdir d e; touch d/f; mv -T d e; echo * e/*
## stdout: e e/f

#### mv-dir-over-file
mkdir zz; touch z; mv zz z
## stderr: mv: cannot overwrite non-directory 'z' with directory 'zz'
## status: 1

#### mv-file-over-dir
touch h; mkdir e; mv -T h e
## stderr: mv: cannot overwrite directory 'e' with non-directory
## status: 1

#### mv-overwrite-file
echo new > a; echo old > b; mv a b; cat b; echo *
## STDOUT:
new
b
## END

#### mv-no-clobber
echo new > a; echo old > b; mv -n a b; echo $?; cat b; echo *
## STDOUT:
0
old
a b
## END

#### mv-interactive-no
echo new > a; echo old > b; echo n | mv -i a b; echo; cat b
## STDOUT:

old
## END
## stderr-json: "mv: overwrite 'b'? "

#### mv-interactive-yes
echo new > a; echo old > b; echo y | mv -i a b; echo; cat b; echo *
## STDOUT:

new
b
## END
## stderr-json: "mv: overwrite 'b'? "

#### mv-force-after-interactive
echo new > a; echo old > b; mv -i -f a b < /dev/null; cat b
## stdout: new

#### mv-target-directory
touch a b; mkdir d; mv -t d a b; echo d/*
## stdout: d/a d/b

#### mv-target-directory-not-dir
touch a b; mv -t a b
## stderr: mv: target directory 'a': Not a directory
## status: 1

#### mv-no-target-directory-extra
touch a b; mv -T a b c
## STDERR:
mv: extra operand 'c'
Try 'mv --help' for more information.
## END
## status: 1

#### mv-several-target-missing
touch a b; mv a b c
## stderr: mv: target 'c': No such file or directory
## status: 1

#### mv-missing-among-several
touch a; mkdir d; mv a nope d; echo $?; echo d/*
## STDOUT:
1
d/a
## END
## stderr: mv: cannot stat 'nope': No such file or directory

#### mv-trailing-slash-on-file-source
touch z; mv z/ y
## stderr: mv: cannot stat 'z/': Not a directory
## status: 1

#### mv-keeps-times-and-mode
echo x > a; chmod 600 a; touch -d 2020-01-01 a; mv a b; stat -c '%a %Y' b
## stdout: 600 1577836800

#### mv-update
echo old > b; touch -d 2020-01-01 b; echo new > a; touch -d 2019-01-01 a; mv -u a b; cat b; echo *
## STDOUT:
old
a b
## END

#### mv-combined-flags
touch a; mkdir d; mv -vn a d
## stdout: renamed 'a' -> 'd/a'

#### mv-dashdash
touch ./-a; mv -- -a b; echo *
## stdout: b

#### mv-bad-option
mv -k a b
## STDERR:
mv: invalid option -- 'k'
Try 'mv --help' for more information.
## END
## status: 1

#### mv-across-servers-file
echo data > a; touch -d 2020-01-01 a; mv -v a /tmp/a1; cat /tmp/a1; stat -c %Y /tmp/a1; echo *
## bash_diff: /tmp is another file server in ninebox (EXDEV, copied then removed)
## STDOUT:
copied 'a' -> '/tmp/a1'
removed 'a'
data
1577836800
*
## END

#### mv-across-servers-tree
mkdir -p d/s; echo x > d/s/f; chmod 700 d/s; mv -v d /tmp/d1; cat /tmp/d1/s/f; stat -c %a /tmp/d1/s; echo *
## bash_diff: /tmp is another file server in ninebox (EXDEV, copied then removed)
## STDOUT:
created directory '/tmp/d1'
created directory '/tmp/d1/s'
copied 'd/s/f' -> '/tmp/d1/s/f'
removed 'd/s/f'
removed directory 'd/s'
removed directory 'd'
x
700
*
## END

#### mv-across-servers-back
echo x > /tmp/t; mv /tmp/t .; cat t; test -e /tmp/t || echo gone
## bash_diff: /tmp is another file server in ninebox
## STDOUT:
x
gone
## END

#### mv-across-servers-into-dir
mkdir /tmp/dd; touch a b; mv a b /tmp/dd; echo /tmp/dd/*; echo *
## bash_diff: /tmp is another file server in ninebox
## STDOUT:
/tmp/dd/a /tmp/dd/b
*
## END
