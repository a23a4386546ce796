# Associative arrays (declare -A). Key order is hash order in bash, so
# cases only look at single keys or iterate over known keys.

#### assoc-basic-set-get
declare -A m
m[one]=1
m[two]=2
echo ${m[one]} ${m[two]}
## stdout: 1 2

#### assoc-literal
declare -A m=([a]=x [b]=y)
echo ${m[a]}${m[b]}
## stdout: xy

#### assoc-count
declare -A m=([a]=1 [b]=2 [c]=3)
echo ${#m[@]}
## stdout: 3

#### assoc-key-with-spaces
declare -A m
m['hello world']=hi
k='hello world'
echo "${m[$k]}" "${m[hello world]}"
## stdout: hi hi

#### assoc-missing-key-empty
declare -A m
echo "[${m[nope]}]"
## stdout: []

#### assoc-membership-test
declare -A m=([a]=1)
[[ -v m[a] ]] && echo has-a
[[ -v m[b] ]] || echo no-b
## STDOUT:
has-a
no-b
## END

#### assoc-membership-with-plus
declare -A m=([a]=)
echo "[${m[a]+set}] [${m[b]+set}]"
## stdout: [set] []

#### assoc-overwrite
declare -A m
m[k]=old
m[k]=new
echo ${m[k]} ${#m[@]}
## stdout: new 1

#### assoc-append-to-value
declare -A m=([k]=ab)
m[k]+=cd
echo ${m[k]}
## stdout: abcd

#### assoc-unset-key
declare -A m=([a]=1 [b]=2)
unset 'm[a]'
echo ${#m[@]} ${m[b]} "[${m[a]}]"
## stdout: 1 2 []

#### assoc-iterate-known-keys
declare -A m=([x]=10 [y]=20 [z]=30)
for k in x y z; do echo "$k=${m[$k]}"; done
## STDOUT:
x=10
y=20
z=30
## END

#### assoc-keys-single
declare -A m=([only]=v)
echo ${!m[@]}
## stdout: only

#### assoc-values-sum
declare -A m=([a]=1 [b]=2 [c]=3)
t=0
for v in "${m[@]}"; do t=$((t+v)); done
echo $t
## stdout: 6

#### assoc-keys-all-present
declare -A m=([a]=1 [b]=2 [c]=3)
n=0
for k in "${!m[@]}"; do case $k in a|b|c) n=$((n+1));; esac; done
echo $n
## stdout: 3

#### assoc-key-not-arithmetic
declare -A m
m[1+1]=x
echo "${m[2]}|${m[1+1]}"
## stdout: |x

#### assoc-variable-key-expansion
declare -A m
k=key
m[$k]=val
echo ${m[key]}
## stdout: val

#### assoc-declare-p-single
declare -A m=([k]=v)
declare -p m
## stdout: declare -A m=([k]="v" )

#### assoc-append-compound
declare -A m=([a]=1)
m+=([b]=2)
echo ${m[a]}${m[b]} ${#m[@]}
## stdout: 12 2

#### assoc-local-in-function
f() { local -A m=([k]=inner); echo ${m[k]}; }
f
echo "[${m[k]}]"
## STDOUT:
inner
[]
## END

#### assoc-without-declare-is-indexed
m[foo]=1
m[bar]=2
echo ${#m[@]} ${m[0]}
## stdout: 1 2
