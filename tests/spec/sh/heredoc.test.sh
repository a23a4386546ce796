# Here-documents

#### heredoc-basic
cat <<EOF
line one
line two
EOF
## STDOUT:
line one
line two
## END

#### heredoc-expands-params-and-cmdsub
x=world
cat <<EOF
hello $x
sum $((1+2)) $(echo sub)
EOF
## STDOUT:
hello world
sum 3 sub
## END

#### heredoc-quoted-delimiter-no-expansion
x=world
cat <<'EOF'
hello $x $(echo no) `echo no`
EOF
## stdout: hello $x $(echo no) `echo no`

#### heredoc-double-quoted-delimiter-no-expansion
x=world
cat <<"EOF"
$x \$x
EOF
## stdout: $x \$x

#### heredoc-partially-quoted-delimiter
x=v
cat <<E\OF
$x
EOF
## stdout: $x

#### heredoc-backslash-escapes-in-unquoted
x=v
cat <<EOF
\$x \\ \a "$x" '$x'
EOF
## stdout: $x \ \a "v" 'v'

#### heredoc-backslash-newline-continuation
cat <<EOF
ab\
cd
EOF
## stdout: abcd

#### heredoc-dash-strips-leading-tabs
cat <<-EOF
	indented
		twice
  spaces kept
	EOF
## STDOUT:
indented
twice
  spaces kept
## END

#### heredoc-without-dash-keeps-tabs
cat <<EOF
	tab
EOF
## STDOUT:
	tab
## END

#### heredoc-empty
cat <<EOF
EOF
echo done
## stdout: done

#### heredoc-two-on-one-line
cat <<A; cat <<B
from a
A
from b
B
## STDOUT:
from a
from b
## END

#### heredoc-two-on-one-command-last-wins
cat <<A <<B
first
A
second
B
## stdout: second

#### heredoc-to-fd
cat <<EOF 3<&0 <&3
via fd
EOF
## stdout: via fd

#### heredoc-read-into-variables
read a b <<EOF
one two three
EOF
echo "$a / $b"
## stdout: one / two three

#### heredoc-in-function
f() {
  cat <<EOF
in function $1
EOF
}
f arg
f again
## STDOUT:
in function arg
in function again
## END

#### heredoc-in-loop
for i in 1 2; do
  cat <<EOF
iteration $i
EOF
done
## STDOUT:
iteration 1
iteration 2
## END

#### heredoc-in-command-substitution
x=$(cat <<EOF
inside
EOF
)
echo "[$x]"
## stdout: [inside]

#### heredoc-while-read
while read -r line; do echo "got $line"; done <<EOF
a
b
EOF
## STDOUT:
got a
got b
## END

#### heredoc-pipeline
cat <<EOF | cat
piped heredoc
EOF
## stdout: piped heredoc

#### heredoc-delimiter-must-be-alone
cat <<EOF
EOF not end
 EOF
EOF
## STDOUT:
EOF not end
 EOF
## END

#### heredoc-missing-delimiter-warning
cat <<EOF
text
## stdout: text
## STDERR:
sh: line 2: warning: here-document at line 1 delimited by end-of-file (wanted `EOF')
## END

#### heredoc-quotes-kept-literal
cat <<EOF
"double" 'single'
EOF
## stdout: "double" 'single'

#### heredoc-followed-by-command-on-same-line
cat <<EOF && echo after
body
EOF
## STDOUT:
body
after
## END

#### heredoc-dash-quoted
x=v
cat <<-'EOF'
	$x
	EOF
## stdout: $x

#### heredoc-to-file
cat > f <<EOF
saved
EOF
cat f
## stdout: saved
