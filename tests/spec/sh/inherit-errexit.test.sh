# command substitution and set -e (inherit_errexit)

#### command substitution does not inherit set -e
set -e; x=$(false; echo two); echo "[$x]"
## stdout: [two]

#### inherit_errexit makes it stop
set -e; shopt -s inherit_errexit; x=$(false; echo two); echo "[$x]"
## stdout-json: ""
## status: 1

#### failing substitution in assignment exits the shell
set -e; x=$(false); echo never
## stdout-json: ""
## status: 1

#### failing substitution as argument does not exit
set -e; echo "[$(false)]"; echo end
## STDOUT:
[]
end
## END

#### inherit_errexit is listed by shopt
shopt inherit_errexit; shopt -s inherit_errexit; shopt inherit_errexit
## STDOUT:
inherit_errexit	off
inherit_errexit	on
## END

#### subshell inherits set -e
set -e; (false; echo no); echo $?
## stdout-json: ""
## status: 1

#### nested substitution with inherit_errexit
set -e; shopt -s inherit_errexit; x=$(echo a; false; echo b) || echo "failed [$x]"
## stdout-json: ""

#### set -e inside a substitution
x=$(set -e; false; echo no); echo "[$x] $?"
## stdout: [] 1

#### dollar-minus inside substitution shows no e
set -e; x=$(echo $-); case $x in *e*) echo has-e;; *) echo no-e;; esac
## stdout: no-e

#### dollar-minus with inherit_errexit
set -e; shopt -s inherit_errexit; x=$(echo $-); case $x in *e*) echo has-e;; *) echo no-e;; esac
## stdout: has-e
