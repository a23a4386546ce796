# Errors: syntax errors, command not found, not executable

#### syntax-unexpected-fi
fi
## status: 2
## STDERR:
sh: -c: line 1: syntax error near unexpected token `fi'
sh: -c: line 1: `fi'
## END

#### syntax-unexpected-done
echo a; done
## status: 2
## STDERR:
sh: -c: line 1: syntax error near unexpected token `done'
sh: -c: line 1: `echo a; done'
## END

#### syntax-unexpected-paren
echo a )
## status: 2
## STDERR:
sh: -c: line 1: syntax error near unexpected token `)'
sh: -c: line 1: `echo a )'
## END

#### syntax-unexpected-then
then echo x
## status: 2
## STDERR:
sh: -c: line 1: syntax error near unexpected token `then'
sh: -c: line 1: `then echo x'
## END

#### syntax-error-earlier-lines-run
echo first
echo second
if then
echo never
## status: 2
## STDOUT:
first
second
## END
## STDERR:
sh: -c: line 3: syntax error near unexpected token `then'
sh: -c: line 3: `if then'
## END

#### syntax-error-same-line-nothing-runs
echo first; fi
## status: 2
## STDERR:
sh: -c: line 1: syntax error near unexpected token `fi'
sh: -c: line 1: `echo first; fi'
## END

#### syntax-missing-fi-eof
echo start
if true; then
  echo inside
## status: 2
## stdout: start
## STDERR:
sh: -c: line 4: syntax error: unexpected end of file
## END

#### syntax-missing-done-eof
while true; do
  echo x
## status: 2
## STDERR:
sh: -c: line 3: syntax error: unexpected end of file
## END

#### syntax-missing-esac-eof
case x in
  x) echo x;;
## status: 2
## STDERR:
sh: -c: line 3: syntax error: unexpected end of file
## END

#### syntax-unclosed-double-quote
echo ok
echo "abc
## status: 2
## stdout: ok
## STDERR:
sh: -c: line 2: unexpected EOF while looking for matching `"'
## END

#### syntax-unclosed-single-quote
echo 'abc
## status: 2
## STDERR:
sh: -c: line 1: unexpected EOF while looking for matching `''
## END

#### syntax-unclosed-backquote
echo `echo x
## status: 2
## STDERR:
sh: -c: line 1: unexpected EOF while looking for matching ``'
## END

#### syntax-unclosed-cmdsub
echo $(echo x
## status: 2
## STDERR:
sh: -c: line 2: unexpected EOF while looking for matching `)'
## END

