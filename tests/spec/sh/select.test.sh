# select: bash's menu loop (menu and PS3 on stderr, REPLY from stdin).
# Cases join stderr to stdout to show where the menu and prompt fall.

#### a number picks the item
printf '2\n' | { select x in a b c; do echo "got $x $REPLY"; break; done; } 2>&1
## STDOUT:
1) a
2) b
3) c
#? got b 2
## END

#### an answer out of range or not a number sets the variable empty; an empty one shows the menu again
printf '\n9\nfoo\n1\n' | { select x in a b c; do echo "got [$x] [$REPLY]"; [ -n "$x" ] && break; done; echo "st=$?"; } 2>&1
## STDOUT:
1) a
2) b
3) c
#? 1) a
2) b
3) c
#? got [] [9]
#? got [] [foo]
#? got [a] [1]
st=0
## END

#### end of input ends the loop with status 1 and a newline
printf '' | { select x in a; do echo never; done; echo "st=$?"; } 2>/dev/null
## STDOUT:

st=1
## END

#### without in, the positional parameters, and PS3 as the prompt
set -- p q
PS3='pick: '
printf '1\n' | { select x; do echo "$x"; break; done; } 2>&1
## STDOUT:
1) p
2) q
pick: p
## END

#### many items go in columns down first, as wide as COLUMNS allows
COLUMNS=80
printf '' | { select x in $(seq 30); do break; done; } 2>&1
## STDOUT:
1) 1	 4) 4	 7) 7	10) 10	13) 13	16) 16	19) 19	22) 22	25) 25	28) 28
2) 2	 5) 5	 8) 8	11) 11	14) 14	17) 17	20) 20	23) 23	26) 26	29) 29
3) 3	 6) 6	 9) 9	12) 12	15) 15	18) 18	21) 21	24) 24	27) 27	30) 30
#? 
## END
## status: 1

#### a narrow COLUMNS and a long item
COLUMNS=40
printf '' | { select x in aaaaaaaaaaaaaaaaaaaaaaaaaaaaa bb c; do break; done; } 2>&1
## STDOUT:
1) aaaaaaaaaaaaaaaaaaaaaaaaaaaaa
2) bb
3) c
#? 
## END
## status: 1

#### an empty list runs nothing
select x in; do echo never; done; echo "st=$?"
## stdout: st=0

#### break, continue and a function that prints it
f() { select x in a b; do echo "$x"; continue; done; }
printf '1\n2\n' | f 2>/dev/null; echo "st=$?"
declare -f f
## STDOUT:
a
b

st=1
f () 
{ 
    select x in a b;
    do
        echo "$x";
        continue;
    done
}
## END
