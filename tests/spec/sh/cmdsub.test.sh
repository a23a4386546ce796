# Command substitution $(...) and `...`

#### cmdsub-dollar-paren
echo "x$(echo hi)y"
## stdout: xhiy

#### cmdsub-backquote
echo "x`echo hi`y"
## stdout: xhiy

#### cmdsub-strips-trailing-newlines
x=$(printf 'a\n\n\n')
echo "[$x]"
## stdout: [a]

#### cmdsub-keeps-inner-newlines
x=$(printf 'a\n\nb\n')
echo "$x"
## STDOUT:
a

b
## END

#### cmdsub-keeps-leading-newlines
x=$(printf '\na')
echo "[$x]"
## STDOUT:
[
a]
## END

#### cmdsub-nested-dollar-paren
echo $(echo a $(echo b $(echo c)))
## stdout: a b c

#### cmdsub-nested-backquotes-escaped
echo `echo a \`echo b\``
## stdout: a b

#### cmdsub-unquoted-is-split
x=$(echo 'a   b')
set -- $(echo 'a   b')
echo $# "$x"
## stdout: 2 a   b

#### cmdsub-quoted-not-split
set -- "$(echo 'a   b')"
echo $#
## stdout: 1

#### cmdsub-unquoted-is-globbed
: > g1; : > g2
echo $(echo 'g*')
## stdout: g1 g2

#### cmdsub-assignment-status
x=$(false)
echo $?
x=$(exit 3)
echo $?
## STDOUT:
1
3
## END

#### cmdsub-status-visible-later-in-same-command
echo $(exit 5) $?
echo $?
## STDOUT:
5
0
## END

#### cmdsub-variable-changes-do-not-leak
x=1
y=$(x=2; echo $x)
echo $x $y
## stdout: 1 2

#### cmdsub-with-quotes-inside
echo "$(echo "inner quoted")"
## stdout: inner quoted

#### cmdsub-with-case-paren
x=$(case a in a) echo matched;; esac)
echo $x
## stdout: matched

#### cmdsub-empty-output
x=$(true)
echo "[$x]"
## stdout: []

#### cmdsub-stderr-not-captured
x=$(echo err >&2; echo out)
echo "[$x]"
## stdout: [out]
## stderr: err

#### cmdsub-multiline-script
x=$(
  echo one
  echo two
)
echo $x
## stdout: one two

#### cmdsub-backquote-dollar-escape
x=v
echo `echo \$x`
## stdout: v

#### cmdsub-backquote-backslash
echo `echo 'a\\b'`
## stdout: a\b

#### cmdsub-read-file-shortcut
echo content > f
echo "$(< f)"
## stdout: content

#### cmdsub-exit-inside-does-not-exit-shell
x=$(exit 1; echo no)
echo "after [$x]"
## stdout: after []

#### cmdsub-in-heredoc
cat <<EOF
val=$(echo 42)
EOF
## stdout: val=42

#### cmdsub-function-visible
f() { echo from-f; }
echo $(f)
## stdout: from-f
