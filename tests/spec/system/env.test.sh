#### an exported variable is a file in /env
export GREETING=hello
cat /env/GREETING; echo
## bash_diff: Plan 9 #e
## stdout: hello

#### a variable that is not exported is not in /env
LOCAL=1
test -e /env/LOCAL || echo absent
## bash_diff: Plan 9 #e
## stdout: absent

#### a new value of an exported variable shows in /env
export V=1
V=2
cat /env/V; echo
## bash_diff: Plan 9 #e
## stdout: 2

#### unset removes the file
export GONE=1
unset GONE
test -e /env/GONE || echo gone
## bash_diff: Plan 9 #e
## stdout: gone

#### /proc/$$/env shows the exported variables as JSON
export Q='a "quoted" value'
jq -r .Q /proc/$$/env
## bash_diff: ninebox /proc
## stdout: a "quoted" value

#### a subshell's export does not reach its parent's /env
( export INNER=1; cat /env/INNER; echo )
test -e /env/INNER || echo "not in the parent"
## bash_diff: Plan 9 #e
## STDOUT:
1
not in the parent
## END

#### a child's environment is its own copy: its /env is the exported set
export PASSED=yes
sh -c 'cat /env/PASSED; echo'
## bash_diff: Plan 9 #e
## stdout: yes

#### a write to /env/NAME is read back by the shell's own read
echo -n direct > /env/WRITTEN
read -r v < /env/WRITTEN
echo "$v"
## bash_diff: Plan 9 #e
## stdout: direct

#### a name written to /env becomes an exported variable children see
echo -n val > /env/FROMENV
cat /env/FROMENV; echo
sh -c 'echo "child: $FROMENV"'
echo "shell: $FROMENV"
## bash_diff: Plan 9 #e (rc's children see what was written to /env)
## STDOUT:
val
child: val
shell: val
## END

#### a changed /env value replaces the shell's, and an unset from the shell removes it again
export CHANGED=old
echo -n new > /env/CHANGED
sh -c 'echo "$CHANGED"'
unset CHANGED
sh -c 'echo "${CHANGED-gone}"'
cat /env/CHANGED
## bash_diff: Plan 9 #e
## STDOUT:
new
gone
## END
## stderr: cat: /env/CHANGED: No such file or directory
## status: 1

#### /proc/$$/env follows the exports made before each command
export ONE=1
jq -r .ONE /proc/$$/env
unset ONE
jq -r .ONE /proc/$$/env
## bash_diff: ninebox /proc
## STDOUT:
1
null
## END

#### /env lists names sorted
export B_X=1 A_X=2
ls /env | grep _X
## bash_diff: Plan 9 #e
## STDOUT:
A_X
B_X
## END
