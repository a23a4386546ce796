# Pipelines, !, pipefail, PIPESTATUS, |&

#### pipe-basic
echo hello | cat
## stdout: hello

#### pipe-three-stages
echo abc | cat | cat
## stdout: abc

#### pipe-status-is-last
false | true; echo $?
true | false; echo $?
## STDOUT:
0
1
## END

#### pipe-bang-negates
! false; echo $?
! true; echo $?
## STDOUT:
0
1
## END

#### pipe-bang-negates-pipeline
! true | false; echo $?
## stdout: 0

#### pipestatus-values
false | true | (exit 3)
echo ${PIPESTATUS[@]}
## stdout: 1 0 3

#### pipestatus-single-command
(exit 4)
echo ${PIPESTATUS[@]}
## stdout: 4

#### pipestatus-index
true | false
echo ${PIPESTATUS[1]} ${PIPESTATUS[0]}
## stdout: 1 0

#### pipefail-off-by-default
false | true
echo $?
## stdout: 0

#### pipefail-returns-rightmost-failure
set -o pipefail
(exit 2) | (exit 3) | true
echo $?
## stdout: 3

#### pipefail-all-success
set -o pipefail
true | true
echo $?
## stdout: 0

#### pipefail-shows-in-set-o
set -o pipefail
set -o | while read -r name val; do if [ "$name" = pipefail ]; then echo $val; fi; done
set +o | while read -r a b c; do if [ "$c" = pipefail ]; then echo "$a $b $c"; fi; done
set +o pipefail
set -o | while read -r name val; do if [ "$name" = pipefail ]; then echo $val; fi; done
## STDOUT:
on
set -o pipefail
off
## END

#### pipe-stderr-with-bar-ampersand
{ echo out; echo err >&2; } |& cat
## STDOUT:
out
err
## END

#### pipe-stderr-not-piped-by-default
{ echo out; echo err >&2; } 2>/dev/null | cat
## stdout: out

#### pipe-last-component-in-subshell
x=before
echo after | read x
echo $x
## stdout: before

#### pipe-into-while-read
printf 'a\nb\n' | while read -r l; do echo "<$l>"; done
## STDOUT:
<a>
<b>
## END

#### pipe-group-on-left
{ echo 1; echo 2; } | cat
## STDOUT:
1
2
## END

#### pipe-newline-after-bar
echo x |

cat
## stdout: x

#### pipe-builtin-output
printf '%s-' a b | cat; echo
## stdout: a-b-

#### pipe-bang-in-if
if ! false; then echo negated; fi
## stdout: negated

#### pipe-syntax-error-leading-bar
| cat
## status: 2
## STDERR:
sh: -c: line 1: syntax error near unexpected token `|'
sh: -c: line 1: `| cat'
## END
