# export and unset

#### export-visible-to-child
export FOO=bar
sh -c 'echo $FOO'
## stdout: bar

#### unexported-not-visible-to-child
FOO=bar
sh -c 'echo "[$FOO]"'
## stdout: []

#### export-existing-variable
FOO=val
export FOO
sh -c 'echo $FOO'
## stdout: val

#### export-prefix-assignment-for-child
FOO=temp sh -c 'echo $FOO'
echo "[$FOO]"
## STDOUT:
temp
[]
## END

#### export-n-removes-export
export FOO=x
export -n FOO
sh -c 'echo "[$FOO]"'
echo $FOO
## STDOUT:
[]
x
## END

#### export-p-lists
export ZZ_TEST=1
export -p | while read -r line; do case $line in *ZZ_TEST*) echo "$line";; esac; done
## stdout: declare -x ZZ_TEST="1"

#### export-without-value-declared
export ZZ_NOVAL
export -p | while read -r line; do case $line in *ZZ_NOVAL*) echo "$line";; esac; done
## stdout: declare -x ZZ_NOVAL

#### export-invalid-name
export 1bad=x
echo $?
## stdout: 1
## STDERR:
sh: line 1: export: `1bad=x': not a valid identifier
## END

#### export-env-visible
export AAA=1
env | while IFS== read -r k v; do [ "$k" = AAA ] && echo "$k=$v"; done; true
## stdout: AAA=1

#### unset-variable
x=1
unset x
echo "[${x-unset}]"
## stdout: [unset]

#### unset-v-explicit
x=1
unset -v x
echo "[${x-unset}]"
## stdout: [unset]

#### unset-f-function
f() { echo f; }
unset -f f
type f > /dev/null 2>&1 || echo no-function
## stdout: no-function

#### unset-prefers-variable-over-function
f=var
f() { echo func; }
unset f
echo "[${f-unset}]"
f
## STDOUT:
[unset]
func
## END

#### unset-falls-back-to-function
g() { echo func; }
unset g
g 2>/dev/null || echo gone
## stdout: gone

#### unset-nonexistent-ok
unset nosuchvar
echo $?
## stdout: 0

#### unset-exported-removed-from-env
export FOO=1
unset FOO
sh -c 'echo "[$FOO]"'
## stdout: []

#### unset-multiple
a=1 b=2
unset a b
echo "[$a$b]"
## stdout: []

#### unset-readonly-fails
readonly r=1
unset r
echo $? $r
## stdout: 1 1
## STDERR:
sh: line 2: unset: r: cannot unset: readonly variable
## END

#### unset-array-element-keeps-others
a=(1 2 3)
unset 'a[0]'
echo ${a[@]}
## stdout: 2 3

#### export-assignment-no-word-splitting
x='a b'
export y=$x
echo "$y"
## stdout: a b

#### unset-local-reveals-global
x=global
f() { local x=local; unset x; echo "[${x-unset}]"; }
f
## stdout: [unset]

#### unset of an element of a readonly array fails
readonly -a ra=(1 2); unset 'ra[0]' 2>/dev/null; echo $? ${ra[@]}
## stdout: 1 1 2

#### unset of an index before the start fails
b=(1); unset -v 'b[-2]' 2>/dev/null; echo $? ${#b[@]}
## stdout: 1 1

#### unset of a negative index in range
b=(1 2 3); unset 'b[-1]'; echo $? ${b[@]}
## stdout: 0 1 2
