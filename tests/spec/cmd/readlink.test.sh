# readlink: symbolic link values and canonical names (GNU coreutils 9.1)

#### canonicalize
mkdir -p d/e; touch d/f; cd d/e; readlink -f ../f | sed "s|^$(cd ../.. && pwd)|ROOT|"
## stdout: ROOT/d/f

#### canonicalize-dot-dot-and-dots
mkdir d; readlink -f ./d/../d/. | sed "s|^$PWD|ROOT|"
## stdout: ROOT/d

#### canonicalize-missing-last
readlink -f nope | sed "s|^$PWD|ROOT|"; echo "st=${PIPESTATUS[0]}"
## STDOUT:
ROOT/nope
st=0
## END

#### canonicalize-missing-middle-fails-silently
readlink -f nope/x; echo "st=$?"
## stdout: st=1

#### verbose-reports
readlink -fv nope/x; echo "st=$?"
## stdout: st=1
## stderr: readlink: nope/x: No such file or directory

#### existing-mode
touch f; readlink -e f | sed "s|^$PWD|ROOT|"; readlink -e nope; echo "st=$?"
## STDOUT:
ROOT/f
st=1
## END

#### missing-mode
readlink -m a/b/../c | sed "s|^$PWD|ROOT|"
## stdout: ROOT/a/c

#### file-as-directory
touch f; readlink -ev f/; echo "st=$?"
## stdout: st=1
## stderr: readlink: f/: Not a directory

#### regular-file-is-not-a-link
touch f; readlink f; echo "st=$?"; readlink -v f; echo "st=$?"
## STDOUT:
st=1
st=1
## END
## stderr: readlink: f: Invalid argument

#### missing-file
readlink -v nope; echo "st=$?"
## stdout: st=1
## stderr: readlink: nope: No such file or directory

#### no-newline
touch f; readlink -n -f f | sed "s|^$PWD|ROOT|"; echo "|"
## stdout: ROOT/f|

#### no-newline-ignored-with-several
touch f g; readlink -n -f f g | sed "s|^$PWD|ROOT|"
## STDOUT:
ROOT/f
ROOT/g
## END
## stderr: readlink: ignoring --no-newline with multiple arguments

#### zero
touch f; readlink -z -f f f | tr '\0' '\n' | sed "s|^$PWD|ROOT|"
## STDOUT:
ROOT/f
ROOT/f
## END

#### missing-operand
readlink; echo "st=$?"
## stdout: st=1
## STDERR:
readlink: missing operand
Try 'readlink --help' for more information.
## END

#### empty-name
readlink -f ''; echo "st=$?"
## stdout: st=1
