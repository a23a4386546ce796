# && || ; lists

#### and-runs-on-success
true && echo yes
## stdout: yes

#### and-skips-on-failure
false && echo no
echo $?
## stdout: 1

#### or-runs-on-failure
false || echo fallback
## stdout: fallback

#### or-skips-on-success
true || echo no
echo $?
## stdout: 0

#### and-or-left-associative
false && echo a || echo b
true || echo c && echo d
## STDOUT:
b
d
## END

#### and-or-chain-status
true && false || false
echo $?
## stdout: 1

#### semicolon-sequence
echo a; echo b; echo c
## STDOUT:
a
b
c
## END

#### semicolon-status-is-last
false; true
echo $?
## stdout: 0

#### and-or-with-groups
false || { echo x; echo y; }
## STDOUT:
x
y
## END

#### and-or-with-pipelines
echo a | cat && echo b | cat
## STDOUT:
a
b
## END

#### and-or-continuation-over-newline
true &&
  echo one ||
  echo two
## stdout: one

#### double-semicolon-is-error
echo a;;
## status: 2
## STDERR:
sh: -c: line 1: syntax error near unexpected token `;;'
sh: -c: line 1: `echo a;;'
## END

#### and-missing-right-side-error
true &&
## status: 2
## STDERR:
sh: -c: line 2: syntax error: unexpected end of file
## END

#### or-status-of-last-run
false || (exit 5)
echo $?
## stdout: 5

#### negation-with-and
! false && echo ok
## stdout: ok
