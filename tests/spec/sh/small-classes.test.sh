# smaller classes: prefix assignment order, declare -a, test -v a[i], {fd} redirections, quotes in patterns, printf %b, cd a/..

#### prefix assignments apply in order
A=1 B=$A env | grep ^B=
## stdout: B=1

#### plain assignments apply in order
A=1 B=$A; echo $B
## stdout: 1

#### prefix assignment does not change the words
A=old; A=new echo $A
## stdout: old

#### declare -a on an existing array keeps it
a=(1 2); declare -a a; echo ${a[@]}
## stdout: 1 2

#### declare -a on a scalar makes element 0
s=x; declare -a s; declare -p s
## stdout: declare -a s=([0]="x")

#### test -v with a subscript
a=(1 2); test -v 'a[1]' && echo y; test -v 'a[5]' || echo n; [ -v a ] && echo set
## STDOUT:
y
n
set
## END

#### test -v with an assoc key
declare -A m=([k]=v); [ -v 'm[k]' ] && echo yes; [ -v 'm[z]' ] || echo no
## STDOUT:
yes
no
## END

#### named fd for writing
exec {fd}>f; echo hi >&$fd; exec {fd}>&-; cat f; [ "$fd" -ge 10 ] && echo ten-or-more
## STDOUT:
hi
ten-or-more
## END

#### two named fds
exec {a}>f {b}>g; [ $b -gt $a ] && echo ordered; echo x >&$b; exec {b}>&-; cat g
## STDOUT:
ordered
x
## END

#### named fd for reading
echo data > in; exec {r}<in; read -u $r line; echo "$line"; exec {r}<&-
## stdout: data

#### named fd on a compound command stays open
{ echo grouped; } {o}>out; cat out; echo more >&$o; cat out
## STDOUT:
grouped
more
## END

#### closing an unset named fd
exec {fd}>&- 2>/dev/null; echo $?
## stdout: 1

#### single quotes in a pattern inside double quotes
x=a.txt; echo "${x%'.txt'}" "${x#'a'}"
## stdout: a .txt

#### single quotes in a replacement inside double quotes
x=a.txt; echo "${x/'a'/b}" "${x/a/'b'}"
## stdout: b.txt b.txt

#### single quotes kept in a default inside double quotes
echo "${u:-'q'}"
## stdout: 'q'

#### quoted star in a pattern inside double quotes
z="a*b"; echo "${z%'*'b}"
## stdout: a

#### printf %b octal forms
printf '%b\n' 'a\101\0102\x43'
## stdout: aABC

#### printf time format
printf '%(%Y-%m-%d)T\n' 0
## stdout: 1970-01-01

#### cd through a missing directory fails
cd nonexistent/.. 2>/dev/null; echo $?
## stdout: 1

#### cd through a file fails
touch f; cd f/.. 2>/dev/null; echo $?; mkdir d; cd d/.. && echo ok
## STDOUT:
1
ok
## END

#### cd error message
cd nosuch/.. 2>&1 | sed 's/^[^:]*: line 1: //'
## stdout: cd: nosuch/..: No such file or directory
