# `a+=(...)`: appending to indexed and associative arrays.

#### appending keeps the old elements and numbers after the last
a=(1 2); a[7]=x; a+=(y z)
echo "${!a[@]}"; echo "${a[@]}"
## STDOUT:
0 1 7 8 9
1 2 x y z
## END

#### a bad subscript is named, skipped, and the rest assigned
b=(1 2); b+=(3 [-9]=x 4); echo "st=$? ${b[*]}"
c=([-1]=z); echo "st=$? ${#c[@]}"
## STDOUT:
st=0 1 2 3 4
st=0 0
## END
## STDERR:
sh: line 1: [-9]=x: bad array subscript
sh: line 2: [-1]=z: bad array subscript
## END

#### appending to a scalar makes it element 0
s=str; s+=(x); echo "${s[*]} ${#s[@]}"
## stdout: str x 2

#### appending to an associative array adds keys
declare -A m=([k]=v); m+=([j]=w [k]=u); echo "${#m[@]} ${m[k]} ${m[j]}"
## stdout: 2 u w

#### many appends in a loop
a=(); for ((i = 0; i < 20000; i++)); do a+=("$i"); done
echo "${#a[@]} ${a[0]} ${a[19999]}"
## stdout: 20000 0 19999
