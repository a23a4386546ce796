# globstar, GLOBIGNORE, nocaseglob, globskipdots, nocasematch

#### globstar matches at the top level
mkdir -p d/e; touch t.md d/u.md d/e/v.md; shopt -s globstar; echo **/*.md
## stdout: d/e/v.md d/u.md t.md

#### globstar alone
mkdir -p d/e; touch t.md d/u.md d/e/v.md; shopt -s globstar; echo **
## stdout: d d/e d/e/v.md d/u.md t.md

#### globstar under a directory
mkdir -p d/e; touch t.md d/u.md d/e/v.md; shopt -s globstar; echo d/**; echo d/**/
## STDOUT:
d/ d/e d/e/v.md d/u.md
d/ d/e/
## END

#### globstar directories only
mkdir -p d/e; touch t.md d/u.md; shopt -s globstar; echo **/
## stdout: d/ d/e/

#### globstar with dotglob
mkdir -p d; touch .h.md d/u.md; shopt -s globstar dotglob; echo **/*.md
## stdout: .h.md d/u.md

#### without globstar ** is *
mkdir -p d/e; touch t.md d/u.md d/e/v.md; echo **/*.md
## stdout: d/u.md

#### GLOBIGNORE drops matches
touch a.txt b.txt c.md; GLOBIGNORE='b*'; echo *
## stdout: a.txt c.md

#### GLOBIGNORE with several patterns
touch a.txt b.txt c.md d.sh; GLOBIGNORE='*.txt:*.md'; echo *
## stdout: d.sh

#### GLOBIGNORE makes dot files match
touch a .b; GLOBIGNORE=x; echo *
## stdout: .b a

#### unset GLOBIGNORE restores
touch a .b; GLOBIGNORE=a; echo *; unset GLOBIGNORE; echo *
## STDOUT:
.b
a
## END

#### nocaseglob
touch A.txt b.txt; shopt -s nocaseglob; echo a* B*
## stdout: A.txt b.txt

#### nocaseglob with class
touch Abc; shopt -s nocaseglob; echo [a]bc
## stdout: Abc

#### globskipdots off matches dot and dot-dot
touch .x; shopt -u globskipdots; echo .*; shopt -s globskipdots; echo .*
## STDOUT:
. .. .x
.x
## END

#### nocasematch in [[ ]] and case
shopt -s nocasematch; [[ ABC == abc ]] && echo y; case X in x) echo c;; esac
## STDOUT:
y
c
## END

#### nocasematch in regex
shopt -s nocasematch; [[ ABC =~ ^a ]] && echo re
## stdout: re

#### nocasematch in pattern substitution
shopt -s nocasematch; x=ABC; echo ${x/b/-}
## stdout: A-C

#### nocasematch does not change trimming
shopt -s nocasematch; x=ABC; echo ${x#a}
## stdout: ABC

#### nocasematch off again
shopt -s nocasematch; shopt -u nocasematch; [[ ABC == abc ]] || echo n
## stdout: n
