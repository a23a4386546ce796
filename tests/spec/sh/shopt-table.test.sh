# shopt: the whole option table, -o/-p/-q, refusals

#### shopt -o reads set options
shopt -o errexit; set -e; shopt -o errexit
## STDOUT:
errexit        	off
errexit        	on
## END

#### shopt -po prints set commands
shopt -po nounset; set -u; shopt -po nounset
## STDOUT:
set +o nounset
set -o nounset
## END

#### shopt -so sets a set option
shopt -so xtrace 2>/dev/null; echo $-
## stdout: hxBc

#### shopt listing begins as bash
shopt | head -5
## STDOUT:
autocd         	off
assoc_expand_once	off
cdable_vars    	off
cdspell        	off
checkhash      	off
## END

#### shopt -p tail
shopt -p | tail -3
## STDOUT:
shopt -s sourcepath
shopt -u varredir_close
shopt -u xpg_echo
## END

#### shopt -s with no names lists the options that are on
shopt -s | head -4
## STDOUT:
checkwinsize   	on
cmdhist        	on
complete_fullquote	on
extquote       	on
## END

#### shopt -u lists the options that are off
shopt -u | head -3
## STDOUT:
autocd         	off
assoc_expand_once	off
cdable_vars    	off
## END

#### shopt status for several names
shopt -u extglob nullglob; shopt extglob nullglob; echo $?
## STDOUT:
extglob        	off
nullglob       	off
1
## END

#### shopt -q
shopt -q extglob; echo $?; shopt -s extglob; shopt -q extglob; echo $?
## STDOUT:
1
0
## END

#### invalid shopt name
shopt -q nosuch 2>/dev/null; echo $?
## stdout: 1

#### invalid shopt option
shopt -x 2>/dev/null; echo $?
## stdout: 2

#### set and unset together
shopt -su extglob 2>/dev/null; echo $?
## stdout: 1

#### set -o listing
set -o | head -4
## STDOUT:
allexport      	off
braceexpand    	on
emacs          	off
errexit        	off
## END

#### set +o listing
set +o | tail -3
## STDOUT:
set +o verbose
set +o vi
set +o xtrace
## END

#### set -o invalid name
set -o nosuch 2>/dev/null; echo $?
## stdout: 2

#### shopt -s with an invalid name among valid ones
shopt -s extglob nosuch 2>/dev/null; echo $?; shopt -q extglob && echo on
## STDOUT:
1
on
## END

#### globskipdots is on by default
shopt globskipdots
## stdout: globskipdots   	on
