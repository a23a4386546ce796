# more: when standard output is not the console it copies its input, as
# util-linux 2.38's more does (headers before each of several files)

#### one file is copied after its header
printf 'one\ntwo\n' > f
more f
## STDOUT:
::::::::::::::
f
::::::::::::::
one
two
## END

#### standard input
printf 'piped\n' | more
## STDOUT:
piped
## END

#### several files get headers
printf 'x\n' > f1
printf 'y\n' > f2
more f1 f2
## STDOUT:
::::::::::::::
f1
::::::::::::::
x
::::::::::::::
f2
::::::::::::::
y
## END

#### a missing file is reported
printf 'x\n' > f1
more f1 nofile
echo "rc=$?"
## STDOUT:
::::::::::::::
f1
::::::::::::::
x
rc=0
## END
## STDERR:
more: cannot open nofile: No such file or directory
## END

#### a directory
mkdir d
more d
echo "rc=$?"
## STDOUT:

*** d: directory ***

rc=0
## END

#### piped standard input comes first, and - names no file
printf 'x\n' | more - 2>&1
: > f; printf 'in\n' | more - f 2>&1
## STDOUT:
x
more: cannot open -: No such file or directory
in
more: cannot open -: No such file or directory
::::::::::::::
f
::::::::::::::
## END

#### -s changes nothing when copying
printf 'a\n\n\nb\n' | more -s
## STDOUT:
a


b
## END

#### a bad option
more -Z f 2>&1
echo "rc=$?"
## STDOUT:
more: invalid option -- 'Z'
Try 'more --help' for more information.
rc=1
## END

#### no trailing newline
printf 'tail' | more | od -An -c
## STDOUT:
   t   a   i   l
## END

#### empty input
more < /dev/null | wc -c
## STDOUT:
0
## END
