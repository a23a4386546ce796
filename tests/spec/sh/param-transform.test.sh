# ${x@op}: Q E P A a K k U u L

#### @Q single-quotes
x='a b'; echo "${x@Q}"
## stdout: 'a b'

#### @Q with a single quote inside
x="it's"; echo ${x@Q}
## stdout: 'it'\''s'

#### @Q with a newline uses dollar-quote
x=$'a\nb'; echo ${x@Q}
## stdout: $'a\nb'

#### @Q of empty and unset
x=; echo "[${x@Q}]"; unset x; echo "[${x@Q}]"
## STDOUT:
['']
[]
## END

#### @Q over an array
a=(1 "b c"); echo ${a[@]@Q}; echo "${a[*]@Q}"
## STDOUT:
'1' 'b c'
'1' 'b c'
## END

#### @Q over positional parameters
set -- p "q r"; echo ${@@Q} ${1@Q}
## stdout: 'p' 'q r' 'p'

#### @Q output can be eval'd
a=('x y' "it's" z); eval "b=(${a[@]@Q})"; printf '[%s]\n' "${b[@]}"
## STDOUT:
[x y]
[it's]
[z]
## END

#### @E decodes escapes
x='a\tb\x41'; echo "${x@E}"
## stdout: a	bA

#### @U @u @L
x=hello; echo ${x@U} ${x@u} ${x@L}; x=HeLLo; echo ${x@L}
## STDOUT:
HELLO Hello hello
hello
## END

#### case transforms over an array
a=(ab cd); echo ${a[@]@U} ${a[@]@u}
## stdout: AB CD Ab Cd

#### @A of a plain variable
x=hello; echo ${x@A}
## stdout: x='hello'

#### @A with attributes
declare -i n=5; echo ${n@A}; declare -rx r=1; echo ${r@A}
## STDOUT:
declare -i n='5'
declare -rx r='1'
## END

#### @A of arrays
a=(1 2); echo ${a@A}; echo ${a[@]@A}; declare -A m=([k]=v); echo ${m[@]@A}
## STDOUT:
declare -a a='1'
declare -a a=([0]="1" [1]="2")
declare -A m=([k]="v" )
## END

#### @a attributes
declare -A m=([k]=v); a=(1); x=s; declare -l lo=AB; declare -ix n=1; echo "${m@a} ${a@a} [${x@a}] ${lo@a} ${n@a}"
## stdout: A a [] l ix

#### @K pairs
declare -A m=([k]=v); a=(1 2); echo ${m[@]@K}; echo ${a[@]@K}; x=s; echo ${x@K}
## STDOUT:
k "v"
0 "1" 1 "2"
's'
## END

#### @k separate words
a=(x 'y z'); printf '<%s>' "${a[@]@k}"; echo
## stdout: <0><x><1><y z>

#### @P prompt expansion
x='\s'; echo "${x@P}"
## stdout: sh

#### unknown transform on a set variable is fatal
x=1; echo ${x@Z}; echo after
## stdout-json: ""
## status: 127

#### unknown transform on an unset variable is empty
echo "[${nosuch@Z}]"
## stdout: []

#### @Q of control characters
x=$'\e[1m\x01'; echo ${x@Q}
## stdout: $'\E[1m\001'
