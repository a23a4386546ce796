# tty: the terminal on standard input (GNU coreutils 9.1)

#### not-a-tty
tty < /dev/null; echo "st=$?"
## STDOUT:
not a tty
st=1
## END

#### pipe-is-not-a-tty
echo x | tty; echo "st=$?"
## STDOUT:
not a tty
st=1
## END

#### silent
tty -s < /dev/null; echo "st=$?"; tty --silent < /dev/null; echo "st=$?"
## STDOUT:
st=1
st=1
## END

#### quiet
tty --quiet < /dev/null; echo "st=$?"
## stdout: st=1

#### file-is-not-a-tty
echo x > f; tty < f; echo "st=$?"
## STDOUT:
not a tty
st=1
## END

#### extra-operand
tty x < /dev/null; echo "st=$?"
## stdout: st=2
## STDERR:
tty: extra operand 'x'
Try 'tty --help' for more information.
## END

#### bad-option
tty -x < /dev/null; echo "st=$?"
## stdout: st=2
## STDERR:
tty: invalid option -- 'x'
Try 'tty --help' for more information.
## END

#### unrecognized-long-option
tty --bogus < /dev/null; echo "st=$?"
## stdout: st=2
## STDERR:
tty: unrecognized option '--bogus'
Try 'tty --help' for more information.
## END

#### output-to-file
tty < /dev/null > out; echo "st=$?"; cat out
## STDOUT:
st=1
not a tty
## END

#### help-names-the-option
tty --help | grep -c -- '-s, --silent, --quiet'
## stdout: 1

#### console
tty < /dev/cons/data
## stdout: /dev/cons/data
## bash_diff: the console is ninebox's terminal device
