# basename: strip directories and suffixes

#### basename-plain
basename /usr/bin/sort
## stdout: sort

#### basename-trailing-slashes
basename a/b/ && basename a/b//
## STDOUT:
b
b
## END

#### basename-root-and-slashes
basename / && basename //
## STDOUT:
/
/
## END

#### basename-suffix-operand
basename include/stdio.h .h
## stdout: stdio

#### basename-suffix-equal-to-name-kept
basename .txt .txt
## stdout: .txt

#### basename-suffix-option-implies-multiple
basename -s .c x/a.c b.c d/e
## STDOUT:
a
b
e
## END

#### basename-multiple
basename -a any/str1 any/str2 str3
## STDOUT:
str1
str2
str3
## END

#### basename-combined-flags
basename -az a/b c | cat -v; echo
## stdout: b^@c^@

#### basename-zero
basename -z a/b | cat -v; echo
## stdout: b^@

#### basename-long-suffix-option
basename --suffix=.sh run.sh --multiple x/y.sh
## STDOUT:
run
--multiple
y
## END

#### basename-empty-name
basename ''
## stdout: 

#### basename-missing-operand
basename
## STDERR:
basename: missing operand
Try 'basename --help' for more information.
## END
## status: 1

#### basename-extra-operand
basename a b c
## STDERR:
basename: extra operand 'c'
Try 'basename --help' for more information.
## END
## status: 1

#### basename-bad-option
basename -q a
## STDERR:
basename: invalid option -- 'q'
Try 'basename --help' for more information.
## END
## status: 1

#### basename-dashdash
basename -- -a/-b
## stdout: -b
