# "$*" and "${a[*]}" with no elements

#### empty "$*" is one empty word
set --; [ -n "$*" ] && echo nonempty || echo empty
## stdout: empty

#### empty "${a[*]}" is one empty word
a=(); [ -n "${a[*]}" ] && echo nonempty || echo empty
## stdout: empty

#### count of words from empty "$*"
set --; f() { echo $#; }; f "$*"
## stdout: 1

#### count of words from empty "$@"
set --; f() { echo $#; }; f "$@"
## stdout: 0

#### empty "${a[*]}" in a loop
a=(); for x in "${a[*]}"; do echo "[$x]"; done
## stdout: []

#### "$*" with IFS empty
set -- a b; IFS=; echo "$*"
## stdout: ab

#### "$*" with custom IFS
set -- a b c; IFS=,; echo "$*"
## stdout: a,b,c

#### "${a[*]}" joined by first IFS char
a=(x y z); IFS=:-; echo "${a[*]}"
## stdout: x:y:z

#### "$*" of one empty argument
set -- ""; f() { echo $#; }; f "$*"
## stdout: 1

#### unset array "${u[*]}"
f() { echo $#; }; f "${u[*]}"
## stdout: 1
