# ${x...} operators: defaults, assignment, errors, alternatives

#### default-colon-dash-unset-and-empty
unset u; e=
echo "${u:-d1} ${e:-d2}"
## stdout: d1 d2

#### default-dash-unset-vs-empty
unset u; e=
echo "[${u-d1}] [${e-d2}]"
## stdout: [d1] []

#### default-set-value-used
x=val
echo ${x:-d} ${x-d}
## stdout: val val

#### default-word-is-expanded
unset u; y=why
echo ${u:-$y-$((1+1))}
## stdout: why-2

#### default-word-not-evaluated-when-set
x=1
echo ${x:-$(echo side >&2; echo no)}
## stdout: 1
## stderr-json: ""

#### assign-colon-equals
unset u
echo ${u:=new}
echo $u
## STDOUT:
new
new
## END

#### assign-colon-equals-empty
e=
: ${e:=filled}
echo $e
## stdout: filled

#### assign-equals-keeps-empty
e=
: ${e=filled}
echo "[$e]"
## stdout: []

#### assign-to-positional-error
set --
echo ${1:=x}; echo same-line
echo next-line
## stdout: next-line
## STDERR:
sh: line 2: $1: cannot assign in this way
## END

#### error-colon-question-unset
echo ${u:?is not set}
echo after
## status: 127
## STDERR:
sh: line 1: u: is not set
## END

#### error-question-default-message
echo ${u?}
## status: 127
## STDERR:
sh: line 1: u: parameter not set
## END

#### error-colon-question-set-ok
x=v
echo ${x:?oops}
## stdout: v

#### error-question-empty-without-colon-ok
e=
echo "[${e?oops}]"
## stdout: []

#### error-colon-question-empty
e=
echo ${e:?empty!}
## status: 127
## STDERR:
sh: line 2: e: empty!
## END

#### alternative-colon-plus
x=v; e=; unset u
echo "[${x:+alt}] [${e:+alt}] [${u:+alt}]"
## stdout: [alt] [] []

#### alternative-plus-empty-counts-as-set
e=; unset u
echo "[${e+alt}] [${u+alt}]"
## stdout: [alt] []

#### default-positional-all
set --
echo ${@:-no-args}
set -- a b
echo ${@:-no-args}
## STDOUT:
no-args
a b
## END

#### default-unquoted-result-is-split
unset u
set -- ${u:-a b c}
echo $#
## stdout: 3

#### default-quoted-result-not-split
unset u
set -- "${u:-a b c}"
echo $#
## stdout: 1

#### alternative-nested-expansion
x=val
echo "${x:+[$x]}"
## stdout: [val]

#### assign-in-arithmetic-context
unset n
echo $(( ${n:=5} * 2 )) $n
## stdout: 10 5

#### default-array-element
a=(x)
echo ${a[1]:-missing} ${a[0]:-missing}
## stdout: missing x
