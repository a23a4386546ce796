# yes: checked against GNU coreutils 9.1

#### default is y
yes | { read a; read b; echo "$a $b"; }
## stdout: y y

#### arguments joined by spaces
yes a 'b c' | { read -r x; echo "$x"; }
## stdout: a b c

#### empty argument gives empty lines
yes '' | { read -r x; read -r y; echo "[$x][$y]"; }
## stdout: [][]

#### dash-dash ends options
yes -- -n | { read -r x; printf '%s\n' "$x"; }
## stdout: -n

#### many lines stay whole
yes abcdefghij | { n=0; while [ $n -lt 5000 ]; do read -r x; [ "$x" = abcdefghij ] || echo bad; n=$((n+1)); done; echo done; }
## stdout: done

#### long line
yes 0123456789012345678901234567890123456789 | { read -r x; echo ${#x}; }
## stdout: 40

#### a closed pipe ends yes quietly
yes | { read x; }
echo $?
## stdout: 0
## stderr-json: ""

#### bad option
yes -n
## status: 1
## STDERR:
yes: invalid option -- 'n'
Try 'yes --help' for more information.
## END

#### bad long option
yes --frob
## status: 1
## STDERR:
yes: unrecognized option '--frob'
Try 'yes --help' for more information.
## END

#### help
yes --help | grep -c '^Usage: yes'
## stdout: 1
