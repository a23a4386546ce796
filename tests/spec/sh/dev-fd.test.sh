#### /dev/stderr as a redirection target
echo to-err > /dev/stderr
echo to-out
## stdout: to-out
## stderr: to-err

#### /dev/stdout as a redirection target
{ echo one > /dev/stdout; } 2>/dev/null
## stdout: one

#### /dev/stdin read through a redirection
echo piped | { read -r line < /dev/stdin; echo "got $line"; }
## stdout: got piped

#### /dev/fd/N names an open fd
exec 3>out.txt
echo via-fd > /dev/fd/3
echo via-dup >&3
exec 3>&-
cat out.txt
## STDOUT:
via-fd
via-dup
## END
## bash_diff: /dev/fd/N is a dup of N (Plan 9's devdup, and what the bash manual documents); Linux reopens the file, so host bash truncates out.txt

#### /dev/fd/N shares the offset with N
printf 'abc\ndef\n' > f
exec 4<f
read -r a <&4
read -r b < /dev/fd/4
echo "$a $b"
## stdout: abc def
## bash_diff: /dev/fd/N is a dup and shares N's offset (Plan 9); Linux reopens the file at offset 0

#### a closed fd under /dev/fd is missing
exec 7>&-
echo x > /dev/fd/7
echo "status $?"
## stdout: status 1
## stderr: sh: line 2: /dev/fd/7: No such file or directory

#### /dev/stdin is a file for test -e
test -e /dev/stdin && echo exists
test -e /dev/stdout && echo exists
## STDOUT:
exists
exists
## END

#### cat - and cat /dev/stdin read the same stream
printf 'x\ny\n' | cat /dev/stdin
## STDOUT:
x
y
## END
