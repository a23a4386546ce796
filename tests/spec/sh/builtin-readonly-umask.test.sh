# readonly and umask

#### readonly-assign-error
readonly r=1
r=2; echo same-line
echo "after $r $?"
## stdout: after 1 1
## STDERR:
sh: line 2: r: readonly variable
## END

#### readonly-value-kept
readonly r=orig
(r=new) 2>/dev/null
echo $r
## stdout: orig

#### readonly-existing-variable
v=1
readonly v
v=2
echo $v
## stdout: 1

#### readonly-p-lists
readonly RZ=1
readonly -p | while read -r line; do case $line in *RZ*) echo "$line";; esac; done
## stdout: declare -r RZ="1"

#### readonly-in-subshell-status
readonly r=1
(r=2)
echo status=$?
## stdout: status=1
## STDERR:
sh: line 2: r: readonly variable
## END

#### readonly-declare-error-status
readonly r=1
declare r=2
echo $?
## stdout: 1
## STDERR:
sh: line 2: declare: r: readonly variable
## END

#### readonly-for-loop-variable
readonly i=0
for i in 1 2; do echo $i; done
echo after
## stdout: after
## STDERR:
sh: line 2: i: readonly variable
## END

#### readonly-array
readonly -a ra=(1 2)
ra[0]=9
echo ${ra[0]}
## stdout: 1

#### readonly-export-combined
readonly RX=1
export RX
bash -c 'echo $RX'
## stdout: 1

#### umask-print
umask 022
umask
## stdout: 0022

#### umask-set-077
umask 077
umask
## stdout: 0077

#### umask-symbolic
umask 022
umask -S
## stdout: u=rwx,g=rx,o=rx

#### umask-symbolic-077
umask 077
umask -S
## stdout: u=rwx,g=,o=

#### umask-set-symbolic
umask 077
umask g=rx
umask
## stdout: 0027

#### umask-p-reusable
umask 027
umask -p
## stdout: umask 0027

#### umask-invalid-octal
umask 022
umask 999
echo $?
umask
## STDOUT:
1
0022
## END
## STDERR:
sh: line 2: umask: 999: octal number out of range
## END

#### a readonly prefix assignment is reported and the command still runs
readonly R=1; R=2 echo "[$R]"; echo "s=$?"
## STDOUT:
[1]
s=0
## END

#### a readonly prefix assignment before a function
readonly R=1; f() { echo "f $R"; }; R=2 f 2>/dev/null; echo "s=$?"
## STDOUT:
f 1
s=0
## END

#### a readonly prefix assignment before an external command
readonly R=1; export R; R=2 printenv R 2>/dev/null
## stdout: 1
