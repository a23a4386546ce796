# Comments and line continuation

#### comment-whole-line
# this is a comment
echo ok
## stdout: ok

#### comment-after-command
echo a # comment here
## stdout: a

#### hash-inside-word-not-comment
echo a#b
## stdout: a#b

#### hash-quoted-not-comment
echo '#x' "#y" \#z
## stdout: #x #y #z

#### comment-after-semicolon
echo a;# echo b
echo c
## STDOUT:
a
c
## END

#### comment-hides-semicolon-and-command
echo a # ; echo b
## stdout: a

#### hash-after-expansion-in-word
x=1
echo $x#
## stdout: 1#

#### comment-in-multiline-if
if true; then # comment
  echo yes # another
fi # end
## stdout: yes

#### continuation-joins-words
echo ab\
cd
## stdout: abcd

#### continuation-between-args
echo a \
  b \
  c
## stdout: a b c

#### continuation-in-double-quotes-removed
echo "ab\
cd"
## stdout: abcd

#### continuation-in-single-quotes-kept
echo 'ab\
cd'
## STDOUT:
ab\
cd
## END

#### continuation-inside-keyword
ec\
ho hi
## stdout: hi

#### continuation-in-variable-name
abc=5
echo $a\
bc
## stdout: 5

#### continuation-after-pipe
echo piped |
cat
## stdout: piped

#### continuation-after-and
true &&
echo yes
## stdout: yes

#### continuation-after-or
false ||
echo fallback
## stdout: fallback

#### comment-line-continuation-not-applied
# comment \
echo shown
## stdout: shown

#### escaped-backslash-not-continuation
echo a\\
echo b
## STDOUT:
a\
b
## END

#### continuation-in-arith
echo $((1 + \
2))
## stdout: 3

#### empty-lines-and-comments-only
# nothing

# at all
## stdout-json: ""
