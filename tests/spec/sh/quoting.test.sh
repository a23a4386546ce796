# Quoting: single quotes, double quotes, backslash, $'...'

#### single-quotes-preserve-everything
echo 'a $x `b` \n "c"'
## stdout: a $x `b` \n "c"

#### single-quotes-preserve-spaces
echo 'a   b'
## stdout: a   b

#### double-quotes-expand-params
x=world
echo "hello $x"
## stdout: hello world

#### double-quotes-keep-spaces-of-expansion
x='a   b'
echo "$x"
echo $x
## STDOUT:
a   b
a b
## END

#### double-quotes-backslash-escapes
echo "a\$x \"q\" \\ \`t\`"
## stdout: a$x "q" \ `t`

#### double-quotes-backslash-other-kept
echo "a\nb\qc"
## stdout: a\nb\qc

#### single-quote-inside-double
echo "it's"
## stdout: it's

#### double-quote-inside-single
echo 'say "hi"'
## stdout: say "hi"

#### backslash-outside-quotes
echo \$x \' \" \\ a\ b
## stdout: $x ' " \ a b

#### backslash-ordinary-char-removed
echo \a\b\c
## stdout: abc

#### adjacent-quoted-parts-concatenate
x=1
echo 'a'"b"c"$x"'$x'
## stdout: abc1$x

#### empty-quotes-make-empty-arg
set -- '' "" x
echo $#
## stdout: 3

#### unquoted-empty-var-disappears
e=
set -- $e x $e
echo $#
## stdout: 1

#### quoted-empty-var-is-arg
e=
set -- "$e"
echo $#
## stdout: 1

#### quote-single-quote-in-single-quotes
echo 'it'\''s'
## stdout: it's

#### dollar-single-newline-tab
printf '%s\n' $'a\tb\nc'
## STDOUT:
a	b
c
## END

#### dollar-single-hex
echo $'\x41\x42'
## stdout: AB

#### dollar-single-octal
echo $'\101\102' $'\060\61'
## stdout: AB 01

#### dollar-single-unicode-ascii
echo $'\u41\u0042'
## stdout: AB

#### dollar-single-unicode-non-ascii-in-c-locale
x=$'\u00e9'
echo "$x"
## stdout: \u00E9

#### dollar-single-quote-and-backslash
echo $'it\'s a \\ b'
## stdout: it's a \ b

#### dollar-single-escape-e-and-a
x=$'\e'
y=$'\a'
echo ${#x} ${#y}
## stdout: 1 1

#### dollar-single-double-quote-escape
echo $'say \"hi\"'
## stdout: say "hi"

#### dollar-single-not-in-double-quotes
echo "$'a\tb'"
## stdout: $'a\tb'

#### dollar-single-nul-truncates
x=$'ab\0cd'
echo "$x"
## stdout: ab

#### dollar-single-control-char
x=$'\cA'
printf '%s' "$x" > f
read -r -n 1 c < f
[ "$c" = "$x" ] && echo ${#x}
## stdout: 1

#### special-chars-quoted-are-literal
echo '|' '&' ';' '<' '>' '(' ')' '*'
## stdout: | & ; < > ( ) *

#### double-quoted-star-not-globbed
: > afile
echo "*"
## stdout: *

#### dollar-at-end-of-word-literal
echo a$ "b$"
## stdout: a$ b$

#### backslash-newline-in-single-quotes-kept
echo 'a\
b'
## STDOUT:
a\
b
## END

#### multiline-double-quotes
echo "a
b"
## STDOUT:
a
b
## END

#### quoted-keyword-is-not-keyword
'if' 2>/dev/null
echo $?
## stdout: 127

#### single-quote-unterminated-error
echo 'abc
## status: 2
## STDERR:
sh: -c: line 1: unexpected EOF while looking for matching `''
## END
