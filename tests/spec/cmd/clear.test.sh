# clear: clear the screen (ncurses 6.4's clear)

#### xterm
TERM=xterm clear | od -An -c
## STDOUT:
 033   [   H 033   [   2   J 033   [   3   J
## END

#### xterm-256color
TERM=xterm-256color clear | od -An -c
## STDOUT:
 033   [   H 033   [   2   J 033   [   3   J
## END

#### no-scrollback
TERM=xterm clear -x | od -An -c
## STDOUT:
 033   [   H 033   [   2   J
## END

#### screen-and-vt100
TERM=screen clear | od -An -c; TERM=vt100 clear | od -An -c
## STDOUT:
 033   [   H 033   [   J
 033   [   H 033   [   J
## END

#### tmux-and-linux
TERM=tmux-256color clear | od -An -c; TERM=linux clear | od -An -c
## STDOUT:
 033   [   H 033   [   J 033   [   3   J
 033   [   H 033   [   J 033   [   3   J
## END

#### term-option
TERM=xterm clear -T vt100 | od -An -c
## STDOUT:
 033   [   H 033   [   J
## END

#### dumb-cannot-clear
TERM=dumb clear; echo "st=$?"
## stdout: st=1

#### unknown-type
TERM=nosuchterm clear; echo "st=$?"
## stdout: st=1
## stderr: 'nosuchterm': unknown terminal type.

#### unset-term
unset TERM; clear; echo "st=$?"
## stdout: st=1
## stderr: TERM environment variable not set.

#### ansi
TERM=ansi clear | od -An -c
## STDOUT:
 033   [   H 033   [   J
## END
