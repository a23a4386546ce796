# xargs: build command lines from input, checked against GNU findutils
# 4.9.0.

#### the default command is echo
printf 'a b\nc\n' | xargs
## stdout: a b c

#### -n limits arguments per command
echo 1 2 3 4 5 | xargs -n 2 echo
## STDOUT:
1 2
3 4
5
## END

#### quotes and backslashes group words
printf '%s\n' "'a b' \"c d\" e\\ f g" | xargs -n 1 echo
## STDOUT:
a b
c d
e f
g
## END

#### an unmatched quote is an error
echo "'abc" | xargs echo
## stdout-json: ""
## stderr: xargs: unmatched single quote; by default quotes are special to xargs unless you use the -0 option
## status: 1

#### a pending command runs before the quote error
printf 'x\n"abc\n' | xargs echo 2>/dev/null
echo "status=$?"
## STDOUT:
x
status=1
## END

#### -0 splits at NUL bytes only
printf 'a b\0c\nd\0' | xargs -0 -n 1 echo
## STDOUT:
a b
c
d
## END

#### -d splits at a delimiter
printf 'a,b,,c' | xargs -d , -n 1 echo
printf 'x\ty' | xargs -d '\t' -n 1 echo
## STDOUT:
a
b

c
x
y
## END

#### -I replaces in each argument, one line at a time
printf '  a b\nc\n' | xargs -I {} echo '[{}]' '{}-x'
## STDOUT:
[a b] a b-x
[c] c-x
## END

#### -i uses {} by default
printf 'p\nq\n' | xargs -i echo 'got {}'
## STDOUT:
got p
got q
## END

#### -L takes lines; a trailing blank continues the line
printf 'a b\nc\nd e f\n' | xargs -L 2 echo
printf 'a b \nc\nd\n' | xargs -L 1 echo
## STDOUT:
a b c
d e f
a b c
d
## END

#### -E stops at the end-of-file string
printf 'a\nb\nSTOP\nc\n' | xargs -E STOP echo
printf 'a STOP b\nc\n' | xargs -E STOP echo
## STDOUT:
a b
a
## END

#### no input: the command runs once, unless -r
printf '' | xargs echo ran
printf '' | xargs -r echo ran
echo done
## STDOUT:
ran
done
## END

#### -t prints each command on stderr first
printf 'a b\n' | xargs -t -n 1 echo 2>&1
## STDOUT:
echo a
a
echo b
b
## END

#### -t quotes words as the shell needs
printf '%s\n' "it's" 'a b' | xargs -d '\n' -t echo 2>&1
## STDOUT:
echo "it's" 'a b'
it's a b
## END

#### -s bounds the command line
echo aaa bbb ccc ddd | xargs -s 14 echo
## STDOUT:
aaa bbb
ccc ddd
## END

#### an argument that cannot fit
echo aaa bbb | xargs -s 5 echo
## stdout-json: ""
## stderr: xargs: argument line too long
## status: 1

#### -x exits when -n cannot be honoured
echo aaa bbb ccc | xargs -x -n 2 -s 10 echo
## stdout-json: ""
## stderr: xargs: argument list too long
## status: 1

#### -a reads arguments from a file
printf 'one\ntwo\n' > list
xargs -a list echo
## stdout: one two

#### a failing command gives 123, the rest still run
printf '1\n2\n3\n' | xargs -n 1 sh -c 'echo $0; exit $0'
echo "status=$?"
## STDOUT:
1
2
3
status=123
## END

#### a command exiting 255 stops xargs with 124
printf '1\n2\n' | xargs -n 1 sh -c 'echo $0; exit 255'
## stdout: 1
## stderr: xargs: sh: exited with status 255; aborting
## status: 124

#### a command killed by a signal gives 125
echo 1 | xargs sh -c 'kill -TERM $$'
## stdout-json: ""
## stderr: xargs: sh: terminated by signal 15
## status: 125

#### a command that is not found gives 127
echo 1 | xargs no-such-command-here
## stdout-json: ""
## stderr: xargs: no-such-command-here: No such file or directory
## status: 127

#### a command that cannot run gives 126
printf 'echo hi\n' > plain
echo 1 | xargs ./plain
## stdout-json: ""
## stderr: xargs: ./plain: Permission denied
## status: 126

#### -P runs commands in parallel
printf '%s\n' 1 2 3 4 5 6 | xargs -P 3 -n 1 echo | sort
## STDOUT:
1
2
3
4
5
6
## END

#### --process-slot-var numbers the slots
printf '%s\n' a b c | xargs -n 1 --process-slot-var=SLOT sh -c 'echo $SLOT $0'
## STDOUT:
0 a
0 b
0 c
## END

#### -E with -0 has no effect and says so
printf 'a\0E\0b\0' | xargs -0 -E E echo
## stdout: a E b
## STDERR:
xargs: warning: the -E option has no effect if -0 or -d is used.

## END

#### a NUL in quoted input ends the argument, with a warning
printf 'ab\0cd\n' | xargs echo
## stdout: ab
## stderr: xargs: WARNING: a NUL character occurred in the input.  It cannot be passed through in the argument list.  Did you mean to use the --null option?

#### -n must be positive
echo a | xargs -n 0 echo
## stdout-json: ""
## STDERR:
xargs: value 0 for -n option should be >= 1
Try 'xargs --help' for more information.
## END
## status: 1

#### a bad delimiter
echo a | xargs -d ab echo
## stdout-json: ""
## stderr: xargs: Invalid input delimiter specification ab: the delimiter must be either a single character or an escape sequence starting with \.
## status: 1

#### arguments reach a shell script intact
printf '%s\n' 'x y' z | xargs -d '\n' sh -c 'for a; do echo "<$a>"; done' sh
## STDOUT:
<x y>
<z>
## END

#### initial arguments come first
printf 'c\nd\n' | xargs echo a b
## stdout: a b c d

#### an unknown option
xargs --bogus
## stdout-json: ""
## STDERR:
xargs: unrecognized option '--bogus'
Try 'xargs --help' for more information.
## END
## status: 1

#### -d escapes are read as strtoul reads them
printf 'aAb' | xargs -d '\x 41' echo
printf 'aAb' | xargs -d '\x+0x41' echo
printf 'a\0b' | xargs -d '\x' echo
printf 'a\0b' | xargs -d '\x-0' echo
printf 'a\nb' | xargs -d '\12' echo
## STDOUT:
a b
a b
a b
a b
a b
## END

#### -d escapes out of range or with trailing characters
printf 'a' | xargs -d '\x-1' echo; echo "rc=$?"
printf 'a' | xargs -d '\0x41' echo; echo "rc=$?"
printf 'a' | xargs -d '\9' echo; echo "rc=$?"
printf 'a' | xargs -d '\400' echo; echo "rc=$?"
## STDOUT:
rc=1
rc=1
rc=1
rc=1
## END
## STDERR:
xargs: Invalid escape sequence \x-1 in input delimiter specification; character values must not exceed ff.
xargs: Invalid escape sequence \0x41 in input delimiter specification; trailing characters x41 not recognised.
xargs: Invalid escape sequence \9 in input delimiter specification; trailing characters 9 not recognised.
xargs: Invalid escape sequence \400 in input delimiter specification; character values must not exceed 377.
## END

#### -a with a directory reads no items
mkdir d
xargs -a d echo x; echo "rc=$?"
xargs -r -a d echo x; echo "rc=$?"
## STDOUT:
x
rc=0
rc=0
## END
