# test and [

#### test-string-equal
[ abc = abc ] && echo eq
[ abc = abd ] || echo ne
## STDOUT:
eq
ne
## END

#### test-string-not-equal
[ a != b ] && echo diff
## stdout: diff

#### test-double-equals
[ a == a ] && echo ok
## stdout: ok

#### test-n-and-z
e=
[ -n "x" ] && echo n-ok
[ -z "$e" ] && echo z-ok
[ -n "$e" ] || echo n-empty-false
## STDOUT:
n-ok
z-ok
n-empty-false
## END

#### test-single-arg-nonempty
[ x ] && echo true
[ "" ] || echo false
## STDOUT:
true
false
## END

#### test-no-args-false
[ ]
echo $?
## stdout: 1

#### test-integer-comparisons
[ 2 -eq 2 ] && [ 1 -ne 2 ] && [ 1 -lt 2 ] && [ 2 -le 2 ] && [ 3 -gt 2 ] && [ 3 -ge 3 ] && echo all
## stdout: all

#### test-integer-negative-and-spaces
[ -5 -lt 0 ] && [ " 7 " -eq 7 ] && echo ok
## stdout: ok

#### test-integer-expected-error
[ abc -eq 1 ]
echo $?
## stdout: 2
## STDERR:
sh: line 1: [: abc: integer expression expected
## END

#### test-missing-bracket-error
[ a = a
echo $?
## stdout: 2
## STDERR:
sh: line 1: [: missing `]'
## END

#### test-builtin-no-bracket-needed
test a = a && echo ok
## stdout: ok

#### test-file-exists
echo x > f
[ -e f ] && echo exists
[ -e nosuch ] || echo missing
## STDOUT:
exists
missing
## END

#### test-file-regular-vs-dir
echo x > f
[ -f f ] && echo f-file
[ -d f ] || echo f-not-dir
[ -d . ] && echo dot-dir
[ -f . ] || echo dot-not-file
## STDOUT:
f-file
f-not-dir
dot-dir
dot-not-file
## END

#### test-file-size
: > empty
echo x > full
[ -s full ] && echo full-nonempty
[ -s empty ] || echo empty-empty
## STDOUT:
full-nonempty
empty-empty
## END

#### test-file-readable-writable
echo x > f
[ -r f ] && [ -w f ] && echo rw
[ -r nosuch ] || echo no-r
## STDOUT:
rw
no-r
## END

#### test-file-executable
echo x > f
[ -x f ] || echo not-exec
[ -x / ] && echo dir-searchable
## STDOUT:
not-exec
dir-searchable
## END

#### test-negation
[ ! -e nosuch ] && echo negated
[ ! a = a ] || echo neg-false
## STDOUT:
negated
neg-false
## END

#### test-and-or-operators
[ a = a -a b = b ] && echo and
[ a = b -o b = b ] && echo or
[ a = b -a b = b ] || echo and-false
## STDOUT:
and
or
and-false
## END

#### test-parentheses
[ \( a = b -o c = c \) -a d = d ] && echo grouped
## stdout: grouped

#### test-string-ordering
[ a \< b ] && echo lt
[ b \> a ] && echo gt
## STDOUT:
lt
gt
## END

#### test-operator-as-string-operand
[ -n = -n ] && echo eq
[ = ] && echo one-arg
## STDOUT:
eq
one-arg
## END

#### test-unquoted-empty-var-pitfall
e=
[ -n $e ] && echo surprising-true
[ -n "$e" ] || echo quoted-false
## STDOUT:
surprising-true
quoted-false
## END

#### test-unary-expected-error
[ a b ]
echo $?
## stdout: 2
## STDERR:
sh: line 1: [: a: unary operator expected
## END

#### test-too-many-args
[ a = b c ]
echo $?
## stdout: 2
## STDERR:
sh: line 1: [: too many arguments
## END

#### test-file-nt-ot-same-file
echo x > f
[ f -ef f ] && echo same
## stdout: same

#### test-v-variable-set
x=
[ -v x ] && echo x-set
[ -v nosuch ] || echo nosuch-unset
## STDOUT:
x-set
nosuch-unset
## END

#### test-h-symlink-false-for-file
echo x > f
[ -h f ] || [ -L f ] || echo not-link
## stdout: not-link

#### test-status-values
test 1 -eq 2; echo $?
test 1 -eq 1; echo $?
## STDOUT:
1
0
## END
