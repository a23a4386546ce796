# rev: reverse each line

#### reverse lines
printf 'abc\nhello world\n' | rev
## STDOUT:
cba
dlrow olleh
## END

#### empty lines stay
printf 'ab\n\ncd\n' | rev
## STDOUT:
ba

dc
## END

#### last line without newline
printf 'abc\nxy' | rev
echo '|'
## STDOUT:
cba
yx|
## END

#### tabs and punctuation
printf 'a\tb,c!\n' | rev | cat -A
## stdout: !c,b^Ia$

#### files and stdin
printf 'one\n' > a
printf 'two\n' | rev a a
printf 'two\n' | rev
## STDOUT:
eno
eno
owt
## END

#### long line
printf '%s' {1..2000} > long
rev long | rev > back
[ "$(cat back)" = "$(cat long)" ] && echo same
rev long | wc -c
## STDOUT:
same
6893
## END

#### many lines
printf '%s\n' {10..20} | rev
## STDOUT:
01
11
21
31
41
51
61
71
81
91
02
## END

#### missing file
printf 'x\n' > a
rev nosuch a
echo "status=$?"
## STDOUT:
x
status=1
## END
## stderr: rev: cannot open nosuch: No such file or directory

#### directory
rev .
echo "status=$?"
## stdout: status=1
## stderr: rev: .: 0: Is a directory

#### bad option
rev -x
echo "status=$?"
## stdout: status=1
## STDERR:
rev: invalid option -- 'x'
Try 'rev --help' for more information.
## END

#### characters in a UTF-8 locale
printf 'héllo 日本\n' > f
LC_ALL=C.UTF-8 rev f
## stdout: 本日 olléh
