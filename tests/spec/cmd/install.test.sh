# install: copy files and set attributes (GNU coreutils 9.1)

#### copy-with-default-mode
echo hi > a; chmod 600 a; install a b; cat b; ls -l b | cut -c1-10
## STDOUT:
hi
-rwxr-xr-x
## END

#### mode-option
echo hi > a; install -m 644 a b; ls -l b | cut -c1-10; install -m u+x a c; ls -l c | cut -c1-10
## STDOUT:
-rw-r--r--
---x------
## END

#### verbose-into-a-directory
echo hi > a; mkdir d; install -v -m 644 a d; cat d/a
## STDOUT:
'a' -> 'd/a'
hi
## END

#### replacing-says-removed
echo one > a; echo old > b; install -v a b; cat b
## STDOUT:
removed 'b'
'a' -> 'b'
one
## END

#### directories
install -d -v x/y/z; test -d x/y/z && echo made; ls -ld x/y/z | cut -c1-10
## STDOUT:
install: creating directory 'x'
install: creating directory 'x/y'
install: creating directory 'x/y/z'
made
drwxr-xr-x
## END

#### directory-mode
install -d -m 700 p; ls -ld p | cut -c1-10
## stdout: drwx------

#### leading-directories
echo hi > a; install -D -v a p/q/r; cat p/q/r
## STDOUT:
install: creating directory 'p'
install: creating directory 'p/q'
'a' -> 'p/q/r'
hi
## END

#### target-directory-with-D
echo hi > a; install -v -D -t nd a
## STDOUT:
install: creating directory 'nd'
'a' -> 'nd/a'
## END

#### compare-skips-unchanged
echo hi > a; install a b; install -C -v a b; echo "st=$?"
## stdout: st=0

#### several-sources
echo 1 > a; echo 2 > b; mkdir d; install a b d; cat d/a d/b
## STDOUT:
1
2
## END

#### preserve-timestamps
echo hi > a; touch -d '2001-02-03 04:05:06' a; install -p a b; ls -l --time-style=+%F b | cut -d' ' -f6
## stdout: 2001-02-03

#### missing-operands
install; echo "st=$?"; echo x > a; install a; echo "st=$?"
## STDOUT:
st=1
st=1
## END
## STDERR:
install: missing file operand
Try 'install --help' for more information.
install: missing destination file operand after 'a'
Try 'install --help' for more information.
## END

#### missing-source
install nope x; echo "st=$?"
## stdout: st=1
## stderr: install: cannot stat 'nope': No such file or directory

#### omitting-directory
mkdir d; install d x; echo "st=$?"
## stdout: st=1
## stderr: install: omitting directory 'd'

#### same-file
echo x > a; install a a; echo "st=$?"
## stdout: st=1
## stderr: install: 'a' and 'a' are the same file

#### bad-mode
echo x > a; install -m bad a c; echo "st=$?"
## stdout: st=1
## stderr: install: invalid mode 'bad'

#### missing-target-directory
echo x > a; echo y > b; install a b nd2; echo "st=$?"
## stdout: st=1
## stderr: install: target 'nd2': No such file or directory
