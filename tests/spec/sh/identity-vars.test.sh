# bash identity variables: BASH_VERSION, BASH_VERSINFO, OSTYPE, SHELLOPTS, BASHOPTS

#### BASH_VERSION is set
[ -n "$BASH_VERSION" ] && echo bash
## stdout: bash

#### BASH_VERSINFO major and minor
echo ${BASH_VERSINFO[0]}.${BASH_VERSINFO[1]}
## stdout: 5.2

#### BASH_VERSINFO is readonly
BASH_VERSINFO[0]=6 2>/dev/null; echo ${BASH_VERSINFO[0]}
## stdout-json: ""
## status: 1

#### OSTYPE
echo $OSTYPE
## stdout: linux-gnu

#### HOSTTYPE and MACHTYPE agree
case $MACHTYPE in $HOSTTYPE-*) echo ok;; esac
## stdout: ok

#### SHELLOPTS default
echo $SHELLOPTS
## stdout: braceexpand:hashall:interactive-comments

#### SHELLOPTS follows set -e and set -u
set -eu; echo $SHELLOPTS
## stdout: braceexpand:errexit:hashall:interactive-comments:nounset

#### BASHOPTS default
echo $BASHOPTS
## stdout: checkwinsize:cmdhist:complete_fullquote:extquote:force_fignore:globasciiranges:globskipdots:hostcomplete:interactive_comments:patsub_replacement:progcomp:promptvars:sourcepath

#### BASHOPTS follows shopt -s
shopt -s extglob nullglob; echo $BASHOPTS
## stdout: checkwinsize:cmdhist:complete_fullquote:extglob:extquote:force_fignore:globasciiranges:globskipdots:hostcomplete:interactive_comments:nullglob:patsub_replacement:progcomp:promptvars:sourcepath

#### SHELLOPTS is readonly
SHELLOPTS=x 2>/dev/null; echo $?
## stdout-json: ""
## status: 1

#### BASH_EXECUTION_STRING is the -c text
case "$BASH_EXECUTION_STRING" in 'case "$BASH_'*) echo yes;; esac
## stdout: yes

#### BASH names a shell
case $BASH in */bash) echo yes;; esac
## stdout: yes

#### version test used by scripts
if [ "${BASH_VERSINFO[0]}" -ge 4 ]; then echo modern; fi
## stdout: modern

#### SHLVL past 999 starts again at 1
SHLVL=999 bash -c 'echo $SHLVL' 2>/dev/null; true
## stdout: 1

#### a negative SHLVL starts at 0
SHLVL=-5 bash -c 'echo $SHLVL'; true
## stdout: 0
