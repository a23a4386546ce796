# less: when standard output is not the console it copies its input, as
# less 590 does (the pager itself is tested on a terminal, boot/tests/pty.rs)

#### a file is copied
printf 'line one\nline two\n' > f
less f
## STDOUT:
line one
line two
## END

#### standard input, and - for it
echo "from stdin" | less
echo "dash" | less -
## STDOUT:
from stdin
dash
## END

#### several files one after another, each once
printf 'a\n' > a
printf 'b\n' > b
less a b a
## STDOUT:
a
b
## END

#### a missing file is reported and the others shown
printf 'x\n' > f
less nofile f 2>/dev/null
echo "rc=$?"
## STDOUT:
nofile: No such file or directory
x
rc=0
## END

#### a directory is reported
mkdir d
less d 2>/dev/null
echo "rc=$?"
## STDOUT:
d is a directory
rc=0
## END

#### display options change nothing when copying
printf 'a\tb\001c\n' > f
less -N -S -R -X f | od -An -c
## STDOUT:
   a  \t   b 001   c  \n
## END

#### an unknown option is reported and the files still shown
printf 'x\n' > f
less -Z f
echo "rc=$?"
## STDOUT:
x
rc=0
## END
## STDERR:
There is no -Z option ("less --help" for help)
## END

#### no trailing newline is kept as it is
printf 'no newline' | less | od -An -c
## STDOUT:
   n   o       n   e   w   l   i   n   e
## END

#### empty input
less < /dev/null | wc -c
: > e
less e | wc -c
## STDOUT:
0
0
## END

#### escape sequences pass through
printf '\033[31mred\033[0m\n' | less | od -An -c
## STDOUT:
 033   [   3   1   m   r   e   d 033   [   0   m  \n
## END
