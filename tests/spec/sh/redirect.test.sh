# Redirections

#### redirect-stdout-to-file
echo hello > f
cat f
## stdout: hello

#### redirect-truncates
echo long-line > f
echo x > f
cat f
## stdout: x

#### redirect-append
echo a > f
echo b >> f
cat f
## STDOUT:
a
b
## END

#### redirect-stdin-from-file
echo data > f
cat < f
## stdout: data

#### redirect-missing-input-file
cat < nosuch
echo status=$?
## stdout: status=1
## STDERR:
sh: line 1: nosuch: No such file or directory
## END

#### redirect-missing-file-skips-command
echo hi < nosuch
echo $?
## stdout: 1

#### redirect-stderr-to-file
{ echo out; echo err >&2; } 2> e
echo ---
cat e
## STDOUT:
out
---
err
## END

#### redirect-stderr-append
{ echo one >&2; } 2> e
{ echo two >&2; } 2>> e
cat e
## STDOUT:
one
two
## END

#### redirect-both-ampersand-gt
{ echo out; echo err >&2; } &> both
cat both
## STDOUT:
out
err
## END

#### redirect-both-append
echo first > both
{ echo out; echo err >&2; } &>> both
cat both
## STDOUT:
first
out
err
## END

#### redirect-dup-stderr-to-stdout
{ echo err >&2; } 2>&1 | cat
## stdout: err

#### redirect-order-file-then-dup
{ echo out; echo err >&2; } > f 2>&1
cat f
## STDOUT:
out
err
## END

#### redirect-order-dup-then-file
{ echo out; echo err >&2; } 2>&1 > f | cat > g
echo f:; cat f; echo g:; cat g
## STDOUT:
f:
out
g:
err
## END

#### redirect-close-fd
{ echo visible; echo hidden >&3; } 3>&-
echo status=$?
## STDOUT:
visible
status=1
## END

#### redirect-close-stdout-write-error
echo x >&-
echo status=$?
## stdout: status=1

#### redirect-input-dup
echo line > f
exec 4< f
cat <&4
exec 4<&-
## stdout: line

#### redirect-read-write
echo abc > f
cat <> f
## stdout: abc

#### redirect-read-write-creates
: <> newfile
[ -f newfile ] && echo created
## stdout: created

#### redirect-herestring
cat <<< 'here string'
## stdout: here string

#### redirect-herestring-expands
x=val
cat <<< "x=$x"
## stdout: x=val

#### redirect-herestring-read
read a b <<< "one two three"
echo "$a|$b"
## stdout: one|two three

#### redirect-noclobber-fails
echo old > f
set -C
echo new > f
echo status=$?
cat f
## STDOUT:
status=1
old
## END
## STDERR:
sh: line 3: f: cannot overwrite existing file
## END

#### redirect-noclobber-force
echo old > f
set -C
echo new >| f
cat f
## stdout: new

#### redirect-noclobber-append-ok
echo a > f
set -o noclobber
echo b >> f
cat f
## STDOUT:
a
b
## END

#### redirect-noclobber-new-file-ok
set -C
echo fresh > nf
cat nf
## stdout: fresh

#### redirect-on-group
{ echo a; echo b; } > f
cat f
## STDOUT:
a
b
## END

#### redirect-on-subshell
( echo sub; echo sub2 ) > f
cat f
## STDOUT:
sub
sub2
## END

#### redirect-on-while-loop
printf '1\n2\n3\n' > in
while read -r n; do echo "n=$n"; done < in > out
cat out
## STDOUT:
n=1
n=2
n=3
## END

#### redirect-on-for-loop
for i in a b; do echo $i; done > f
cat f
## STDOUT:
a
b
## END

#### redirect-on-if
if true; then echo inside; fi > f
cat f
## stdout: inside

#### redirect-before-command
> f echo front
cat f
## stdout: front

#### redirect-exec-fd-to-file
exec 3> f
echo x >&3
echo y >&3
exec 3>&-
cat f
## STDOUT:
x
y
## END

#### redirect-exec-stdout
exec > f
echo captured
exec >&2
cat f >&2
## STDERR:
captured
## END

#### redirect-exec-save-and-restore-stdout
exec 5>&1
exec > f
echo to-file
exec 1>&5 5>&-
echo to-stdout
cat f
## STDOUT:
to-stdout
to-file
## END

#### redirect-exec-input
printf 'l1\nl2\n' > f
exec < f
read a
read b
echo "$b $a"
## stdout: l2 l1

#### redirect-filename-expansion
n=out
echo hi > "$n.txt"
cat out.txt
## stdout: hi

#### redirect-ambiguous
x='a b'
echo hi > $x
echo status=$?
## stdout: status=1
## STDERR:
sh: line 2: $x: ambiguous redirect
## END

#### redirect-to-dev-null
echo gone > /dev/null
echo kept
## stdout: kept

#### redirect-bad-fd
echo x >&7
echo status=$?
## stdout: status=1
## STDERR:
sh: line 1: 7: Bad file descriptor
## END

#### redirect-fd-move-syntax
echo moved > f
exec 3< f
exec 4<&3-
cat <&4
{ cat <&3; } 2>/dev/null || echo fd3-closed
## STDOUT:
moved
fd3-closed
## END

#### redirect-builtin-output
printf '%s\n' a b > f
cat f
## STDOUT:
a
b
## END

#### redirect-pipe-and-file
echo piped | cat > f
cat f
## stdout: piped

#### redirect-multiple-outputs-last-wins
echo hi > a > b
echo "a:[$(cat a)] b:[$(cat b)]"
## stdout: a:[] b:[hi]
