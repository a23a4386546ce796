# fold: wrap lines

#### default width 80
printf '%0100d\n' 0 | fold
## STDOUT:
00000000000000000000000000000000000000000000000000000000000000000000000000000000
00000000000000000000
## END

#### width
printf 'hello world foo bar\n' | fold -w 5
## STDOUT:
hello
 worl
d foo
 bar
## END

#### break at spaces
printf 'hello world foo bar\n' | fold -s -w 7
printf 'a b c d e f\n' | fold -s -w 3
printf '   abcdef\n' | fold -s -w 4
## STDOUT:
hello 
world 
foo bar
a 
b 
c 
d 
e f
   
abcd
ef
## END

#### tabs count to the next stop
printf 'a\tbcdefghij\n' | fold -w 6 | cat -A
## STDOUT:
a$
^I$
bcdefg$
hij$
## END

#### bytes mode counts tabs as one
printf 'a\tbcdefghij\n' | fold -b -w 6 | cat -A
## STDOUT:
a^Ibcde$
fghij$
## END

#### backspace and carriage return
printf 'abc\bdefg\n' | fold -w 3 | cat -A
printf 'abcd\refgh\n' | fold -w 5 | cat -A
## STDOUT:
abc^Hd$
efg$
abcd^Mefgh$
## END

#### last line without newline
printf 'abcdef' | fold -w 4
echo '|'
## STDOUT:
abcd
ef|
## END

#### old syntax
printf 'abcdefgh\n' | fold -3
## STDOUT:
abc
def
gh
## END

#### several files
printf 'abcd\n' > a
printf 'efgh\n' > b
fold -w 2 a b
## STDOUT:
ab
cd
ef
gh
## END

#### bad width
fold -w 0 a
echo "status=$?"
fold -w x a
echo "status=$?"
## STDOUT:
status=1
status=1
## END
## STDERR:
fold: invalid number of columns: '0': Numerical result out of range
fold: invalid number of columns: 'x'
## END

#### missing file and directory
printf 'ab\n' > a
fold nosuch . a
echo "status=$?"
## STDOUT:
ab
status=1
## END
## STDERR:
fold: nosuch: No such file or directory
fold: .: Is a directory
## END
