# exec

#### exec-replaces-shell
exec echo replaced
echo never
## stdout: replaced

#### exec-status-of-command
exec bash -c 'exit 7'
echo never
## status: 7

#### exec-not-found
exec nosuchcmd_zz
echo never
## status: 127
## STDERR:
sh: line 1: exec: nosuchcmd_zz: not found
## END

#### exec-only-redirections-persist
exec 3> f
echo via3 >&3
exec 3>&-
cat f
## stdout: via3

#### exec-redirect-stdout-for-rest
exec > out
echo one
echo two
exec >&2
cat out 1>&2
## STDERR:
one
two
## END

#### exec-no-args-status
false
exec
echo $?
## stdout: 0

#### exec-fd-read
printf 'a\nb\n' > f
exec 4< f
read -u 4 x
read -u 4 y
exec 4<&-
echo $x$y
## stdout: ab

#### exec-in-subshell-only-ends-subshell
(exec echo from-sub)
echo main
## STDOUT:
from-sub
main
## END

#### exec-append-fd
echo first > f
exec 5>> f
echo second >&5
exec 5>&-
cat f
## STDOUT:
first
second
## END

#### exec-stderr-to-stdout
exec 2>&1
echo err >&2
## stdout: err

#### exec-skips-exit-trap
trap 'echo trap' EXIT
exec echo exec-ran
## stdout: exec-ran

#### exec-with-prefix-env
FOO=bar exec bash -c 'echo $FOO'
## stdout: bar

#### exec-close-and-use-error
exec 3> f
exec 3>&-
echo x >&3
echo status=$?
## stdout: status=1
## STDERR:
sh: line 3: 3: Bad file descriptor
## END
