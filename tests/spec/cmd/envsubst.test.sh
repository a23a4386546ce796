# envsubst: substitute environment variables (GNU gettext 0.21)

#### plain-and-braced
export A=1 B=two; echo 'x $A ${B} end' | envsubst
## stdout: x 1 two end

#### unset-is-empty
unset C; echo '[$C] [${C}]' | envsubst
## stdout: [] []

#### not-references
export A=1; echo '${A $ $$ ${} $1 ${1} ${A:-z}' | envsubst
## stdout: ${A $ $$ ${} $1 ${1} ${A:-z}

#### name-boundaries
export A=1 A_x=2; echo '${A}B $A_x $A-x' | envsubst
## stdout: 1B 2 1-x

#### backslash-does-not-escape
export A=1; echo '\$A' | envsubst
## stdout: \1

#### shell-format-restricts
export A=1 B=two; echo 'x $A ${B}' | envsubst '$B'
## stdout: x $A two

#### shell-format-braced-and-text
export A=1 B=two; echo '$A $B' | envsubst 'only ${A} here'
## stdout: 1 $B

#### variables
envsubst -v '$B ${A} $B $Z'; echo "st=$?"
## STDOUT:
B
A
B
Z
st=0
## END

#### variables-needs-format
envsubst -v; echo "st=$?"
## stdout: st=1
## stderr: envsubst: missing arguments

#### too-many-arguments
echo '$A' | envsubst '$A' extra; echo "st=$?"
## stdout: st=1
## stderr: envsubst: too many arguments

#### multiline-and-no-final-newline
export A=1; printf 'a $A\nb ${A}' | envsubst; echo
## STDOUT:
a 1
b 1
## END

#### bad-option
envsubst --bogus; echo "st=$?"
## stdout: st=1
## STDERR:
envsubst: unrecognized option '--bogus'
Try 'envsubst --help' for more information.
## END

#### empty-input
envsubst < /dev/null; echo "st=$?"
## stdout: st=0
