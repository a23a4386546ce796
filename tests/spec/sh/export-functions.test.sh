# export -f: functions passed to child shells in the environment

#### export -f gives a child shell the function
f() { echo "in f $1"; }; export -f f; bash -c 'f x'
## stdout: in f x

#### export -f prints nothing and succeeds
f() { :; }; export -f f; echo $?
## stdout: 0

#### export -f of a missing function fails
export -f nosuch; echo $?
## stdout: 1

#### export -nf takes the export back
f() { echo f; }; export -f f; export -nf f; bash -c 'f' 2>/dev/null; echo $?
## stdout: 127

#### the environment carries BASH_FUNC_name%%
f() { echo hi; }; export -f f; env | grep -c '^BASH_FUNC_f%%='
## stdout: 1

#### redefining an exported function keeps it exported
g() { echo g1; }; export -f g; g() { echo g2; }; bash -c g
## stdout: g2

#### an exported function reaches a grandchild
h() { echo deep; }; export -f h; bash -c 'bash -c h'
## stdout: deep

#### an exported function with arguments and a loop
sum() { local t=0 i; for i in "$@"; do t=$((t + i)); done; echo $t; }; export -f sum; bash -c 'sum 1 2 3'
## stdout: 6

#### a subshell of the child still has it
k() { echo k; }; export -f k; bash -c '(k)'
## stdout: k

#### a value that is not a definition is left alone
env 'BASH_FUNC_q%%=echo nope' bash -c 'q' 2>/dev/null; echo $?
## stdout: 127

#### two functions, one exported
a() { echo a; }; b() { echo b; }; export -f a; bash -c 'a; b' 2>/dev/null; echo $?
## STDOUT:
a
127
## END
