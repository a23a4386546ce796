# set -x (xtrace) on stderr

#### xtrace-simple
set -x
echo hi
## stdout: hi
## STDERR:
+ echo hi
## END

#### xtrace-quotes-args-with-spaces
set -x
echo 'a b' c
## stdout: a b c
## STDERR:
+ echo 'a b' c
## END

#### xtrace-expanded-values
x=val
set -x
echo $x
## stdout: val
## STDERR:
+ echo val
## END

#### xtrace-assignment
set -x
y=1
## STDERR:
+ y=1
## END

#### xtrace-nested-cmdsub
set -x
echo $(echo inner)
## stdout: inner
## STDERR:
++ echo inner
+ echo inner
## END

#### xtrace-double-nested-cmdsub
set -x
x=$(echo $(echo deep))
## STDERR:
+++ echo deep
++ echo deep
+ x=deep
## END

#### xtrace-empty-arg
set -x
echo ''
## stdout-json: "\n"
## STDERR:
+ echo ''
## END

#### xtrace-single-quote-in-arg
set -x
echo "it's"
## stdout: it's
## STDERR:
+ echo 'it'\''s'
## END

#### xtrace-ps4-custom
PS4='>> '
set -x
echo p
## stdout: p
## STDERR:
>> echo p
## END

#### xtrace-plus-x-traced
set -x
set +x
echo quiet
## stdout: quiet
## STDERR:
+ set +x
## END

#### xtrace-and-list
set -x
true && echo b
## stdout: b
## STDERR:
+ true
+ echo b
## END

#### xtrace-multiple-assignments
set -x
a=1 b='x y'
## STDERR:
+ a=1
+ b='x y'
## END

#### xtrace-if-and-test
set -x
if [ 1 = 1 ]; then echo y; fi
## stdout: y
## STDERR:
+ '[' 1 = 1 ']'
+ echo y
## END

#### xtrace-arith-command
set -x
((x = 1 + 2))
## STDERR:
+ (( x = 1 + 2 ))
## END

#### xtrace-for-loop
set -x
for i in a; do :; done
## STDERR:
+ for i in a
+ :
## END

#### xtrace-function-call
f() { echo in-f; }
set -x
f arg
## stdout: in-f
## STDERR:
+ f arg
+ echo in-f
## END

#### xtrace-redirection-not-shown
set -x
echo r > f
## STDERR:
+ echo r
## END

#### xtrace-dbracket
set -x
[[ a == a ]]
## STDERR:
+ [[ a == a ]]
## END

#### xtrace-special-chars-quoted
set -x
echo '*' 'a;b'
## stdout: * a;b
## STDERR:
+ echo '*' 'a;b'
## END
