# read builtin

#### read-single-var
echo hello world > f
read x < f
echo "[$x]"
## stdout: [hello world]

#### read-multiple-vars-last-gets-rest
echo 'a b c d' > f
read x y z < f
echo "[$x][$y][$z]"
## stdout: [a][b][c d]

#### read-fewer-fields-than-vars
echo 'a' > f
read x y < f
echo "[$x][$y]"
## stdout: [a][]

#### read-default-reply
echo 'some line' > f
read < f
echo "[$REPLY]"
## stdout: [some line]

#### read-reply-keeps-whitespace
printf '  padded  \n' > f
read < f
echo "[$REPLY]"
## stdout: [  padded  ]

#### read-strips-leading-trailing-ifs-whitespace
printf '  a b  \n' > f
read x < f
echo "[$x]"
## stdout: [a b]

#### read-backslash-escapes-without-r
printf 'a\\ b\\\\c\n' > f
read x y < f
echo "[$x][$y]"
## stdout: [a b\c][]

#### read-r-keeps-backslashes
printf 'a\\ b\n' > f
read -r x y < f
echo "[$x][$y]"
## stdout: [a\][b]

#### read-backslash-newline-continuation
printf 'one\\\ntwo\n' > f
read x < f
echo "[$x]"
## stdout: [onetwo]

#### read-eof-status
read x < /dev/null
echo $? "[$x]"
## stdout: 1 []

#### read-partial-last-line
printf 'no newline' > f
read x < f
echo $? "[$x]"
## stdout: 1 [no newline]

#### read-custom-ifs
echo 'a:b:c' > f
IFS=: read x y z < f
echo "$x $y $z"
## stdout: a b c

#### read-ifs-empty-field
echo 'a::c' > f
IFS=: read x y z < f
echo "[$x][$y][$z]"
## stdout: [a][][c]

#### read-ifs-prefix-not-persistent
echo 'a:b' > f
IFS=: read x y < f
v='x y'
set -- $v
echo $#
## stdout: 2

#### read-array
echo 'one two three' > f
read -a arr < f
echo ${#arr[@]} ${arr[2]}
## stdout: 3 three

#### read-delimiter
printf 'a,b;rest' > f
read -d ';' x < f
echo "[$x]"
## stdout: [a,b]

#### read-delimiter-empty-is-nul
printf 'line1\nline2\n' > f
read -d '' x < f
echo $?
echo "$x"
## STDOUT:
1
line1
line2
## END

#### read-n-chars
echo abcdef > f
read -n 3 x < f
echo "[$x]"
## stdout: [abc]

#### read-n-stops-at-newline
printf 'ab\ncd\n' > f
read -n 5 x < f
echo "[$x]"
## stdout: [ab]

#### read-capital-n-exact
printf 'ab\ncd\n' > f
read -N 4 x < f
echo "[$x]"
## STDOUT:
[ab
c]
## END

#### read-prompt-not-shown-when-stdin-not-tty
echo val > f
read -p 'Enter: ' x < f
echo "[$x]"
## stdout: [val]
## stderr-json: ""

#### read-t-zero-with-input
echo data > f
read -t 0 < f
echo $?
## stdout: 0

#### read-sequential-lines-from-fd
printf 'l1\nl2\n' > f
{ read a; read b; } < f
echo "$a,$b"
## stdout: l1,l2

#### read-from-herestring-preserves-inner-spaces
read -r x <<< '  a   b  '
echo "[$x]"
## stdout: [a   b]

#### read-ifs-empty-no-trimming
IFS= read -r x <<< '  a b  '
echo "[$x]"
## stdout: [  a b  ]

#### read-invalid-var-name
read 1x <<< foo
echo $?
## stdout: 1
## STDERR:
sh: line 1: read: `1x': not a valid identifier
## END

#### read-loop-last-line-without-newline
printf 'a\nb' > f
while read -r l || [ -n "$l" ]; do echo "<$l>"; done < f
## STDOUT:
<a>
<b>
## END

#### read-u-fd
echo from-fd3 > f
exec 3< f
read -u 3 x
echo $x
## stdout: from-fd3

#### read-ifs-nonwhitespace-trailing
IFS=, read -r a b <<< 'x,y,'
echo "[$a][$b]"
IFS=, read -r a b <<< 'x,y,z,'
echo "[$a][$b]"
## STDOUT:
[x][y]
[x][y,z,]
## END

#### read into a readonly variable fails and the script goes on
readonly x=1; read x <<< 2; echo "$? $x"
## stdout: 1 1

#### read's second name readonly
readonly y=1; read a y <<< 'p q'; echo "$? $a $y"
## stdout: 1 p 1

#### read into an array element
i=1; read 'c[i+1]' d <<< 'r s'; declare -p c d
## STDOUT:
declare -a c=([2]="r")
declare -- d="s"
## END

#### read into an associative element
declare -A m; read 'm[k]' <<< v; declare -p m
## stdout: declare -A m=([k]="v" )

#### read -a takes a name, not an element
read -a 'x[1]' <<< v 2>/dev/null; echo $?
## stdout: 1
