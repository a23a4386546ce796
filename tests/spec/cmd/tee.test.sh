# tee: copy standard input to standard output and files, checked against
# GNU coreutils 9.1.

#### copies to stdout and a file
echo hello | tee out
cat out
## STDOUT:
hello
hello
## END

#### several files
printf 'a\nb\n' | tee f1 f2 f3 > /dev/null
cat f1 f2 f3
## STDOUT:
a
b
a
b
a
b
## END

#### -a appends
echo one > f
echo two | tee -a f > /dev/null
cat f
## STDOUT:
one
two
## END

#### without -a the file is truncated
echo old-old-old > f
echo new | tee f > /dev/null
cat f
## stdout: new

#### empty input still creates the files
printf '' | tee e1 e2
cat e1 e2
echo "[$(cat e1)]"
## stdout: []

#### - is a file named -
echo x | tee - > /dev/null
cat ./-
## stdout: x

#### no operands: stdout only
printf 'just\nthis\n' | tee
## STDOUT:
just
this
## END

#### a file that cannot be opened is reported, the others written
echo data | tee nodir/f good 'n o/x'
echo "status=$?"
cat good
## STDOUT:
data
status=1
data
## END
## STDERR:
tee: nodir/f: No such file or directory
tee: 'n o/x': No such file or directory
## END

#### a directory operand
mkdir d
echo z | tee d
echo "status=$?"
## STDOUT:
z
status=1
## END
## stderr: tee: d: Is a directory

#### a closed pipe ends tee by default
printf '%0200000d' 0 | tee o | true
echo "${PIPESTATUS[@]}"
## stdout: 141 141 0

#### -p ignores a closed pipe and keeps writing files
printf '%0200000d' 0 | tee -p o | true
echo "${PIPESTATUS[@]}"
x=$(cat o)
echo ${#x}
## STDOUT:
0 0 0
200000
## END

#### --output-error=warn reports the closed pipe
printf '%0200000d' 0 | tee --output-error=warn o | true
echo "${PIPESTATUS[@]}"
## stdout: 0 1 0
## stderr: tee: 'standard output': Broken pipe

#### -i copies as usual
echo i | tee -i f
cat f
## STDOUT:
i
i
## END

#### invalid --output-error mode
echo | tee --output-error=bogus
## stdout-json: ""
## STDERR:
tee: invalid argument 'bogus' for '--output-error'
Valid arguments are:
  - 'warn'
  - 'warn-nopipe'
  - 'exit'
  - 'exit-nopipe'
Try 'tee --help' for more information.
## END
## status: 1

#### bad option
echo | tee -x
## stdout-json: ""
## STDERR:
tee: invalid option -- 'x'
Try 'tee --help' for more information.
## END
## status: 1

#### binary data passes through unchanged
printf 'a\0b\377c\n' | tee f > /dev/null
cat f | while IFS= read -r -d '' part; do echo "[$part]"; done
## stdout: [a]
