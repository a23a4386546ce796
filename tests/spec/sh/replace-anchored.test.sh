# anchored empty patterns: ${a[@]/#/x}, ${a[@]/%/x}

#### prefix every element with an empty anchored pattern
a=(x y); echo "${a[@]/#/-I}"
## stdout: -Ix -Iy

#### suffix every element
a=(x y); echo "${a[@]/%/.o}"
## stdout: x.o y.o

#### prefix a scalar
x=abc; echo ${x/#/pre-}
## stdout: pre-abc

#### suffix a scalar
x=abc; echo ${x/%/-post}
## stdout: abc-post

#### empty unanchored pattern changes nothing
x=abc; echo ${x//} ${x/}
## stdout: abc abc

#### prefix positional parameters
set -- a b; echo "${@/#/--}"
## stdout: --a --b

#### anchored pattern on array of words keeps words
a=(x y); printf '[%s]\n' "${a[@]/#/-I}"
## STDOUT:
[-Ix]
[-Iy]
## END

#### anchored prefix with match
x=aab; echo ${x/#a/X} ${x/%b/Y}
## stdout: Xab aaY

#### anchored with empty replacement
x=abc; echo ${x/#a} ${x/%c}
## stdout: bc ab

#### anchored suffix on empty element
a=(x '' z); printf '[%s]\n' "${a[@]/%/.o}"
## STDOUT:
[x.o]
[.o]
[z.o]
## END
