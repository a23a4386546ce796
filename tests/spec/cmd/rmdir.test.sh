# rmdir: remove empty directories

#### rmdir-simple
mkdir d; rmdir d; test -e d || echo gone
## stdout: gone

#### rmdir-not-empty
mkdir d; touch d/f; rmdir d
## stderr: rmdir: failed to remove 'd': Directory not empty
## status: 1

#### rmdir-missing
rmdir nope
## stderr: rmdir: failed to remove 'nope': No such file or directory
## status: 1

#### rmdir-on-file
touch f; rmdir f
## stderr: rmdir: failed to remove 'f': Not a directory
## status: 1

#### rmdir-parents-verbose
mkdir -p a/b/c; rmdir -pv a/b/c; echo *
## STDOUT:
rmdir: removing directory, 'a/b/c'
rmdir: removing directory, 'a/b'
rmdir: removing directory, 'a'
*
## END

#### rmdir-parents-stops-at-non-empty
mkdir -p x/y; touch x/f; rmdir -p x/y; echo $?; echo x/*
## STDOUT:
1
x/f
## END
## stderr: rmdir: failed to remove directory 'x': Directory not empty

#### rmdir-ignore-fail-on-non-empty
mkdir -p x/y; touch x/f; rmdir -p --ignore-fail-on-non-empty x/y; echo $?
## stdout: 0

#### rmdir-ignore-fail-plain
mkdir x; touch x/f; rmdir --ignore-fail-on-non-empty x; echo $?
## stdout: 0

#### rmdir-several-one-bad
mkdir a c; rmdir a b c; echo $?; echo *
## STDOUT:
1
*
## END
## stderr: rmdir: failed to remove 'b': No such file or directory

#### rmdir-dot
rmdir .
## stderr: rmdir: failed to remove '.': Invalid argument
## status: 1

#### rmdir-parents-dot-prefix
mkdir e; rmdir -pv ./e
## STDOUT:
rmdir: removing directory, './e'
rmdir: removing directory, '.'
## END
## stderr: rmdir: failed to remove directory '.': Invalid argument
## status: 1

#### rmdir-trailing-slash
mkdir -p q/r; rmdir -p q/r/; test -e q || echo gone
## stdout: gone

#### rmdir-missing-operand
rmdir
## STDERR:
rmdir: missing operand
Try 'rmdir --help' for more information.
## END
## status: 1

#### rmdir-combined-flags
mkdir -p a/b; rmdir -vp a/b
## STDOUT:
rmdir: removing directory, 'a/b'
rmdir: removing directory, 'a'
## END
