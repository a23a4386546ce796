# An interactive shell's start (rc files) and prompt: PROMPT_COMMAND,
# prompt escapes and promptvars, as bash -i does them

#### --rcfile names the file an interactive shell reads first
echo 'echo rc loaded; x=from-rc' > rc
echo 'echo $x' | bash --rcfile rc -i 2>/dev/null
## STDOUT:
rc loaded
from-rc
## END

#### ~/.bashrc is read unless --norc
HOME=$PWD
echo 'echo home rc' > .bashrc
echo 'echo body' | bash -i 2>/dev/null
echo --
echo 'echo body' | bash --norc -i 2>/dev/null
## STDOUT:
home rc
body
--
body
## END

#### a script does not read ~/.bashrc
HOME=$PWD
echo 'echo home rc' > .bashrc
echo 'echo body' > s.sh
bash s.sh
## STDOUT:
body
## END

#### PROMPT_COMMAND runs before each primary prompt, $? left alone
export PROMPT_COMMAND='echo "pc $?"'
printf 'false\necho "got $?"\n' | bash --norc -i 2>/dev/null
## STDOUT:
pc 0
pc 1
got 1
pc 0
## END

#### PROMPT_COMMAND as an array runs each element
printf 'PROMPT_COMMAND=("echo one" "echo two")\ntrue\n' | bash --norc -i 2>/dev/null
## STDOUT:
one
two
one
two
## END

#### ${x@P}: escapes, then expansions with promptvars; none without it
x=1
p='[$x] \$ \\ $(echo sub)'
echo "${p@P}"
shopt -u promptvars
echo "${p@P}"
## STDOUT:
[1] $ \ sub
[$x] $ \ $(echo sub)
## END

#### ${x@P}: text from \w is not expanded again
mkdir -p 'd$x' && cd 'd$x'
x=oops
p='\W'
echo "${p@P}"
## STDOUT:
d$x
## END

#### ${x@P}: \[ \] vanish outside an interactive shell; \# is 0 under -c
p='a\[b\]c \#'
echo "${p@P}"
## STDOUT:
abc 0
## END
