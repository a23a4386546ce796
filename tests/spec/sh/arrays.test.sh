# Indexed arrays

#### array-literal-and-index
a=(x y z)
echo ${a[0]} ${a[2]}
## stdout: x z

#### array-bare-name-is-element-zero
a=(first second)
echo $a
## stdout: first

#### array-all-elements
a=(x 'y z' w)
echo ${a[@]}
## stdout: x y z w

#### array-quoted-at-keeps-elements
a=(x 'y z' w)
for e in "${a[@]}"; do echo "[$e]"; done
## STDOUT:
[x]
[y z]
[w]
## END

#### array-quoted-star-joins
a=(x y z)
IFS=-
echo "${a[*]}"
## stdout: x-y-z

#### array-count
a=(x y z)
echo ${#a[@]} ${#a[*]}
## stdout: 3 3

#### array-element-length
a=(x hello)
echo ${#a[1]}
## stdout: 5

#### array-negative-index
a=(x y z)
echo ${a[-1]} ${a[-3]}
## stdout: z x

#### array-negative-index-out-of-range
a=(x y z)
echo "[${a[-4]}]"
## stdout: []
## STDERR:
sh: line 2: a: bad array subscript
## END

#### array-assign-element
a=(x y)
a[1]=Y
a[3]=W
echo "${a[@]}" ${#a[@]}
## stdout: x Y W 3

#### array-append
a=(x)
a+=(y z)
echo "${a[@]}"
## stdout: x y z

#### array-append-to-element
a=(ab cd)
a[1]+=ef
echo "${a[@]}"
## stdout: ab cdef

#### array-indices
a=(x y z)
echo ${!a[@]}
## stdout: 0 1 2

#### array-sparse-indices
a[2]=two
a[7]=seven
echo ${!a[@]} / ${a[@]} / ${#a[@]}
## stdout: 2 7 / two seven / 2

#### array-explicit-index-literal
a=([3]=c [1]=a b)
echo ${!a[@]} / ${a[@]}
## stdout: 1 2 3 / a b c

#### array-unset-element
a=(x y z)
unset 'a[1]'
echo ${!a[@]} / ${a[@]}
## stdout: 0 2 / x z

#### array-unset-whole
a=(x y z)
unset a
echo "[${a[@]}]" ${#a[@]}
## stdout: [] 0

#### array-slice
a=(a b c d e)
echo ${a[@]:1:2}
echo ${a[@]:3}
echo ${a[@]: -2}
## STDOUT:
b c
d e
d e
## END

#### array-slice-sparse-counts-elements
a=([0]=a [5]=b [9]=c)
echo ${a[@]:1}
## stdout: b c

#### array-index-arithmetic
a=(a b c d)
i=1
echo ${a[i+1]} ${a[$i]} ${a[i*3]}
## stdout: c b d

#### array-missing-element-empty
a=(x)
echo "[${a[5]}]"
## stdout: []

#### array-element-ops
a=(foo.c bar.c)
echo ${a[@]%.c} ${a[0]^^} ${a[@]/o/0}
## stdout: foo bar FOO.C f0o.c bar.c

#### array-from-word-splitting
s='a b  c'
a=($s)
echo ${#a[@]}
## stdout: 3

#### array-from-glob
: > g1; : > g2
a=(g*)
echo ${#a[@]} ${a[1]}
## stdout: 2 g2

#### array-copy
a=(x 'y z')
b=("${a[@]}")
echo ${#b[@]} "${b[1]}"
## stdout: 2 y z

#### array-declare-p
a=(x 'y z')
declare -p a
## stdout: declare -a a=([0]="x" [1]="y z")

#### array-declare-a-empty
declare -a a
echo ${#a[@]}
a+=(one)
echo ${a[0]}
## STDOUT:
0
one
## END

#### array-assign-scalar-to-array-name
a=(x y)
a=new
echo "${a[@]}"
## stdout: new y

#### array-empty-literal
a=()
echo ${#a[@]}
## stdout: 0

#### array-in-arithmetic
a=(5 10)
echo $(( a[0] + a[1] ))
## stdout: 15

#### array-for-loop-over-indices
a=(p q)
for i in "${!a[@]}"; do echo "$i=${a[i]}"; done
## STDOUT:
0=p
1=q
## END

#### pipestatus-is-array
true | false | true
echo ${#PIPESTATUS[@]}
## stdout: 3
