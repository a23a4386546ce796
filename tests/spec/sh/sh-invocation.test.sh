# Invoking the shell: sh -c, sh FILE, sh -s, bash as a name

#### sh-c-positional-args
sh -c 'echo $0 $1 $2' zero one two
## stdout: zero one two

#### sh-c-arg-count
sh -c 'echo $#' name a b c
## stdout: 3

#### sh-c-quoted-at
sh -c 'for a in "$@"; do echo "[$a]"; done' name 'a b' c
## STDOUT:
[a b]
[c]
## END

#### sh-c-exit-status
sh -c 'exit 3'
echo $?
## stdout: 3

#### sh-c-last-command-status
sh -c 'true; false'
echo $?
## stdout: 1

#### sh-c-no-name-argument
sh -c 'echo "$#"'
## stdout: 0

#### sh-file-with-args
printf 'echo "$0 $# $1 $2"\n' > script.sh
sh ./script.sh a b
## stdout: ./script.sh 2 a b

#### sh-file-exit-status
printf 'echo running\nexit 5\n' > script.sh
sh ./script.sh
echo status=$?
## STDOUT:
running
status=5
## END

#### sh-file-without-trailing-newline
printf 'echo no-newline' > script.sh
sh ./script.sh
## stdout: no-newline

#### sh-file-missing
bash ./nosuch.sh
echo $?
## stdout: 127
## STDERR:
bash: ./nosuch.sh: No such file or directory
## END

#### sh-stdin-script
echo 'echo from stdin' | sh
## stdout: from stdin

#### sh-s-with-args
echo 'echo "$# $1 $2"' | sh -s x y
## stdout: 2 x y

#### sh-s-heredoc
sh -s one <<'EOF'
echo "arg=$1"
echo second line
EOF
## STDOUT:
arg=one
second line
## END

#### sh-child-does-not-see-unexported
v=1
export e=2
sh -c 'echo "[$v][$e]"'
## stdout: [][2]

#### sh-child-cannot-change-parent
x=parent
sh -c 'x=child'
echo $x
## stdout: parent

#### bash-c-name-in-error-messages
bash -c 'nosuch_zz' myname
echo $?
## stdout: 127
## STDERR:
myname: line 1: nosuch_zz: command not found
## END

#### bash-file-error-message-uses-file-name
printf 'echo ok\nnosuch_zz\n' > s.sh
bash ./s.sh
## stdout: ok
## status: 127
## STDERR:
./s.sh: line 2: nosuch_zz: command not found
## END

#### bash-file-syntax-error
printf 'echo one\nfi\necho two\n' > s.sh
bash ./s.sh
echo status=$?
## STDOUT:
one
status=2
## END
## STDERR:
./s.sh: line 2: syntax error near unexpected token `fi'
./s.sh: line 2: `fi'
## END

#### bash-e-option-on-command-line
bash -e -c 'false; echo never'
echo $?
## stdout: 1

#### bash-x-option-on-command-line
bash -x -c 'echo traced'
## stdout: traced
## STDERR:
+ echo traced
## END

#### bash-u-option-on-command-line
bash -u -c 'echo $nope' n
echo status=$?
## stdout: status=127
## STDERR:
n: line 1: nope: unbound variable
## END

#### bash-o-pipefail-on-command-line
bash -o pipefail -c 'false | true'
echo $?
## stdout: 1

#### bash-c-multiline-script
bash -c 'echo a
echo b'
## STDOUT:
a
b
## END

#### bash-c-lineno
bash -c 'echo $LINENO
echo $LINENO'
## STDOUT:
1
2
## END

#### bash-file-dollar-zero-and-lineno
printf 'echo "$0"\necho $LINENO\n' > s.sh
bash s.sh
## STDOUT:
s.sh
2
## END

#### bash-s-reads-stdin-with-args
printf 'echo "$0 $1"\n' | bash -s arg1
## stdout: bash arg1

#### sh-file-sources-functions-and-exits
printf 'f() { echo "f $1"; }\nf one\nexit 0\necho never\n' > s.sh
sh ./s.sh
## stdout: f one

#### bash-script-sets-var-in-child-only
printf 'X=changed\n' > s.sh
X=orig
bash s.sh
echo $X
## stdout: orig
