# set -x: bash's quoting of traced words and values, one line per
# assignment, PS4 expanded and its first character repeated per level

#### words with shell metacharacters are single-quoted, others kept
{ set -x; : a^b 'x y' a=b '#x' x# '~u' u~ k=~v 'p|q' "'" '' %+,@; set +x; } 2>&1
## STDOUT:
+ : 'a^b' 'x y' a=b '#x' x# '~u' u~ 'k=~v' 'p|q' \' '' %+,@
+ set +x
## END

#### characters that are not printable are traced as $'...'
{ set -x; : $'\x01' $'\xff' "$(printf 'a\177')"; set +x; } 2>&1
## STDOUT:
++ printf 'a\177'
+ : $'\001' $'\377' $'a\177'
+ set +x
## END

#### each assignment is its own trace line; an empty value stays empty
{ set -x; a=1 b='two words' c= d="it's"; set +x; } 2>&1
## STDOUT:
+ a=1
+ b='two words'
+ c=
+ d='it'\''s'
+ set +x
## END

#### prefix assignments are traced before the command
{ set -x; X=1 Y='a b' true; set +x; } 2>&1
## STDOUT:
+ X=1
+ Y='a b'
+ true
+ set +x
## END

#### an array assignment is traced as written, before it expands
{ set -x; arr=( x   "$(echo y)"
  z ); arr[2]+=$(echo w); set +x; } 2>&1
## STDOUT:
+ arr=(x "$(echo y)" z)
++ echo y
++ echo w
+ arr[2]+=w
+ set +x
## END

#### PS4 is expanded every time it is used
n=0
{ PS4='[$((n+=1))] '; set -x; : a; : b; set +x; } 2>&1
## STDOUT:
[1] : a
[2] : b
[3] set +x
## END

#### eval and source each add a level, as command substitution does
echo ': in-sourced' > /tmp/xtrace-src.sh
{ set -x; eval ': e; eval ": ee"'; . /tmp/xtrace-src.sh; x=$(eval ': sub'); set +x; } 2>&1
## STDOUT:
+ eval ': e; eval ": ee"'
++ : e
++ eval ': ee'
+++ : ee
+ . /tmp/xtrace-src.sh
++ : in-sourced
++ eval ': sub'
+++ : sub
+ x=
+ set +x
## END

#### a function call adds no level
f() { : "in f"; }
{ set -x; f 1; set +x; } 2>&1
## STDOUT:
+ f 1
+ : 'in f'
+ set +x
## END

#### an empty PS4 traces with no prefix; a multi-character one repeats its first
{ PS4=; set -x; : a; PS4='>> '; : $(: b); set +x; } 2>&1
## STDOUT:
: a
PS4='>> '
>>> : b
>> :
>> set +x
## END

#### [[ ]] traces each primary it evaluates, with ! on the primary
{ set -x; v=; [[ -n $v || ! -z x ]]; [[ ! ( a == b ) ]]; [[ $v ]]; set +x; } 2>&1
## STDOUT:
+ v=
+ [[ -n '' ]]
+ [[ ! -z x ]]
+ [[ a == b ]]
+ [[ -n '' ]]
+ set +x
## END

#### quoted characters of a [[ ]] pattern are shown backslashed
{ set -x; [[ ab == "a"* ]]; [[ a.b =~ "."b ]]; [[ 3 -lt 10 ]]; set +x; } 2>&1
## STDOUT:
+ [[ ab == \a* ]]
+ [[ a.b =~ \.b ]]
+ [[ 3 -lt 10 ]]
+ set +x
## END

#### the DEBUG trap's commands are traced one level down
{ trap ': dbg' DEBUG; set -x; : cmd; set +x; trap - DEBUG; } 2>&1
## STDOUT:
++ : dbg
+ : cmd
++ : dbg
+ set +x
## END

#### for and case headers are traced as written, (( )) as expanded
{ set -x; for i in "a b" $(echo c); do :; done; case $i in c) ;; esac; n=2; (( i = n + 3 )); set +x; } 2>&1
## STDOUT:
++ echo c
+ for i in "a b" $(echo c)
+ :
+ for i in "a b" $(echo c)
+ :
+ case $i in
+ n=2
+ ((  i = n + 3  ))
+ set +x
## END

#### arithmetic for traces each expression, an empty one as 1
{ set -x; for ((i=0 ; i<1 ;)); do i=1; done; set +x; } 2>&1
## STDOUT:
+ (( i=0  ))
+ (( i<1  ))
+ i=1
+ (( 1 ))
+ (( i<1  ))
+ set +x
## END
