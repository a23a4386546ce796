# paste: merge lines of files

#### two files side by side
printf '1\n2\n3\n' > a
printf 'x\ny\n' > b
paste a b
## STDOUT:
1	x
2	y
3	
## END

#### delimiter list cycles
printf '1\n2\n' > a
printf 'x\ny\n' > b
paste -d, a b
paste -d ':,' a b a
## STDOUT:
1,x
2,y
1:x,1
2:y,2
## END

#### escapes in the delimiter list
printf '1\n2\n' > a
printf 'x\ny\n' > b
paste -d '\t\n' a b a
paste -d '\0x' a b a
paste -d '' a b
## STDOUT:
1	x
1
2	y
2
1xx1
2yx2
1x
2y
## END

#### serial
printf '1\n2\n3\n' > a
printf 'x\ny\n' > b
paste -s a b
paste -s -d, a b
## STDOUT:
1	2	3
x	y
1,2,3
x,y
## END

#### serial of an empty file is an empty line
printf '' > e
printf '1\n' > a
paste -s e a
## STDOUT:

1
## END

#### dashes share standard input
printf '1\n2\n3\n4\n5\n' | paste - -
printf 'x\ny\n' > b
printf '1\n2\n' | paste - b -
## STDOUT:
1	2
3	4
5	
1	x	2
	y	
## END

#### last line without newline
printf 'p\nq' > c
printf '1\n2\n3\n' > a
paste c a
paste -s c
## STDOUT:
p	1
q	2
	3
p	q
## END

#### zero terminated
printf 'a\0b\0' > z1
printf 'x\0y\0' > z2
paste -z z1 z2 | cat -v
echo
## stdout: a	x^@b	y^@

#### no operand reads standard input
printf 'a\nb\n' | paste
## STDOUT:
a
b
## END

#### missing file stops before output
printf '1\n' > a
paste a nosuch
echo "status=$?"
## stdout: status=1
## stderr: paste: nosuch: No such file or directory

#### directory operand reads as empty
printf '1\n2\n' > a
paste . a
echo "status=$?"
paste -s . a
## STDOUT:
	1
	2
status=1

1	2
## END
## status: 1
## STDERR:
paste: .: Is a directory
paste: .: Is a directory
## END

#### delimiter list ending in a backslash
paste -d 'a\' x y
echo "status=$?"
## stdout: status=1
## stderr: paste: delimiter list ends with an unescaped backslash: a\
