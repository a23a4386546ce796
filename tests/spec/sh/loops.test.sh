# while, until, for

#### while-counter
i=0
while [ $i -lt 3 ]; do echo $i; i=$((i+1)); done
## STDOUT:
0
1
2
## END

#### while-false-never-runs
while false; do echo never; done
echo status $?
## stdout: status 0

#### until-counter
i=0
until [ $i -ge 3 ]; do echo $i; i=$((i+1)); done
## STDOUT:
0
1
2
## END

#### while-status-is-last-body-command
i=0
while [ $i -lt 1 ]; do i=1; false; done
echo $?
## stdout: 1

#### for-in-list
for x in a b c; do echo $x; done
## STDOUT:
a
b
c
## END

#### for-in-empty-list
for x in; do echo never; done
echo done
## stdout: done

#### for-without-in-uses-positional
set -- 'p 1' p2
for x; do echo "[$x]"; done
## STDOUT:
[p 1]
[p2]
## END

#### for-without-in-newline
set -- a b
for x
do
  echo $x
done
## STDOUT:
a
b
## END

#### for-variable-persists-after-loop
for x in a b last; do :; done
echo $x
## stdout: last

#### for-words-are-expanded-and-split
list='a b'
for x in $list "c d"; do echo "[$x]"; done
## STDOUT:
[a]
[b]
[c d]
## END

#### for-c-style
for ((i=0; i<3; i++)); do echo $i; done
## STDOUT:
0
1
2
## END

#### for-c-style-empty-parts
i=0
for ((;;)); do i=$((i+1)); [ $i -ge 3 ] && break; done
echo $i
## stdout: 3

#### for-c-style-multiple-vars
for ((i=0, j=10; i<3; i++, j--)); do echo $i $j; done
## STDOUT:
0 10
1 9
2 8
## END

#### for-c-style-spaces-and-newline
for (( i = 2 ; i > 0 ; i-- ))
do
  echo $i
done
## STDOUT:
2
1
## END

#### for-body-on-one-line-with-braces
for x in 1 2; { echo $x; }
## STDOUT:
1
2
## END

#### while-read-loop
printf 'x y\nz\n' > f
while read a b; do echo "a=$a b=$b"; done < f
## STDOUT:
a=x b=y
a=z b=
## END

#### loop-nested
for i in 1 2; do for j in a b; do echo -n "$i$j "; done; done; echo
## stdout-json: "1a 1b 2a 2b \n"

#### while-condition-list
i=0
while i=$((i+1)); [ $i -le 2 ]; do echo $i; done
## STDOUT:
1
2
## END

#### for-invalid-name-error
for 1x in a; do echo $1x; done
## status: 1
## STDERR:
sh: line 1: `1x': not a valid identifier
## END

#### for-missing-done-error
for x in a; do echo $x
## status: 2
## STDERR:
sh: -c: line 2: syntax error: unexpected end of file
## END

#### while-missing-do-error
while true; echo x; done
## status: 2
## STDERR:
sh: -c: line 1: syntax error near unexpected token `done'
sh: -c: line 1: `while true; echo x; done'
## END

#### for-loop-over-glob
: > a.x; : > b.x
for f in *.x; do echo "file $f"; done
## STDOUT:
file a.x
file b.x
## END

#### until-status-zero-when-no-iterations
until true; do echo never; done
echo $?
## stdout: 0

#### loop-output-piped
for i in 3 1 2; do echo $i; done | while read n; do echo "n$n"; done
## STDOUT:
n3
n1
n2
## END
