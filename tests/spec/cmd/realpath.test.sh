# realpath: resolved absolute names (printed relative to the cwd here)

#### realpath-dot
test "$(realpath .)" = "$PWD" && echo same
## stdout: same

#### realpath-file
touch f; test "$(realpath f)" = "$PWD/f" && echo ok
## stdout: ok

#### realpath-missing-last-ok
test "$(realpath nope)" = "$PWD/nope" && echo ok
## stdout: ok

#### realpath-missing-parent
realpath nope/x
## stderr: realpath: nope/x: No such file or directory
## status: 1

#### realpath-existing-required
realpath -e nope
## stderr: realpath: nope: No such file or directory
## status: 1

#### realpath-existing-ok
mkdir -p a/b; test "$(realpath -e a/b)" = "$PWD/a/b" && echo ok
## stdout: ok

#### realpath-missing-allowed
test "$(realpath -m nope/x/../y)" = "$PWD/nope/y" && echo ok
## stdout: ok

#### realpath-file-as-dir
touch f; realpath f/x
## stderr: realpath: f/x: Not a directory
## status: 1

#### realpath-file-as-dir-missing-ok
touch f; test "$(realpath -m f/x)" = "$PWD/f/x" && echo ok
## stdout: ok

#### realpath-trailing-slash-file
touch f; realpath f/; realpath -e f/
## STDERR:
realpath: f/: Not a directory
realpath: f/: Not a directory
## END
## status: 1

#### realpath-dotdot-needs-dir
realpath x/../a
## stderr: realpath: x/../a: No such file or directory
## status: 1

#### realpath-strip-still-checks
realpath -s x/../a
## stderr: realpath: x/../a: No such file or directory
## status: 1

#### realpath-relative-to
mkdir -p a/b; touch f; realpath --relative-to=a/b f; realpath --relative-to=a a/b/c
## STDOUT:
../../f
b/c
## END

#### realpath-relative-to-missing-dir
touch f; realpath --relative-to=nope f
## stdout: ../f

#### realpath-relative-base
mkdir -p a/b; touch f; realpath --relative-base=a a/b; test "$(realpath --relative-base=a f)" = "$PWD/f" && echo abs
## STDOUT:
b
abs
## END

#### realpath-relative-to-outside-base
mkdir -p a/b; touch f; realpath --relative-to=a --relative-base=a/b a/b/x | { read x; test "$x" = "$PWD/a/b/x" && echo abs; }
## stdout: abs

#### realpath-relative-same
mkdir d; realpath --relative-to=d d
## stdout: .

#### realpath-quiet
realpath -q nope/x; echo $?
## stdout: 1

#### realpath-several-one-bad
touch f; realpath --relative-to=. f nope/x g; echo $?
## STDOUT:
f
g
1
## END
## stderr: realpath: nope/x: No such file or directory

#### realpath-zero
mkdir a; realpath -z --relative-to=. a a | cat -v; echo
## stdout: a^@a^@

#### realpath-root
realpath / //
## STDOUT:
/
/
## END

#### realpath-empty
realpath ''
## stderr: realpath: '': No such file or directory
## status: 1

#### realpath-missing-operand
realpath
## STDERR:
realpath: missing operand
Try 'realpath --help' for more information.
## END
## status: 1

#### realpath-combined-flags
touch f; realpath -qe nope f --relative-to=.; echo $?
## STDOUT:
f
1
## END

#### realpath-no-symlinks-option
touch f; realpath -s --relative-to=. ./f; realpath -L --relative-to=. f; realpath -P --relative-to=. f
## STDOUT:
f
f
f
## END

#### realpath-bad-option
realpath -k f
## STDERR:
realpath: invalid option -- 'k'
Try 'realpath --help' for more information.
## END
## status: 1
