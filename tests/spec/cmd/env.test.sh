# env: checked against GNU coreutils 9.1

#### print a cleared environment
env -i A=1 B=2
## STDOUT:
A=1
B=2
## END

#### a lone dash clears
env - A=1
## stdout: A=1

#### null terminated
env -i -0 A=1 B=2 | cat -v
echo
## stdout: A=1^@B=2^@

#### unset
env -i A=1 B=2 env -u A
env -i A=1 B=2 env -u A -u B C=3
## STDOUT:
B=2
C=3
## END

#### run a command with variables
env -i A=1 sh -c 'echo $A $#' x y
## stdout: 1 1

#### the command's status
env false
echo $?
## stdout: 1

#### change directory
mkdir d
echo inside > d/f
env -C d cat f
## stdout: inside

#### split string
env -S 'printf %s\n "a b" c'
env -S "printf '%s|' a\\_b 'c d'"
echo
env -S '-i A=1 B=2 printenv A'
env -S 'A=${HOME}x printenv A'
## STDOUT:
a b
c
a|b|c d|
1
/home/userx
## END

#### options stop at the first operand
env -i A=1 -S 'printf x'
## status: 127
## stderr: env: '-S': No such file or directory

#### command not found
env nosuchcommand
## status: 127
## stderr: env: 'nosuchcommand': No such file or directory

#### empty command name
env -i ''
## status: 127
## stderr: env: '': No such file or directory

#### bad option is status 125
env --frob
## status: 125
## STDERR:
env: unrecognized option '--frob'
Try 'env --help' for more information.
## END

#### bad unset name
env -u A=B true
## status: 125
## stderr: env: cannot unset 'A=B': Invalid argument

#### null with a command
env -0 true
## status: 125
## STDERR:
env: cannot specify --null (-0) with command
Try 'env --help' for more information.
## END

#### chdir needs a command, and a directory
env -C .
echo $?
env -C nodir true
echo $?
## STDOUT:
125
125
## END
## STDERR:
env: must specify command with --chdir (-C)
Try 'env --help' for more information.
env: cannot change directory to 'nodir': No such file or directory
## END

#### bad split strings
env -S 'echo a\ b'
echo $?
env -S '"open'
echo $?
## STDOUT:
125
125
## END
## STDERR:
env: invalid sequence '\ ' in -S
env: no terminating quote in -S string
## END

#### debug
env -vi A=1 true
## STDERR:
cleaning environ
setenv:   A=1
executing: true
   arg[0]= 'true'
## END
