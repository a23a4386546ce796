# extglob: ?() *() +() @() !() in globs, [[ ]], case and ${x%...}

#### extglob in [[ ]] without the option
[[ foo.c == *.@(c|h) ]] && echo match
## stdout: match

#### negated group in [[ ]]
[[ abc == a!(x)c ]] && echo yes; [[ axc == a!(x)c ]] || echo no
## STDOUT:
yes
no
## END

#### extglob in globs
shopt -s extglob
touch a.c b.h c.o; echo *.@(c|h)
## stdout: a.c b.h

#### negated glob
shopt -s extglob
touch a.c b.h c.o; echo !(*.o)
## stdout: a.c b.h

#### extglob in case
shopt -s extglob
case abc in a?(b)c) echo 1;; esac; case ac in a?(b)c) echo 2;; esac; case abbc in a*(b)c) echo 3;; esac; case abc in a!(b)c) echo 4;; *) echo no4;; esac
## STDOUT:
1
2
3
no4
## END

#### one or more
shopt -s extglob
case foo in +(o|f)) echo y;; esac; case '' in +(o)) echo y;; *) echo n;; esac
## STDOUT:
y
n
## END

#### trimming with groups
shopt -s extglob
x=foo.tar.gz; echo ${x%.+([a-z])} ${x%%.+([a-z])}
## stdout: foo.tar foo.tar

#### trim leading and trailing blanks
shopt -s extglob
x='  hi  '; echo "[${x##+([[:space:]])}]"; echo "[${x%%+( )}]"
## STDOUT:
[hi  ]
[  hi]
## END

#### replace with a group over an array
shopt -s extglob
a=(x.c y.o z.h); echo ${a[@]/*.@(c|h)/src}
## stdout: src y.o src

#### groups are literal without the option in words
shopt -u extglob
x='@(a)'; case $x in '@(a)') echo literal;; esac
## stdout: literal

#### nested groups
shopt -s extglob
[[ abab == +(a|+(b)) ]] && echo y; [[ abc == @(a|b)+(b)c ]] && echo z
## STDOUT:
y
z
## END

#### group not matching falls back to the word
shopt -s extglob
echo @(nosuch|none).zz
## stdout: @(nosuch|none).zz

#### nullglob with extglob
shopt -s extglob nullglob
echo [@(nosuch).zz]
## stdout: 

#### star group
shopt -s extglob
for w in a aa ab ''; do [[ $w == *(a) ]] && echo "[$w] yes" || echo "[$w] no"; done
## STDOUT:
[a] yes
[aa] yes
[ab] no
[] yes
## END

#### extglob with quoted part
shopt -s extglob
[[ 'a|b' == @('a|b') ]] && echo quoted
## stdout: quoted

#### extglob on the same line is a syntax error
shopt -s extglob; echo @(a|b)
## stdout-json: ""
## status: 2
