# join: relational join on a field

#### default join on the first field
printf '1 a\n2 b\n3 c\n' > x
printf '1 A\n3 C\n4 D\n' > y
join x y
## STDOUT:
1 a A
3 c C
## END

#### unpaired lines
printf '1 a\n2 b\n3 c\n' > x
printf '1 A\n3 C\n4 D\n' > y
join -a1 x y
join -a2 x y
join -a1 -a2 x y
## STDOUT:
1 a A
2 b
3 c C
1 a A
3 c C
4 D
1 a A
2 b
3 c C
4 D
## END

#### only unpaired lines
printf '1 a\n2 b\n3 c\n' > x
printf '1 A\n3 C\n4 D\n' > y
join -v1 x y
join -v2 x y
join -v1 -v2 x y
## STDOUT:
2 b
4 D
2 b
4 D
## END

#### output format and empty filler
printf '1 a\n2 b\n3 c\n' > x
printf '1 A\n3 C\n4 D\n' > y
join -o 1.2,2.2 x y
join -o 0,2.2,1.2 -a1 -e X x y
join -o auto -a2 -e - x y
join -e E -o 1.1,2.5 x y
## STDOUT:
a A
c C
1 A a
2 X b
3 C c
1 a A
3 c C
4 - D
1 E
3 E
## END

#### field separator
printf 'k,1,2\nm,3\n' > c1
printf 'k,x\nm,y,z\n' > c2
join -t, c1 c2
join -t, -o auto c1 c2
join -t, -a1 -e E -o 1.1,1.3,2.2 c1 c2
## STDOUT:
k,1,2,x
m,3,y,z
k,1,2,x
m,3,,y
k,2,x
m,E,y
## END

#### other join fields
printf 'a 1\nb 2\n' > p
printf '1 A\n2 B\n' > q
join -1 2 -2 1 p q
join -j 1 q q
## STDOUT:
1 a A
2 b B
1 A A
2 B B
## END

#### every pairing of equal keys
printf '1 a\n1 b\n2 c\n' > m1
printf '1 X\n1 Y\n2 Z\n' > m2
join m1 m2
## STDOUT:
1 a X
1 a Y
1 b X
1 b Y
2 c Z
## END

#### ignore case
printf 'A 1\nb 2\n' > r
printf 'a x\nB y\n' > s
join -i r s
## STDOUT:
A 1 x
b 2 y
## END

#### header lines
printf 'id name\n1 a\n' > hx
printf 'id val\n1 A\n' > hy
join --header hx hy
## STDOUT:
id name val
1 a A
## END

#### trailing blank makes an empty field
printf 'a b \n' > t1
printf 'a c\n' > t2
join t1 t2
## stdout: a b  c

#### standard input and zero terminated
printf '1 A\n3 C\n' > y
printf '1 a\n2 b\n' | join - y
printf '1 a\0' > z1
printf '1 b\0' > z2
join -z z1 z2 | cat -v
echo
## STDOUT:
1 a A
1 a b^@
## END

#### unsorted input is reported
printf '2 b\n1 a\n' > un
printf '1 A\n3 C\n' > y
join un y
echo "status=$?"
## stdout: status=1
## STDERR:
join: un:2: is not sorted: 1 a
join: input is not in sorted order
## END

#### check order is fatal and nocheck is silent
printf '2 b\n1 a\n' > un
printf '1 A\n3 C\n' > y
join --check-order un y
echo "status=$?"
join --nocheck-order un y
echo "status=$?"
## STDOUT:
status=1
status=0
## END
## stderr: join: un:2: is not sorted: 1 a

#### unsorted tail without unpairable lines is not checked
printf '1 a\n3 c\n2 b\n' > x
printf '1 A\n' > y
join x y
echo "status=$?"
## STDOUT:
1 a A
status=0
## END

#### bad options
printf '1\n' > x
join -a 3 x x
join -o 3.1 x x
join -o 1x x x
join -t ab x x
join -1 0 x x
echo "status=$?"
## stdout: status=1
## STDERR:
join: invalid field number: '3'
join: invalid file number in field spec: '3.1'
join: invalid field specifier: '1x'
join: multi-character tab 'ab'
join: invalid field number: '0'
## END

#### operand errors
printf '1\n' > x
join x
echo "status=$?"
join x x x
echo "status=$?"
join x nosuch
echo "status=$?"
## STDOUT:
status=1
status=1
status=1
## END
## STDERR:
join: missing operand after 'x'
Try 'join --help' for more information.
join: extra operand 'x'
Try 'join --help' for more information.
join: nosuch: No such file or directory
## END
