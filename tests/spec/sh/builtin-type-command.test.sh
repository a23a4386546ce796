# type and command

#### type-t-builtin
type -t echo
type -t cd
## STDOUT:
builtin
builtin
## END

#### type-t-keyword
type -t if
type -t while
## STDOUT:
keyword
keyword
## END

#### type-t-function
f() { :; }
type -t f
## stdout: function

#### type-t-file
type -t cat
## stdout: file

#### type-t-alias
shopt -s expand_aliases
alias ll='echo x'
type -t ll
## stdout: alias

#### type-t-not-found
type -t nosuchcmd_zz
echo $?
## stdout: 1

#### type-builtin-message
type echo
## stdout: echo is a shell builtin

#### type-keyword-message
type if
## stdout: if is a shell keyword

#### type-function-message
f() { echo hi; }
type f
## stdout-json: "f is a function\nf () \n{ \n    echo hi\n}\n"

#### type-not-found-message
type nosuchcmd_zz
echo $?
## stdout: 1
## STDERR:
sh: line 1: type: nosuchcmd_zz: not found
## END

#### type-multiple-names
type -t true [ [[
## STDOUT:
builtin
builtin
keyword
## END

#### command-v-builtin
command -v echo
## stdout: echo

#### command-v-function
f() { :; }
command -v f
## stdout: f

#### command-v-keyword
command -v if
## stdout: if

#### command-v-file-status
command -v cat > /dev/null
echo $?
## stdout: 0

#### command-v-not-found-status
command -v nosuchcmd_zz
echo $?
## stdout: 1

#### command-bypasses-function
echo() { builtin echo "wrapped $*"; }
echo a
command echo b
## STDOUT:
wrapped a
b
## END

#### command-runs-external
cat() { echo fake; }
echo real | command cat
## stdout: real

#### builtin-runs-builtin
f() { builtin echo via-builtin; }
f
## stdout: via-builtin

#### builtin-not-a-builtin-error
builtin nosuch_zz
echo $?
## stdout: 1
## STDERR:
sh: line 1: builtin: nosuch_zz: not a shell builtin
## END

#### command-not-found-status
command nosuchcmd_zz
echo $?
## stdout: 127
## STDERR:
sh: line 1: nosuchcmd_zz: command not found
## END

#### type-function-over-builtin
echo() { :; }
type -t echo
## stdout: function
