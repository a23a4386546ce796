# string: fish's string command (expectations from fish 3.6)

#### length
string length abc '' de
echo $?
string length ''
echo $?
## STDOUT:
3
0
2
0
0
1
## END
## bash_diff: ninebox's own command

#### length counts characters
string length 'héllo'
## stdout: 5
## bash_diff: ninebox's own command

#### sub
string sub -s 2 -l 3 abcdef
string sub -s -2 abcdef
string sub -l 2 abcdef
string sub -s 2 -e 4 abcdef
string sub -e -1 abcdef
string sub -s -10 -l 2 abcdef
## STDOUT:
bcd
ef
ab
bcd
abcde
ab
## END
## bash_diff: ninebox's own command

#### sub errors
string sub -s 0 abc
echo $?
string sub -l 2 -e 3 abc
echo $?
## STDOUT:
2
2
## END
## bash_diff: ninebox's own command

#### split
string split , a,b,,c
string split -n , a,b,,c
string split -m 1 , a,b,c
string split -r -m 1 , a,b,c
string split '' abc
## STDOUT:
a
b

c
a
b
c
a
b,c
a,b
c
a
b
c
## END
## bash_diff: ninebox's own command

#### split fields and status
string split -f 1,3 , a,b,c
string split , abc
echo $?
string split -f 5 , a,b,c
echo $?
## STDOUT:
a
c
abc
1
1
## END
## bash_diff: ninebox's own command

#### join
string join , a b c
string join -n , a '' b
string join , a
echo $?
## STDOUT:
a,b,c
a,b
a
1
## END
## bash_diff: ninebox's own command

#### trim
string trim '  a b  ' x
string trim -l '  a  ' | cat -A
string trim -r '  a  ' | cat -A
string trim -c ab aaxbb
string trim x
echo $?
## STDOUT:
a b
x
a  $
  a$
x
x
1
## END
## bash_diff: ninebox's own command

#### upper and lower
string upper abc Def
string lower ABC
string upper ABC
echo $?
## STDOUT:
ABC
DEF
abc
ABC
1
## END
## bash_diff: ninebox's own command

#### replace
string replace a X banana
string replace -a a X banana
string replace -i A x abc
string replace a '$0' xa
string replace z y abc
echo $?
## STDOUT:
bXnana
bXnXnX
xbc
x$0
abc
1
## END
## bash_diff: ninebox's own command

#### replace with a regex
string replace -r 'a(n)' '<$1>' banana
string replace -ra 'a(n)' '<$1>' banana
string replace -r '(?<n>b)' '[${n}]' abc
string replace -r '\s+' ' ' 'a   b    c'
## STDOUT:
b<n>ana
b<n><n>a
a[b]c
a b    c
## END
## bash_diff: ninebox's own command

#### replace filter
string replace -f a X abc xyz
## stdout: Xbc
## bash_diff: ninebox's own command

#### match a glob
string match 'a*' abc bcd axe
string match 'a?c' abc
string match 'a[b]c' 'a[b]c' abc
string match -v 'a*' abc bcd
string match 'z*' abc
echo $?
## STDOUT:
abc
axe
abc
a[b]c
bcd
1
## END
## bash_diff: ninebox's own command

#### match a regex
string match -r 'b(.)' abc xbdx
string match -ra 'b.' bxbybz
string match -rg 'b(.)' abc
string match -n -r 'b+' abbbc
string match -e -r b abc
string match -r '\d+' abc123def45
## STDOUT:
bc
c
bd
d
bx
by
bz
c
2 3
abc
123
## END
## bash_diff: ninebox's own command

#### match quietly
string match -q 'a*' abc
echo $?
string match -q -r z abc
echo $?
## STDOUT:
0
1
## END
## bash_diff: ninebox's own command

#### repeat
string repeat -n 3 ab
string repeat -n 2 a b
string repeat -n 3 -m 5 ab
string repeat -m 3 ab
string repeat -n 2 -N ab
echo
string repeat -n 0 ab
echo $?
## STDOUT:
ababab
aa
bb
ababa
aba
abab
1
## END
## bash_diff: ninebox's own command

#### strings from standard input
printf 'x\ny\n' | string upper
printf 'a b\n' | string split ' '
## STDOUT:
X
Y
a
b
## END
## bash_diff: ninebox's own command

#### bad subcommand and option
string frob
echo $?
string length --frob x
echo $?
## STDOUT:
2
2
## END
## STDERR:
string: frob: invalid subcommand
string length: --frob: unknown option
## END
## bash_diff: ninebox's own command
