# mapfile / readarray

#### mapfile-basic-keeps-newlines
printf 'a\nb\n' > f
mapfile arr < f
echo ${#arr[@]}
printf '[%s]' "${arr[@]}"; echo
## STDOUT:
2
[a
][b
]
## END

#### mapfile-t-strips-newlines
printf 'a\nb\nc\n' > f
mapfile -t arr < f
echo ${#arr[@]} "${arr[@]}"
## stdout: 3 a b c

#### mapfile-n-count
printf '1\n2\n3\n4\n' > f
mapfile -t -n 2 arr < f
echo "${arr[@]}"
## stdout: 1 2

#### mapfile-s-skip
printf '1\n2\n3\n4\n' > f
mapfile -t -s 2 arr < f
echo "${arr[@]}"
## stdout: 3 4

#### mapfile-default-array-name
printf 'x\ny\n' > f
mapfile -t < f
echo "${MAPFILE[@]}"
## stdout: x y

#### readarray-synonym
printf 'p\nq\n' > f
readarray -t lines < f
echo ${lines[1]}
## stdout: q

#### mapfile-empty-input
mapfile -t arr < /dev/null
echo ${#arr[@]}
## stdout: 0

#### mapfile-last-line-without-newline
printf 'a\nb' > f
mapfile -t arr < f
echo ${#arr[@]} ${arr[1]}
## stdout: 2 b

#### mapfile-keeps-blank-lines
printf 'a\n\nb\n' > f
mapfile -t arr < f
echo ${#arr[@]} "[${arr[1]}]"
## stdout: 3 []

#### mapfile-from-herestring
mapfile -t arr <<< 'one two
three'
echo ${#arr[@]} "${arr[0]}"
## stdout: 2 one two

#### mapfile-replaces-existing-array
arr=(old old old old)
printf 'new\n' > f
mapfile -t arr < f
echo ${#arr[@]} ${arr[0]}
## stdout: 1 new

#### mapfile-delimiter
printf 'a,b,c' > f
mapfile -t -d , arr < f
echo ${#arr[@]} ${arr[2]}
## stdout: 3 c

#### mapfile-from-pipe-in-group
printf 'x\ny\n' | { mapfile -t a; echo ${#a[@]}; }
## stdout: 2
