# ${#x} and ${x:o:n} count in the shell's locale: bytes under C/POSIX,
# characters under a UTF-8 locale (from LC_ALL > LC_CTYPE > LANG, the
# shell's own variables, exported or not).

#### C counts bytes, C.UTF-8 counts characters
s="ação"
LC_ALL=C
echo "${#s}"
LC_ALL=C.UTF-8
echo "${#s}"
## STDOUT:
6
4
## END

#### LC_ALL outranks LC_CTYPE, which outranks LANG
s="日本"
LC_ALL=
LC_CTYPE=POSIX
LANG=C.UTF-8
echo "${#s}"
LC_CTYPE=
echo "${#s}"
LC_CTYPE=C.utf8
LANG=C
echo "${#s}"
LC_ALL=C
echo "${#s}"
## STDOUT:
6
2
2
6
## END

#### an empty variable is skipped, an unknown name is bytes
s="é"
LC_ALL=
LC_CTYPE=
LANG=
echo "${#s}"
LANG=xx_YY
echo "${#s}"
LANG=C.utf8
echo "${#s}"
## STDOUT:
2
2
1
## END

#### a function's local LC_ALL counts only inside it
s="ação"
LC_ALL=C
f() { local LC_ALL=C.UTF-8; echo "in=${#s}"; }
f
echo "out=${#s}"
## STDOUT:
in=4
out=6
## END

#### array elements and arithmetic
LC_ALL=C.UTF-8
a=(ação ñ)
echo "${#a[0]} ${#a[1]} ${#a[@]} $(( ${#a[0]} * 2 ))"
LC_ALL=C
echo "${#a[0]} ${#a[1]} ${#a[@]}"
## STDOUT:
4 1 2 8
6 2 2
## END

#### substrings by character under UTF-8
s="ação!"
LC_ALL=C.UTF-8
echo "${s:1:2}|${s:3}|${s: -2}|${s:0:-1}"
## STDOUT:
çã|o!|o!|ação
## END

#### substrings by byte under C
s="aé"
LC_ALL=C
printf '%s' "${s:1:1}" | od -An -tx1
printf '%s' "${s:2}" | od -An -tx1
## STDOUT:
 c3
 a9
## END

#### an invalid byte counts as one character
LC_ALL=C.UTF-8
s=$(printf 'a\377b\303')
echo "${#s}"
printf '%s' "${s:1:1}" | od -An -tx1
## STDOUT:
4
 ff
## END

#### nested in a default word
s="ação"
LC_ALL=C.UTF-8
echo "${unset_x:-${#s}}"
LC_ALL=C
echo "${unset_x:-${#s}}"
## STDOUT:
4
6
## END

#### ASCII is the same in every locale
s="hello"
for l in C C.UTF-8 POSIX C.utf8; do LC_ALL=$l; echo "${#s} ${s:1:3}"; done
## STDOUT:
5 ell
5 ell
5 ell
5 ell
## END
