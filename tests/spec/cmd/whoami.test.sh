# whoami (the host runs these as root: most are ninebox-only)

#### current user
whoami
## stdout: user
## bash_diff: the host runs as root

#### same as id -un
[ "$(whoami)" = "$(id -un)" ] && echo same
## stdout: same

#### same as USER
[ "$(whoami)" = "$USER" ] && echo same
## stdout: same
## bash_diff: the host runs as root with USER=user

#### in a pipeline
whoami | cat
## stdout: user
## bash_diff: the host runs as root

#### in a subshell
(whoami)
## stdout: user
## bash_diff: the host runs as root

#### extra operand
whoami x
## status: 1
## STDERR:
whoami: extra operand 'x'
Try 'whoami --help' for more information.
## END

#### extra operand after dash-dash
whoami -- y
## status: 1
## STDERR:
whoami: extra operand 'y'
Try 'whoami --help' for more information.
## END

#### bad option
whoami -z
## status: 1
## STDERR:
whoami: invalid option -- 'z'
Try 'whoami --help' for more information.
## END

#### help
whoami --help | grep -c '^Usage: whoami'
## stdout: 1

#### version succeeds
whoami --version > /dev/null
echo $?
## stdout: 0
