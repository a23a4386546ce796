# namerefs: declare -n, local -n, typeset -n; to arrays and elements; unset -n

#### local -n writes the caller's variable
f() { local -n r=$1; r=new; }; v=old; f v; echo $v
## stdout: new

#### declare -n reads and writes
x=1; declare -n r=x; echo $r; r=2; echo $x; echo ${!r}; declare -p r
## STDOUT:
1
2
x
declare -n r="x"
## END

#### nameref to an indexed array
a=(1 2 3); declare -n r=a; echo ${r[1]} ${#r[@]}; r[1]=B; echo ${a[@]}
## STDOUT:
2 3
1 B 3
## END

#### nameref to an array element
a=(1 2 3); declare -n e='a[1]'; echo $e; e=X; echo ${a[@]}
## STDOUT:
2
1 X 3
## END

#### nameref to an associative array
declare -A m=([k]=v); declare -n r=m; echo ${r[k]}; r[z]=w; echo ${m[z]}
## STDOUT:
v
w
## END

#### unset through a nameref
x=1; declare -n r=x; unset r; echo "[${x-unset}]"; declare -p r
## STDOUT:
[unset]
declare -n r="x"
## END

#### unset -n removes the reference
x=1; declare -n r=x; unset -n r; echo $x; echo "[${r-none}]"
## STDOUT:
1
[none]
## END

#### self reference refused
declare -n r=r 2>/dev/null; echo $?
## stdout: 1

#### invalid name for a reference
declare -n r=1bad; echo $?
## stdout: 1

#### append to an array through local -n
f() { local -n arr=$1; arr+=(new); }; list=(a b); f list; echo ${list[@]}
## stdout: a b new

#### arithmetic through a nameref
x=5; declare -n r=x; (( r++ )); echo $x; r+=1; echo $x
## STDOUT:
6
61
## END

#### nameref without a value gets one
declare -n r; r=target; echo "[$r]"; declare -p r
## STDOUT:
[]
declare -n r="target"
## END

#### declare -n again re-points
y=2; declare -n r=x; declare -n r=y; echo $r
## stdout: 2

#### read through a nameref
f() { local -n out=$1; read -r out <<< "line"; }; f res; echo $res
## stdout: line

#### printf -v through a nameref
f() { local -n o=$1; printf -v o '%s-%s' a b; }; f res; echo $res
## stdout: a-b

#### typeset -n and declare +n
x=1; typeset -n r=x; echo $r; declare +n r; echo $r
## STDOUT:
1
x
## END

#### nameref re-pointed in a loop
for v in a b; do declare -n cur=$v; cur=$v$v; done; echo $a $b
## stdout: aa bb

#### operators through a nameref
x=abc; declare -n r=x; echo ${#r} ${r^^} ${r:1}
## stdout: 3 ABC bc

#### a circular chain reads as unset
declare -n a=b; declare -n b=a; echo "[${a-unset}] [${b:-empty}]"
## stdout: [unset] [empty]

#### assigning through a circular chain abandons the line
declare -n a=b; declare -n b=a; a=1; echo same
echo next $?
## stdout: next 1

#### read through a circular chain fails and goes on
declare -n a=b; declare -n b=a; read a <<< x; echo $?
## stdout: 1

#### declare -p lists both ends of a loop
declare -n a=b; declare -n b=a; declare -p a b
## STDOUT:
declare -n a="b"
declare -n b="a"
## END

#### unset through a loop removes the reference itself
declare -n a=b; declare -n b=a; unset a; echo $?; declare -p b
## STDOUT:
0
declare -n b="a"
## END

#### a chain of eight links still ends
declare -n a=b b=c c=d d=e e=f f=g g=h h=i; i=end; echo $a
## stdout: end

#### a three-way loop
declare -n a=b b=c c=a; echo "${a-u}"; a=2 2>/dev/null; echo same
echo $?
## STDOUT:
u
1
## END

#### a reference to an element of a reference that leads back reads as unset
declare -n r=r2; declare -n r2='r[0]'; echo "[${r}]"
## stdout: []

#### a reference to a reference to an element
a=(1 2); declare -n e='a[1]'; declare -n f=e; echo $f; f=3; echo ${a[@]}
## STDOUT:
2
1 3
## END
