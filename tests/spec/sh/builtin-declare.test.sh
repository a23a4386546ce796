# declare / typeset

#### declare-p-scalar
x=hello
declare -p x
## stdout: declare -- x="hello"

#### declare-p-quotes-special-chars
x='a "b" $c'
declare -p x
## stdout: declare -- x="a \"b\" \$c"

#### declare-p-integer
declare -i n=5
declare -p n
## stdout: declare -i n="5"

#### declare-p-exported
declare -x ex=1
declare -p ex
## stdout: declare -x ex="1"

#### declare-p-readonly
declare -r ro=1
declare -p ro
## stdout: declare -r ro="1"

#### declare-p-combined-flags
declare -ix both=3
declare -p both
## stdout: declare -ix both="3"

#### declare-p-unset-variable-error
declare -p nosuch_zz
echo $?
## stdout: 1
## STDERR:
sh: line 1: declare: nosuch_zz: not found
## END

#### declare-p-declared-without-value
declare v
declare -p v
## stdout: declare -- v

#### declare-p-indexed-array
declare -a arr=(one 'two three')
declare -p arr
## stdout: declare -a arr=([0]="one" [1]="two three")

#### declare-p-sparse-array
a[3]=x
a[10]=y
declare -p a
## stdout: declare -a a=([3]="x" [10]="y")

#### declare-i-arithmetic
declare -i n
n='3 * 4'
echo $n
## stdout: 12

#### declare-i-plus-equals
declare -i n=10
n+=5
echo $n
## stdout: 15

#### declare-x-exports
declare -x DX=exported
bash -c 'echo $DX'
## stdout: exported

#### declare-r-readonly
declare -r RO=fixed
RO=changed
echo $RO
## stdout: fixed
## STDERR:
sh: line 2: RO: readonly variable
## END

#### declare-plus-x-unexports
export UX=1
declare +x UX
bash -c 'echo "[$UX]"'
## stdout: []

#### declare-a-array
declare -a arr
arr[1]=b
arr[0]=a
echo "${arr[@]}"
## stdout: a b

#### declare-A-assoc
declare -A m
m[key]=val
echo ${m[key]}
## stdout: val

#### typeset-synonym
typeset -i t=2+2
echo $t
## stdout: 4

#### declare-in-function-local
f() { declare v=inner; }
v=outer
f
echo $v
## stdout: outer

#### declare-g-global-from-function
f() { declare -g gv=global; }
f
echo $gv
## stdout: global

#### declare-l-and-u-case
declare -l lo=HeLLo
declare -u up=HeLLo
echo $lo $up
## stdout: hello HELLO

#### declare-invalid-identifier
declare 1x=2
echo $?
## stdout: 1
## STDERR:
sh: line 1: declare: `1x=2': not a valid identifier
## END

#### declare-assign-multiple
declare a=1 b=2
echo $a $b
## stdout: 1 2

#### declare-f-prints-function
f() { echo body; }
declare -f f
## stdout-json: "f () \n{ \n    echo body\n}\n"

#### declare-F-names-only
f() { :; }
declare -F f
## stdout: f

#### declare-p-after-unset
x=1
unset x
declare -p x 2>/dev/null || echo gone
## stdout: gone

#### options end at the first name
declare 1x=2 y=3 -z 2>/dev/null; echo $? $y
## stdout: 1 3

#### a local inherits the export attribute alone
export x=g; declare -i n=1; f() { local x=1 n=2+2; printenv x; declare -p n; }; f
## STDOUT:
1
declare -- n="2+2"
## END

#### allexport does not export arrays
set -a; arr=(1); declare -A m=([k]=v); s=1; declare -p arr m s
## STDOUT:
declare -a arr=([0]="1")
declare -A m=([k]="v" )
declare -x s="1"
## END

#### -l and -u replace each other; asked together neither is set
declare -l x=AB; declare -u x; echo $x; x=Cd; echo $x
declare -lu x; x=eF; echo $x; declare +u x; x=Gh; declare -p x
## STDOUT:
ab
CD
eF
declare -- x="Gh"
## END

#### declare -p prints attributes in bash's order, -r with -n marks the reference
declare -ilrx x2=5; declare -iAx m; declare -nr q=z; declare -p x2 m q
## STDOUT:
declare -irxl x2="5"
declare -Aix m
declare -nr q="z"
## END

#### a scalar declared as an array becomes element 0; kinds do not convert
x3=1; declare -A x3; declare -p x3
y=2; declare -a y; declare -p y
declare -a z=v; declare -p z
a=(1 2); declare -A a; echo $?
declare -A m4; declare -a m4; echo $?
declare -p a m4
## STDOUT:
declare -A x3=([0]="1" )
declare -a y=([0]="2")
declare -a z=([0]="v")
1
1
declare -a a=([0]="1" [1]="2")
declare -A m4
## END

#### declare with only attributes lists the variables that have them all
declare -i I=2; declare -ia J=(1); declare -A M
declare -ai
declare -A | grep ' M'
declare -i | grep -E '^declare -a?i [IJ]'
declare -l lo=X; declare -u up=y; declare -n nn=lo
declare -l | grep -E ' (lo|up)='
declare -n | grep nn
## STDOUT:
declare -ai J=([0]="1")
declare -A M
declare -i I="2"
declare -ai J=([0]="1")
declare -l lo="x"
declare -n nn="lo"
## END

#### printf -vNAME in one word
printf -vyy %s a; echo $yy
## stdout: a
