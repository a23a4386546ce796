# truncate: set file sizes

#### truncate-set
printf 0123456789 > f; truncate -s 4 f; cat f; echo; stat -c %s f
## STDOUT:
0123
4
## END

#### truncate-creates
truncate -s 10 f; stat -c %s f
## stdout: 10

#### truncate-extends-with-zeros
printf ab > f; truncate -s 4 f; cat -v f; echo
## stdout: ab^@^@

#### truncate-extend-by
truncate -s 10 f; truncate -s +5 f; stat -c %s f
## stdout: 15

#### truncate-reduce-by
truncate -s 10 f; truncate -s -3 f; stat -c %s f; truncate -s -20 f; stat -c %s f
## STDOUT:
7
0
## END

#### truncate-suffixes
truncate -s 10K a; truncate -s 1KB b; truncate -s 1k c; truncate -s 1KiB d; stat -c '%n %s' a b c d
## STDOUT:
a 10240
b 1000
c 1024
d 1024
## END

#### truncate-round
truncate -s 10K f; truncate -s /3000 f; stat -c %s f; truncate -s %4096 f; stat -c %s f
## STDOUT:
9000
12288
## END

#### truncate-at-most-at-least
truncate -s 300 f; truncate -s '<100' f; stat -c %s f; truncate -s '>200' f; stat -c %s f; truncate -s '>50' f; stat -c %s f
## STDOUT:
100
200
200
## END

#### truncate-division-by-zero
truncate -s /0 f
## stderr: truncate: division by zero
## status: 1

#### truncate-reference
truncate -s 123 r; truncate -r r f; stat -c %s f
## stdout: 123

#### truncate-reference-relative
truncate -s 123 r; truncate -r r -s +1 f; stat -c %s f
## stdout: 124

#### truncate-reference-absolute-size
truncate -s 1 r; truncate -r r -s 5 f
## STDERR:
truncate: you must specify a relative '--size' with '--reference'
Try 'truncate --help' for more information.
## END
## status: 1

#### truncate-reference-missing
truncate -r nope f
## stderr: truncate: cannot stat 'nope': No such file or directory
## status: 1

#### truncate-no-create
truncate -c -s 5 k; echo $?; echo *
## STDOUT:
0
*
## END

#### truncate-no-create-existing
printf abc > f; truncate --no-create --size=1 f; cat f; echo
## stdout: a

#### truncate-io-blocks
truncate -o -s 2 f; stat -c %s f
## stdout: 8192

#### truncate-no-size
truncate f
## STDERR:
truncate: you must specify either '--size' or '--reference'
Try 'truncate --help' for more information.
## END
## status: 1

#### truncate-invalid-number
truncate -s abc f
## stderr: truncate: Invalid number: 'abc'
## status: 1

#### truncate-invalid-suffix
truncate -s 1b f; truncate -s 1.5K f
## STDERR:
truncate: Invalid number: '1b'
truncate: Invalid number: '1.5K'
## END
## status: 1

#### truncate-empty-size
truncate -s '' f
## stderr: truncate: Invalid number: ''
## status: 1

#### truncate-directory
mkdir d; truncate -s 0 d
## stderr: truncate: cannot open 'd' for writing: Is a directory
## status: 1

#### truncate-missing-dir
truncate -s 0 nod/x
## stderr: truncate: cannot open 'nod/x' for writing: No such file or directory
## status: 1

#### truncate-missing-operand
truncate -s 1
## STDERR:
truncate: missing file operand
Try 'truncate --help' for more information.
## END
## status: 1

#### truncate-several
truncate -s 7 a b c; stat -c '%n %s' a b c
## STDOUT:
a 7
b 7
c 7
## END

#### truncate-dashdash
truncate -s 10 -- -z; stat -c %s -- -z
## stdout: 10

#### truncate-bad-option
truncate -k f
## STDERR:
truncate: invalid option -- 'k'
Try 'truncate --help' for more information.
## END
## status: 1
