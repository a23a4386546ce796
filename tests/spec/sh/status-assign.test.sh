# $? in assignments; the status of assignment-only commands

#### status survives into a plain assignment
false; rc=$?; echo $rc
## stdout: 1

#### quoted and braced status in assignments
false; x="$?"; y=${?}; echo $x $y
## stdout: 1 0

#### function status captured
f() { return 3; }; f; rc=$?; echo $rc
## stdout: 3

#### or-list assignment of status
false || rc=$?; echo $rc
## stdout: 1

#### status inside command substitution in assignment
false; x=$(echo $?); echo $x
## stdout: 1

#### status in array assignment
false; a=($?); echo ${a[0]}
## stdout: 1

#### status in append assignment
x=1; false; x+=$?; echo $x
## stdout: 11

#### status in element assignment
false; arr[0]=$?; echo ${arr[0]}
## stdout: 1

#### second assignment sees the same status
false; x=1 y=$?; echo $y
## stdout: 1

#### status after an assignment is zero
false; x=$?; y=$?; echo $x $y
## stdout: 1 0

#### assignment-only status from command substitution
$(exit 4); echo $?
## stdout: 4

#### backquote false as a condition
if `false`; then echo T; else echo F; fi
## stdout: F

#### assignment takes last substitution status
x=$(exit 3)$(exit 5); echo $?
## stdout: 5

#### assignment with substitution that succeeds
false; x=$(true); echo $?
## stdout: 0

#### local, export, declare with status
f() { false; local x=$?; echo $x; }; f; false; export X=$?; echo $X; false; declare D=$?; echo $D
## STDOUT:
1
1
1
## END

#### redirection-only command status
false; >/dev/null; echo $?
## stdout: 0

#### status of an assignment with failing substitution and redirect
x=$(false) 2>/dev/null; echo $?
## stdout: 1
