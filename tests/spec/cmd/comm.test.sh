# comm: compare sorted files

#### three columns
printf 'a\nb\nd\n' > x
printf 'b\nc\nd\ne\n' > y
comm x y
## STDOUT:
a
		b
	c
		d
	e
## END

#### suppressing columns
printf 'a\nb\nd\n' > x
printf 'b\nc\nd\ne\n' > y
comm -1 x y
comm -2 x y
comm -3 x y
comm -12 x y
comm -123 x y
## STDOUT:
	b
c
	d
e
a
	b
	d
a
	c
	e
b
d
## END

#### output delimiter
printf 'a\nb\n' > x
printf 'b\nc\n' > y
comm --output-delimiter=:: x y
## STDOUT:
a
::::b
::c
## END

#### total
printf 'a\nb\nd\n' > x
printf 'b\nc\nd\ne\n' > y
comm --total x y
comm --total -12 x y
## STDOUT:
a
		b
	c
		d
	e
1	2	2	total
b
d
1	2	2	total
## END

#### standard input as one file
printf 'b\nc\n' > y
printf 'a\nb\n' | comm - y
## STDOUT:
a
		b
	c
## END

#### last line without newline
printf 'a\nb' > x
printf 'b\nc\n' > y
comm x y
## STDOUT:
a
		b
	c
## END

#### zero terminated
printf 'a\0b\0' > z1
printf 'b\0c\0' > z2
comm -z z1 z2 | cat -v
echo
## stdout: a^@		b^@	c^@

#### unsorted input warns once lines are unpairable
printf 'b\na\n' > u
printf 'b\nc\nd\n' > y
comm u y
echo "status=$?"
## STDOUT:
		b
a
	c
	d
status=1
## END
## STDERR:
comm: file 1 is not in sorted order
comm: input is not in sorted order
## END

#### check order is fatal
printf 'b\na\n' > u
printf 'b\nc\n' > y
comm --check-order u y
echo "status=$?"
## STDOUT:
		b
status=1
## END
## stderr: comm: file 1 is not in sorted order

#### no check order
printf 'b\na\n' > u
printf 'b\nc\n' > y
comm --nocheck-order u y
echo "status=$?"
## STDOUT:
		b
a
	c
status=0
## END

#### unsorted but identical files need no check
printf 'a\nc\nb\n' > u
comm u u
echo "status=$?"
## STDOUT:
		a
		c
		b
status=0
## END

#### operand errors
comm x
echo "status=$?"
comm x y z
echo "status=$?"
## STDOUT:
status=1
status=1
## END
## STDERR:
comm: missing operand after 'x'
Try 'comm --help' for more information.
comm: extra operand 'z'
Try 'comm --help' for more information.
## END

#### missing file and directory
printf 'a\n' > x
comm x nosuch
echo "status=$?"
comm . x
echo "status=$?"
## STDOUT:
status=1
status=1
## END
## STDERR:
comm: nosuch: No such file or directory
comm: .: Is a directory
## END
