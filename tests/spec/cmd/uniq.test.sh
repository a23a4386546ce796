# uniq: adjacent duplicates

#### merges adjacent duplicates
printf 'a\na\nb\nc\nc\nc\nd\na\n' | uniq
## STDOUT:
a
b
c
d
a
## END

#### count
printf 'a\na\nb\nc\nc\nc\n' | uniq -c
## STDOUT:
      2 a
      1 b
      3 c
## END

#### repeated and unique
printf 'a\na\nb\nc\nc\nc\nd\n' > f
uniq -d f
uniq -u f
uniq -cd f
uniq -cu f
uniq -u -d f
## STDOUT:
a
c
b
d
      2 a
      3 c
      1 b
      1 d
## END

#### all repeated
printf 'a\na\nb\nc\nc\nc\nd\n' > f
uniq -D f
uniq --all-repeated=separate f
uniq --all-repeated=prepend f
## STDOUT:
a
a
c
c
c
a
a

c
c
c

a
a

c
c
c
## END

#### groups
printf 'a\na\nb\nc\nc\n' > f
uniq --group f
uniq --group=prepend f
uniq --group=append f
uniq --group=both f
## STDOUT:
a
a

b

c
c

a
a

b

c
c
a
a

b

c
c


a
a

b

c
c

## END

#### ignore case
printf 'A\na\nb\nB\nc\n' | uniq -i
printf 'a\nA\nb\n' | uniq -ci
## STDOUT:
A
b
c
      2 a
      1 b
## END

#### skip fields
printf 'x a\ny a\nz b\n' | uniq -f 1
printf 'a b\na  b\n' | uniq -f 1 -c
## STDOUT:
x a
z b
      1 a b
      1 a  b
## END

#### skip chars and check chars
printf 'xa\nya\nzb\n' | uniq -s 1
printf 'ab1\nab2\nac\n' | uniq -w 2
printf 'x ab1\ny ab2\n' | uniq -f1 -s1 -w2
## STDOUT:
xa
zb
ab1
ac
x ab1
## END

#### old style field and char skips
printf 'x a\ny a\n' | uniq -1
printf 'xa\nya\n' | uniq +1
## STDOUT:
x a
xa
## END

#### zero terminated
printf 'a\0a\0b\0' | uniq -z | cat -v
echo
## stdout: a^@b^@

#### last line without newline
printf 'a\na' | uniq
printf 'a\nb' | uniq
## STDOUT:
a
a
b
## END

#### output operand
printf 'a\na\nb\n' > f
uniq f out
cat out
uniq - out2 < f
cat out2
## STDOUT:
a
b
a
b
## END

#### empty input
printf '' | uniq -c
echo end
## stdout: end

#### incompatible options
printf 'a\n' > f
uniq -cD f
echo "status=$?"
uniq --group -c f
echo "status=$?"
## STDOUT:
status=1
status=1
## END
## STDERR:
uniq: printing all duplicated lines and repeat counts is meaningless
Try 'uniq --help' for more information.
uniq: --group is mutually exclusive with -c/-d/-D/-u
Try 'uniq --help' for more information.
## END

#### bad numbers and arguments
printf 'a\n' > f
uniq -f x f
echo "status=$?"
uniq -s -1 f
echo "status=$?"
uniq -w z f
echo "status=$?"
uniq --all-repeated=bad f
echo "status=$?"
## STDOUT:
status=1
status=1
status=1
status=1
## END
## STDERR:
uniq: x: invalid number of fields to skip
uniq: -1: invalid number of bytes to skip
uniq: z: invalid number of bytes to compare
uniq: invalid argument 'bad' for '--all-repeated'
Valid arguments are:
  - 'none'
  - 'prepend'
  - 'separate'
Try 'uniq --help' for more information.
## END

#### extra operand
uniq a b c
echo "status=$?"
## stdout: status=1
## STDERR:
uniq: extra operand 'c'
Try 'uniq --help' for more information.
## END

#### missing file and directory
uniq nosuch
echo "status=$?"
uniq .
echo "status=$?"
## STDOUT:
status=1
status=1
## END
## STDERR:
uniq: nosuch: No such file or directory
uniq: error reading '.'
## END
