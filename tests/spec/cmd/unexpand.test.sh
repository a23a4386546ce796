# unexpand: spaces to tabs

#### initial blanks by default
printf '        a       b\n' | unexpand | cat -A
## stdout: ^Ia       b$

#### all blanks
printf '        a       b\n' | unexpand -a | cat -A
printf 'a       b\n' | unexpand -a | cat -A
## STDOUT:
^Ia^Ib$
a^Ib$
## END

#### a single space before a stop stays
printf 'a      b\n' | unexpand -a | cat -A
printf 'x \ty\n' | unexpand -a | cat -A
printf '  a  \t b\n' | unexpand -a | cat -A
## STDOUT:
a      b$
x^Iy$
  a^I b$
## END

#### tab size implies all
printf '    a   b\n' | unexpand -t 4 | cat -A
## stdout: ^Ia^Ib$

#### first only
printf '    a   b\n' | unexpand -t 4 --first-only | cat -A
## stdout: ^Ia   b$

#### tab list
printf '          x\n' | unexpand -t 2,6 | cat -A
printf 'ab      c\n' | unexpand -a -t 3 | cat -A
## STDOUT:
^I^I    x$
ab^I^I  c$
## END

#### mixed tabs and spaces
printf ' \t  x\n' | unexpand | cat -A
## stdout: ^I  x$

#### trailing blanks
printf '        \n' | unexpand | cat -A
printf '         ' | unexpand | cat -A
echo
## STDOUT:
^I$
^I 
## END

#### old syntax
printf '        a\n' | unexpand -3 | cat -A
## stdout: ^I^I  a$

#### bad tab size
unexpand -t 0 /dev/null
echo "status=$?"
## stdout: status=1
## stderr: unexpand: tab size cannot be 0

#### missing file
unexpand nosuch
echo "status=$?"
## stdout: status=1
## stderr: unexpand: nosuch: No such file or directory
