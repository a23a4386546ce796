# dirname: strip the last component

#### dirname-plain
dirname /usr/bin/sort
## stdout: /usr/bin

#### dirname-trailing-slash
dirname /usr/bin/
## stdout: /usr

#### dirname-no-slash
dirname stdio.h
## stdout: .

#### dirname-several
dirname dir1/str dir2/str x
## STDOUT:
dir1
dir2
.
## END

#### dirname-root
dirname / && dirname // && dirname ///a
## STDOUT:
/
/
/
## END

#### dirname-double-slashes
dirname a//b// && dirname /a/b//
## STDOUT:
a
/a
## END

#### dirname-relative-trailing
dirname a/
## stdout: .

#### dirname-empty
dirname ''
## stdout: .

#### dirname-zero
dirname -z a/b c | cat -v; echo
## stdout: a^@.^@

#### dirname-missing-operand
dirname
## STDERR:
dirname: missing operand
Try 'dirname --help' for more information.
## END
## status: 1

#### dirname-bad-option
dirname -x a
## STDERR:
dirname: invalid option -- 'x'
Try 'dirname --help' for more information.
## END
## status: 1

#### dirname-dashdash
dirname -- -a/b
## stdout: -a
