# FUNCNAME, BASH_LINENO, BASH_SOURCE, LINENO, caller

#### FUNCNAME as a scalar and BASH_LINENO
f() { echo "[$FUNCNAME] [${BASH_LINENO[0]}]"; }; f
## stdout: [f] [1]

#### FUNCNAME stack
f() { g; }; g() { echo "${FUNCNAME[@]}"; }; f
## stdout: g f

#### FUNCNAME empty outside function
echo "[$FUNCNAME] [${#FUNCNAME[@]}]"
## stdout: [] [0]

#### BASH_LINENO across lines
f() {
  echo ${BASH_LINENO[0]}
}
echo x
f
## STDOUT:
x
5
## END

#### LINENO inside function
f() {
  echo $LINENO
}
f
## stdout: 2

#### caller outside function fails
caller; echo $?
## stdout: 1

#### caller in function from -c
f() { caller; }; f
## stdout: 1 NULL

#### caller with level
f() { caller 0; }
f
## stdout-json: ""
## status: 1

#### BASH_SOURCE in function from -c
f() { echo "[${BASH_SOURCE[0]}]"; }; f
## stdout: [environment]

#### FUNCNAME in sourced file
echo 'echo "${FUNCNAME[0]}"' > s.sh; . ./s.sh; f() { . ./s.sh; }; f
## stdout-json: "\nsource\n"

#### caller bad argument
f() { caller x; }; f 2>/dev/null; echo $?
## stdout: 2

#### FUNCNAME count in nested call
f() { g; }; g() { echo ${#FUNCNAME[@]}; }; f
## stdout: 2

#### error message in function names environment
f() { nosuchcmd_x; }; f 2>&1; echo $?
## STDOUT:
environment: line 1: nosuchcmd_x: command not found
127
## END
