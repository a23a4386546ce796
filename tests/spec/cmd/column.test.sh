# column: columnate lists (util-linux)

#### fill columns
printf '%s\n' one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty twentyone | column
## STDOUT:
one		six		eleven		sixteen		twentyone
two		seven		twelve		seventeen
three		eight		thirteen	eighteen
four		nine		fourteen	nineteen
five		ten		fifteen		twenty
## END

#### fill rows
printf '%s\n' one two three four five six seven eight nine ten eleven twelve | column -x
## STDOUT:
one	two	three	four	five	six	seven	eight	nine	ten
eleven	twelve
## END

#### output width
printf '%s\n' 1 2 3 4 5 6 7 | column -c 16 | cat -A
printf '%s\n' 1 2 3 4 5 6 7 | column -c 16 -x | cat -A
## STDOUT:
1^I5$
2^I6$
3^I7$
4$
1^I2$
3^I4$
5^I6$
7$
## END

#### blank lines are skipped and leading blanks kept
printf '  a\nb\n   \n\nc  \n' | column | cat -A
## stdout:   a^Ib^Ic  $

#### long entries are printed one per line
printf 'abcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghij\nb\n' | column
## STDOUT:
abcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghij
b
## END

#### table
printf 'a b c\nlonger x y\n\n  z   1\n' | column -t | cat -A
## STDOUT:
a       b  c$
longer  x  y$
z       1  $
## END

#### table with a separator keeps empty cells
printf 'a:b:c\nxx::y\n' | column -t -s: | cat -A
printf 'a b\n  z\n' | column -t -s ' ' | cat -A
## STDOUT:
a   b  c$
xx     y$
a  b  $
      z$
## END

#### output separator
printf 'a:b:c\nxx::y\n' | column -t -s: -o '|'
## STDOUT:
a |b|c
xx| |y
## END

#### column names and right alignment
printf 'a b c\nd e\n' | column -t -N X,Y
printf '1 22\n333 4\n' | column -t -R 1
printf '1 22\n333 4\n' | column -t -R 2
## STDOUT:
X  Y  
a  b  c
d  e  
  1  22
333  4
1    22
333   4
## END

#### keep empty lines in a table
printf 'a b\n\nd e\n' | column -t -L | cat -A
## STDOUT:
a  b$
   $
d  e$
## END

#### empty input
printf '' | column
echo "status=$?"
## stdout: status=0

#### missing file
column nosuch
echo "status=$?"
## stdout: status=1
## stderr: column: nosuch: No such file or directory

#### display widths in a UTF-8 locale
printf 'é a\nbb c\n日本 d\n' > f
LC_ALL=C.UTF-8 column -t f
printf 'é\nab\n日本語\nx\n' | LC_ALL=C.UTF-8 column -c 20
## STDOUT:
é     a
bb    c
日本  d
é	日本語
ab	x
## END
