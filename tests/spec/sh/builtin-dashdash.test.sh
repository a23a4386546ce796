# -- ends options for eval, source, exec, builtin, command, alias, unalias, read, printf, trap

#### eval --
eval -- echo hi
## stdout: hi

#### eval with invalid option
eval -x 2>/dev/null; echo $?
## stdout: 2

#### builtin --
builtin -- echo hi
## stdout: hi

#### command --
command -- echo hi
## stdout: hi

#### source --
echo 'echo sourced $1' > s.sh; source -- ./s.sh a; . -- ./s.sh b
## STDOUT:
sourced a
sourced b
## END

#### source with invalid option
. -x s.sh 2>/dev/null; echo $?
## stdout: 2

#### alias --
alias -- ll='ls -l'; alias ll
## stdout: alias ll='ls -l'

#### unalias --
alias a=b; unalias -- a; alias a 2>/dev/null; echo $?
## stdout: 1

#### unalias invalid option
unalias -x 2>/dev/null; echo $?
## stdout: 2

#### exec --
exec -- echo hi
## stdout: hi

#### exec invalid option
exec -q 2>/dev/null; echo $?
## stdout: 2

#### exec -a sets argv0
exec -a myname sh -c 'echo $0'
## stdout: myname

#### read --
read -- v <<< hi; echo $v
## stdout: hi

#### printf --
printf -- '%s\n' -x
## stdout: -x

#### trap --
trap -- 'echo t' EXIT; echo body
## STDOUT:
body
t
## END

#### builtin invalid option
builtin -x 2>/dev/null; echo $?
## stdout: 2
