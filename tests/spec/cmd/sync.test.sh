# sync: flush cached writes (GNU coreutils 9.1)

#### no-operands
sync; echo "st=$?"
## stdout: st=0

#### a-file
echo x > f; sync f; echo "st=$?"
## stdout: st=0

#### a-directory
mkdir d; sync d; echo "st=$?"
## stdout: st=0

#### missing-file
sync nope; echo "st=$?"
## stdout: st=1
## stderr: sync: error opening 'nope': No such file or directory

#### several-missing
echo x > f; sync a f b; echo "st=$?"
## stdout: st=1
## STDERR:
sync: error opening 'a': No such file or directory
sync: error opening 'b': No such file or directory
## END

#### data
echo x > f; sync -d f; echo "st=$?"; sync --data f; echo "st=$?"
## STDOUT:
st=0
st=0
## END

#### data-needs-operand
sync -d; echo "st=$?"
## stdout: st=1
## stderr: sync: --data needs at least one argument

#### file-system
echo x > f; sync -f f; echo "st=$?"; sync --file-system .; echo "st=$?"
## STDOUT:
st=0
st=0
## END

#### both-modes
sync -d -f f; echo "st=$?"
## stdout: st=1
## stderr: sync: cannot specify both --data and --file-system

#### bad-option
sync -q; echo "st=$?"
## stdout: st=1
## STDERR:
sync: invalid option -- 'q'
Try 'sync --help' for more information.
## END

#### content-kept
printf 'abc\n' > f; sync f; cat f
## stdout: abc