#### syntax-unclosed-brace-group
{ echo x;
## status: 2
## STDERR:
sh: -c: line 2: syntax error: unexpected end of file
## END

#### syntax-bad-redirect-target
echo x >
## status: 2
## STDERR:
sh: -c: line 1: syntax error near unexpected token `newline'
sh: -c: line 1: `echo x >'
## END

#### syntax-redirect-followed-by-operator
echo x > ;
## status: 2
## STDERR:
sh: -c: line 1: syntax error near unexpected token `;'
sh: -c: line 1: `echo x > ;'
## END

#### syntax-empty-pipeline-element
echo a | | cat
## status: 2
## STDERR:
sh: -c: line 1: syntax error near unexpected token `|'
sh: -c: line 1: `echo a | | cat'
## END

#### syntax-leading-and
&& echo x
## status: 2
## STDERR:
sh: -c: line 1: syntax error near unexpected token `&&'
sh: -c: line 1: `&& echo x'
## END

#### syntax-error-in-function-body-nothing-defined
f() { echo a; fi; }
## status: 2
## STDERR:
sh: -c: line 1: syntax error near unexpected token `fi'
sh: -c: line 1: `f() { echo a; fi; }'
## END

#### syntax-error-multiline-compound-earlier-runs
echo before
for i in 1 2
do
  echo $i
done done
echo never
## status: 2
## stdout: before
## STDERR:
sh: -c: line 5: syntax error near unexpected token `done'
sh: -c: line 5: `done done'
## END

#### command-not-found
nosuchcmd_zz
## status: 127
## STDERR:
sh: line 1: nosuchcmd_zz: command not found
## END

#### command-not-found-continues
nosuchcmd_zz arg
echo "status $?"
## stdout: status 127
## STDERR:
sh: line 1: nosuchcmd_zz: command not found
## END

#### command-not-found-path-with-slash
./nosuch_file
echo $?
## stdout: 127
## STDERR:
sh: line 1: ./nosuch_file: No such file or directory
## END

#### command-not-executable
echo 'echo hi' > f
./f
echo $?
## stdout: 126
## STDERR:
sh: line 2: ./f: Permission denied
## END

#### command-is-directory
./
echo $?
## stdout: 126
## STDERR:
sh: line 1: ./: Is a directory
## END

#### command-root-directory
/
echo $?
## stdout: 126
## STDERR:
sh: line 1: /: Is a directory
## END

#### command-empty-name-from-expansion
e=
$e
echo "status $?"
## stdout: status 0

#### command-quoted-empty-name
''
echo $?
## stdout: 127
## STDERR:
sh: line 1: : command not found
## END

#### command-not-found-in-pipeline
nosuchcmd_zz | echo piped
echo ${PIPESTATUS[0]}
## STDOUT:
piped
127
## END

#### error-builtin-bad-option
cd -Z
echo $?
## stdout: 2
## STDERR:
sh: line 1: cd: -Z: invalid option
cd: usage: cd [-L|[-P [-e]] [-@]] [dir]
## END

#### error-exit-numeric-argument-required
exit abc
## status: 2
## STDERR:
sh: line 1: exit: abc: numeric argument required
## END

#### error-exit-too-many-arguments
exit 1 2
echo never
## status: 1
## STDERR:
sh: line 1: exit: too many arguments
## END

#### exit-status-modulo-256
exit 300
## status: 44

#### exit-no-arg-uses-last-status
false
exit
## status: 1

#### exit-from-subshell-and-function
(exit 9)
echo $?
f() { exit 3; }
f
echo never
## status: 3
## stdout: 9

#### true-false-status
true; echo $?
false; echo $?
## STDOUT:
0
1
## END

#### too many operands to shift, exit, return, break discard the rest of the line
# The spec runs scripts with -c, where a discard ends the string: use a file.
cat > s.sh <<'EOF'
set -- a b; shift 1 2; echo same
echo "next $# $?"
exit 1 2; echo same
echo "after exit $?"
f() { return 1 2; echo in; }; f; echo same
echo "after f $?"
for i in 1 2; do break 1 2; echo in; done; echo same
echo "after loop $?"
eval 'shift 1 2; echo in'; echo same
echo end
EOF
bash s.sh 2>/dev/null
## STDOUT:
next 2 1
after exit 1
after f 1
after loop 1
end
## END

#### a discarded line ends a -c string; an expansion error does not
bash -c 'echo a; shift 1 2; echo b
echo c' 2>/dev/null
echo "rc $?"
bash -c 'echo $((1/0)); echo b
echo "next $?"' 2>/dev/null
## STDOUT:
a
rc 1
next 1
## END

#### under set -e a discarded line goes on, a failed assignment exits
cat > s.sh <<'EOF'
set -e
shift 1 2 2>/dev/null
echo "next $?"
readonly r=1
r=2 2>/dev/null; echo same
echo not reached
EOF
bash s.sh
echo "rc $?"
## STDOUT:
next 1
rc 1
## END

#### an empty subscript in an assignment abandons the line
a[]=x 2>/dev/null; echo same
echo "next $? ${#a[@]}"
## STDOUT:
next 1 0
## END

#### a slice with no offset is a bad substitution
cat > s.sh <<'EOF'
s=123; echo ${s::2} ${s: }
echo ${s:}; echo same
echo next $?
EOF
bash s.sh 2>&1
## STDOUT:
12 123
s.sh: line 2: ${s:}: bad substitution
next 1
## END
