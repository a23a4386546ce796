# shift and getopts

#### shift-one
set -- a b c
shift
echo $# $1
## stdout: 2 b

#### shift-n
set -- a b c d
shift 2
echo "$@"
## stdout: c d

#### shift-all
set -- a b
shift 2
echo $#
## stdout: 0

#### shift-too-many-status
set -- a b
shift 3
echo $? $#
## stdout: 1 2

#### shift-zero
set -- a b
shift 0
echo $#
## stdout: 2

#### shift-no-args-status
set --
shift
echo $?
## stdout: 1

#### shift-negative-error
set -- a
shift -1
echo $?
## stdout: 1
## STDERR:
sh: line 2: shift: -1: shift count out of range
## END

#### shift-non-numeric
set -- a
shift x
echo $?
## stdout: 1
## STDERR:
sh: line 2: shift: x: numeric argument required
## END

#### shift-in-function-affects-function-args
set -- outer1 outer2
f() { shift; echo $1; }
f a b
echo $1
## STDOUT:
b
outer1
## END

#### getopts-simple-flags
set -- -a -b arg
while getopts ab opt; do echo "opt=$opt"; done
echo OPTIND=$OPTIND
## STDOUT:
opt=a
opt=b
OPTIND=3
## END

#### getopts-with-argument
set -- -f file.txt -v
while getopts f:v opt; do echo "$opt ${OPTARG-none}"; unset OPTARG; done
## STDOUT:
f file.txt
v none
## END

#### getopts-attached-argument
set -- -ffile
getopts f: opt
echo $opt $OPTARG
## stdout: f file

#### getopts-combined-flags
set -- -abc
while getopts abc opt; do echo -n $opt; done; echo
## stdout: abc

#### getopts-stops-at-non-option
set -- -a rest -b
while getopts ab opt; do echo $opt; done
shift $((OPTIND-1))
echo "$@"
## STDOUT:
a
rest -b
## END

#### getopts-double-dash-ends
set -- -a -- -b
while getopts ab opt; do echo $opt; done
shift $((OPTIND-1))
echo "$@"
## STDOUT:
a
-b
## END

#### getopts-invalid-option-message
set -- -z
getopts ab opt
echo "$? $opt [${OPTARG-unset}]"
## stdout: 0 ? [unset]
## STDERR:
sh: illegal option -- z
## END

#### getopts-missing-argument-message
set -- -f
getopts f: opt
echo "$? $opt"
## stdout: 0 ?
## STDERR:
sh: option requires an argument -- f
## END

#### getopts-silent-invalid-option
set -- -z
getopts :ab opt
echo "$opt $OPTARG"
## stdout: ? z
## stderr-json: ""

#### getopts-silent-missing-argument
set -- -f
getopts :f: opt
echo "$opt $OPTARG"
## stdout: : f
## stderr-json: ""

#### getopts-end-status
set -- -a
getopts a opt
getopts a opt
echo $? "$opt"
## stdout: 1 ?

#### getopts-explicit-args
getopts x: opt -x val
echo $opt $OPTARG
## stdout: x val

#### getopts-optind-reset
set -- -a
getopts a opt; echo $opt $OPTIND
OPTIND=1
getopts a opt; echo $opt $OPTIND
## STDOUT:
a 2
a 2
## END

#### getopts-opterr-zero-silences
OPTERR=0
set -- -z
getopts ab opt
echo $opt
## stdout: ?
## stderr-json: ""

#### getopts-in-function-loop
f() {
  local OPTIND opt
  while getopts n: opt; do echo "n=$OPTARG"; done
}
f -n 1
f -n 2
## STDOUT:
n=1
n=2
## END

#### assigning OPTIND restarts inside a group of letters
getopts ab o -ab; echo $o; OPTIND=1; getopts xy o -x; echo $o
## STDOUT:
a
x
## END

#### local OPTIND gives each call a fresh scan
f() { local OPTIND; getopts ab o "$@"; echo $o; }; f -ab; f -ba
## STDOUT:
a
b
## END

#### OPTIND set to the same value still restarts
set -- -ab; getopts ab o; echo $o $OPTIND; OPTIND=1; getopts ab o; echo $o $OPTIND
## STDOUT:
a 1
a 1
## END

#### new arguments shorter than the group in progress
getopts abc o -abc; getopts abc o -abc; echo $o; getopts xy o -y; echo $o $OPTIND
## STDOUT:
b
y 2
## END
## bash_diff: bash goes on reading past the end of the new, shorter argument (`illegal option --` and a NUL); ninebox starts it at its first letter
