# pushd, popd and dirs: bash's directory stack.

#### pushd pushes and prints the stack
mkdir -p /tmp/ds/a /tmp/ds/b; cd /tmp/ds
pushd a
pushd ../b
pwd
## STDOUT:
/tmp/ds/a /tmp/ds
/tmp/ds/b /tmp/ds/a /tmp/ds
/tmp/ds/b
## END

#### popd returns, and says when the stack is empty
mkdir -p /tmp/ds/a; cd /tmp/ds
pushd a >/dev/null
popd
pwd
popd
echo "status $?"
## STDOUT:
/tmp/ds
/tmp/ds
status 1
## END
## stderr: sh: line 5: popd: directory stack empty

#### pushd alone exchanges the top two
mkdir -p /tmp/ds/a; cd /tmp/ds
pushd a >/dev/null
pushd
pushd
## STDOUT:
/tmp/ds /tmp/ds/a
/tmp/ds/a /tmp/ds
## END

#### pushd alone with no other directory
cd /tmp
pushd
echo "status $?"
## stdout: status 1
## stderr: sh: line 2: pushd: no other directory

#### dirs -v, -p and indexes from either end
mkdir -p /tmp/ds/a /tmp/ds/b; cd /tmp/ds
pushd a >/dev/null; pushd ../b >/dev/null
dirs -v
dirs -p
dirs +1
dirs -0
dirs +3
echo "status $?"
## STDOUT:
 0  /tmp/ds/b
 1  /tmp/ds/a
 2  /tmp/ds
/tmp/ds/b
/tmp/ds/a
/tmp/ds
/tmp/ds/a
/tmp/ds
status 1
## END
## stderr: sh: line 7: dirs: 3: directory stack index out of range

#### pushd +N and -N rotate; popd +N removes
mkdir -p /tmp/ds/a /tmp/ds/b /tmp/ds/c; cd /tmp/ds
pushd a >/dev/null; pushd ../b >/dev/null; pushd ../c >/dev/null
pushd +2
pwd
pushd -0
popd +1
popd -0
## STDOUT:
/tmp/ds/a /tmp/ds /tmp/ds/c /tmp/ds/b
/tmp/ds/a
/tmp/ds/b /tmp/ds/a /tmp/ds /tmp/ds/c
/tmp/ds/b /tmp/ds /tmp/ds/c
/tmp/ds/b /tmp/ds
## END

#### -n changes the stack, not the directory
mkdir -p /tmp/ds/a; cd /tmp/ds
pushd -n /tmp/ds/a
pwd
popd -n
pwd
## STDOUT:
/tmp/ds /tmp/ds/a
/tmp/ds
/tmp/ds
/tmp/ds
## END

#### dirs shows HOME as ~ unless -l
HOME=/tmp/ds; mkdir -p /tmp/ds/a; cd /tmp/ds
pushd a >/dev/null
dirs
dirs -l
## STDOUT:
~/a ~
/tmp/ds/a /tmp/ds
## END

#### dirs -c clears the stack
mkdir -p /tmp/ds/a; cd /tmp/ds
pushd a >/dev/null
dirs -c
dirs
popd
echo "status $?"
## STDOUT:
/tmp/ds/a
status 1
## END
## stderr: sh: line 5: popd: directory stack empty

#### a missing directory is an error and changes nothing
cd /tmp
pushd /tmp/nonexistent-dir
echo "status $?"
dirs
## STDOUT:
status 1
/tmp
## END
## stderr: sh: line 2: pushd: /tmp/nonexistent-dir: No such file or directory

#### a subshell's stack is its own
mkdir -p /tmp/ds/a; cd /tmp/ds
(pushd a >/dev/null; dirs)
dirs
## STDOUT:
/tmp/ds/a /tmp/ds
/tmp/ds
## END

#### bad operands are usage errors
cd /tmp
pushd -x; echo "status $?"
popd +x; echo "status $?"
popd foo; echo "status $?"
dirs -q; echo "status $?"
pushd a b; echo "status $?"
pushd +5; echo "status $?"
pushd /tmp >/dev/null; pushd +5; echo "status $?"
## STDOUT:
status 2
status 2
status 2
status 2
status 1
status 1
status 1
## END
## STDERR:
sh: line 2: pushd: -x: invalid number
pushd: usage: pushd [-n] [+N | -N | dir]
sh: line 3: popd: +x: invalid number
popd: usage: popd [-n] [+N | -N]
sh: line 4: popd: foo: invalid argument
popd: usage: popd [-n] [+N | -N]
sh: line 5: dirs: -q: invalid number
dirs: usage: dirs [-clpv] [+N] [-N]
sh: line 6: pushd: too many arguments
sh: line 7: pushd: directory stack empty
sh: line 8: pushd: +5: directory stack index out of range
## END
