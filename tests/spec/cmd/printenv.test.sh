# printenv: checked against GNU coreutils 9.1

#### one variable
A=hello printenv A
## stdout: hello

#### several variables in order
A=1 B=2 printenv B A
## STDOUT:
2
1
## END

#### missing variable is status 1
printenv NO_SUCH_VAR
## status: 1
## stdout-json: ""

#### missing among present ones
A=1 printenv A NO_SUCH_VAR
echo $?
## STDOUT:
1
1
## END

#### whole environment
env -i A=1 B=x=y printenv
## STDOUT:
A=1
B=x=y
## END

#### empty environment
env -i printenv
echo $?
## stdout: 0

#### null terminated
A=1 B=2 printenv -0 A B | cat -v
echo
## stdout: 1^@2^@

#### name with an equals sign never matches
A=1 printenv A=1
## status: 1

#### empty value
A= printenv A | cat -A
## stdout: $

#### bad option
printenv --frob
## status: 2
## STDERR:
printenv: unrecognized option '--frob'
Try 'printenv --help' for more information.
## END

#### home from the environment
printenv HOME
## stdout: /home/user
