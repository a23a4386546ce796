# cd and pwd

#### cd-root-pwd
cd /
pwd
## stdout: /

#### cd-updates-pwd-var
cd /
echo $PWD
## stdout: /

#### cd-dotdot-from-root
cd /
cd ..
pwd
## stdout: /

#### cd-dotdot
cd /bin
cd ..
pwd
## stdout: /

#### cd-dash-returns-and-prints
cd /
cd /bin
cd -
pwd
## STDOUT:
/
/
## END

#### cd-sets-oldpwd
cd /
cd /bin
echo $OLDPWD
## stdout: /

#### cd-no-args-goes-home
HOME=/
cd /bin
cd
pwd
## stdout: /

#### cd-nonexistent-error
cd /nonexistent_dir_zz
echo status=$?
## stdout: status=1
## STDERR:
sh: line 1: cd: /nonexistent_dir_zz: No such file or directory
## END

#### cd-into-file-error
echo x > f
cd f
echo status=$?
## stdout: status=1
## STDERR:
sh: line 2: cd: f: Not a directory
## END

#### cd-home-unset-error
unset HOME
cd
echo status=$?
## stdout: status=1
## STDERR:
sh: line 2: cd: HOME not set
## END

#### cd-too-many-args
cd / /
echo status=$?
## stdout: status=1
## STDERR:
sh: line 1: cd: too many arguments
## END

#### cd-relative-path
cd /
cd bin
pwd
## stdout: /bin

#### cd-trailing-slash-normalized
cd /bin/
pwd
## stdout: /bin

#### cd-dot-segments-normalized
cd /bin/../bin/.
pwd
## stdout: /bin

#### pwd-status
cd /
pwd > /dev/null
echo $?
## stdout: 0

#### cd-dash-without-oldpwd
unset OLDPWD
cd -
echo status=$?
## stdout: status=1
## STDERR:
sh: line 2: cd: OLDPWD not set
## END

#### cd-in-subshell-isolated
cd /
(cd bin && pwd)
pwd
## STDOUT:
/bin
/
## END

#### pwd-env-exported-after-cd
cd /
env | while IFS== read -r k v; do [ "$k" = PWD ] && echo "$v"; done; true
## stdout: /

#### OLDPWD starts exported and unset, so cd exports it
declare -p OLDPWD
env | grep -c '^OLDPWD='
cd /
cd /tmp
env | grep '^OLDPWD='
unset OLDPWD; cd /
env | grep -c '^OLDPWD='
declare -p OLDPWD
## STDOUT:
declare -x OLDPWD
0
OLDPWD=/
0
declare -- OLDPWD="/tmp"
## END
