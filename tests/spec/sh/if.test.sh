# if / elif / else

#### if-true-branch
if true; then echo yes; fi
## stdout: yes

#### if-false-no-output
if false; then echo yes; fi
echo status $?
## stdout: status 0

#### if-else
if false; then echo a; else echo b; fi
## stdout: b

#### if-elif-chain
x=2
if [ $x = 1 ]; then echo one
elif [ $x = 2 ]; then echo two
elif [ $x = 3 ]; then echo three
else echo other
fi
## stdout: two

#### if-elif-falls-to-else
x=9
if [ $x = 1 ]; then echo one; elif [ $x = 2 ]; then echo two; else echo other; fi
## stdout: other

#### if-status-is-last-command-of-branch
if true; then false; fi
echo $?
## stdout: 1

#### if-condition-list-uses-last-status
if false; true; then echo last-wins; fi
## stdout: last-wins

#### if-condition-pipeline
if echo x | cat > /dev/null; then echo piped; fi
## stdout: piped

#### if-nested
if true; then
  if false; then echo inner-a; else echo inner-b; fi
fi
## stdout: inner-b

#### if-multiline-form
if true
then
  echo multi
fi
## stdout: multi

#### if-condition-command-status
if (exit 3); then echo no; else echo "got $?"; fi
## stdout: got 3

#### if-missing-fi-error
if true; then echo x
## status: 2
## STDERR:
sh: -c: line 2: syntax error: unexpected end of file
## END

#### if-missing-then-error
if true; echo x; fi
## status: 2
## STDERR:
sh: -c: line 1: syntax error near unexpected token `fi'
sh: -c: line 1: `if true; echo x; fi'
## END

#### if-empty-body-error
if true; then fi
## status: 2
## STDERR:
sh: -c: line 1: syntax error near unexpected token `fi'
sh: -c: line 1: `if true; then fi'
## END

#### if-keyword-as-argument
echo if then fi
## stdout: if then fi

#### if-and-or-in-condition
if false || true && true; then echo ok; fi
## stdout: ok
