# Commands that would read their own output (issue 10, TM-RES-014): GNU
# cat refuses a nonempty regular file that is also its standard output,
# GNU grep any such file; ninebox compares the qids as GNU compares
# dev/ino. Without the check, `exec >f; cat f` fills the file system.

#### TM-RES-014 cat of its own output file
echo abc > f
exec 3>&1 >>f
cat f; echo "status=$?" >&3
exec >&3
cat f
## STDOUT:
status=1
abc
## END
## stderr: cat: f: input file is output file

#### TM-RES-014 cat of its own output on standard input
echo abc > f
cat - < f >> f; echo "status=$?"
cat f
## STDOUT:
status=1
abc
## END
## stderr: cat: -: input file is output file

#### TM-RES-014 cat goes on with the other files
echo abc > f; echo xyz > g
cat g f g >> f; echo "status=$?"
cat f
## STDOUT:
status=1
abc
xyz
xyz
## END
## stderr: cat: f: input file is output file

#### TM-RES-014 cat of an empty output file is not refused
exec 3>&1 >f
cat f; echo "status=$?" >&3
## stdout: status=0

#### TM-RES-014 grep of its own output file
echo abc > f
grep b f >> f; echo "status=$?"
grep x f >> f; echo "status=$?"
cat f
## STDOUT:
status=2
status=2
abc
## END
## STDERR:
grep: f: input file is also the output
grep: f: input file is also the output
## END

#### TM-RES-014 grep -q, -l and -m1 may read their output file
echo abc > f
grep -q b f >> f; echo "q=$?"
grep -l b f >> f; echo "l=$?"
grep -m1 b f >> f; echo "m=$?"
cat f
## STDOUT:
q=0
l=0
m=0
abc
f
abc
## END

#### TM-RES-014 grep -s keeps quiet but fails
echo abc > f
grep -s b f >> f; echo "status=$?"
## stdout: status=2

#### TM-RES-014 cat and grep to another file still work
echo abc > f
cat f > g; grep b f >> g; cat g
## STDOUT:
abc
abc
## END
