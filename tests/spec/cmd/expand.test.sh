# expand: tabs to spaces

#### default tab stops every 8
printf 'a\tb\tc\n' | expand | cat -A
## stdout: a       b       c$

#### single tab size
printf 'a\tb\tc\n' | expand -t 4 | cat -A
printf 'a\tb\n' | expand --tabs=2 | cat -A
## STDOUT:
a   b   c$
a b$
## END

#### tab list
printf 'a\tb\tc\td\n' | expand -t 2,5 | cat -A
printf 'a\tb\tc\td\n' | expand -t '2 5' | cat -A
## STDOUT:
a b  c d$
a b  c d$
## END

#### repeat after the last stop
printf 'a\tb\tc\td\te\n' | expand -t 2,/4 | cat -A
printf 'a\tb\tc\td\te\n' | expand -t 2,+4 | cat -A
## STDOUT:
a b c   d   e$
a b   c   d   e$
## END

#### initial tabs only
printf '\ta\tb\n' | expand -i | cat -A
printf '  \t a\tb\n' | expand -i -t3 | cat -A
## STDOUT:
        a^Ib$
    a^Ib$
## END

#### backspace moves back
printf 'ab\b\tc\n' | expand | cat -A
## stdout: ab^H       c$

#### old syntax
printf 'a\tb\n' | expand -3 | cat -A
## stdout: a  b$

#### files are one stream
printf 'a\t' > p
printf 'b\tc\n' > q
expand p q | cat -A
## stdout: a       b       c$

#### bad tab stops
expand -t 0 /dev/null
expand -t 4,2 /dev/null
expand -t x /dev/null
expand -t 2,/4,6 /dev/null
echo "status=$?"
## stdout: status=1
## STDERR:
expand: tab size cannot be 0
expand: tab sizes must be ascending
expand: tab size contains invalid character(s): 'x'
expand: '/' specifier only allowed with the last value
## END

#### missing file
expand nosuch
echo "status=$?"
## stdout: status=1
## stderr: expand: nosuch: No such file or directory
