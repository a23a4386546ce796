# The size and nesting refusals under small limits (issue 10, TM-CMD-001,
# TM-CMD-002): the limit set with --limit is the one each command checks
# and names, and the system goes on.
## limits: string=1M nest=100

#### TM-CMD-001 printf width from * past a 1 MiB limit
printf "%*s|" 2000000 x; echo "status=$?"
echo still-alive
## STDOUT:
status=1
still-alive
## END
## stderr: sh: line 1: printf: width too large (limit 1 MiB)
## bash_diff: bash prints 2 MB

#### TM-CMD-001 printf precision from * past a 1 MiB limit
printf "%.*s|" 2000000 x; echo "status=$?"
echo still-alive
## STDOUT:
status=1
still-alive
## END
## stderr: sh: line 1: printf: precision too large (limit 1 MiB)
## bash_diff: bash prints the string

#### TM-CMD-001 seq -f width past a 1 MiB limit
seq -f "%2000000g" 1 1; echo "status=$?"
echo still-alive
## STDOUT:
status=1
still-alive
## END
## stderr: seq: width too large (limit 1 MiB)
## bash_diff: GNU seq pads to 2 MB

#### TM-CMD-001 truncate past a 1 MiB limit
truncate -s 2M a; echo "status=$?"
echo still-alive
## STDOUT:
status=1
still-alive
## END
## stderr: truncate: size too large (limit 1 MiB)
## bash_diff: GNU makes a sparse 2 MB file

#### TM-CMD-001 od -w past a 1 MiB limit
echo a | od -w2000000; echo "status=$?"
echo still-alive
## STDOUT:
status=1
still-alive
## END
## stderr: od: width too large (limit 1 MiB)
## bash_diff: GNU od takes the width

#### TM-CMD-001 nl -w past a 1 MiB limit
echo a | nl -w 2000000; echo "status=$?"
echo still-alive
## STDOUT:
status=1
still-alive
## END
## stderr: nl: line number field width too large (limit 1 MiB)
## bash_diff: GNU nl pads to 2 MB

#### TM-CMD-001 date field width past a 1 MiB limit
date +%2000000Y; echo "status=$?"
echo still-alive
## STDOUT:
status=1
still-alive
## END
## stderr: date: field width too large (limit 1 MiB)
## bash_diff: GNU date pads to 2 MB

#### TM-CMD-001 find -printf width past a 1 MiB limit
find . -maxdepth 0 -printf "%2000000p"; echo "status=$?"
echo still-alive
## STDOUT:
status=1
still-alive
## END
## stderr: find: width too large (limit 1 MiB)
## bash_diff: GNU find pads to 2 MB

#### TM-CMD-001 stat -c width past a 1 MiB limit
stat -c "%2000000n" /; echo "status=$?"
echo still-alive
## STDOUT:
status=1
still-alive
## END
## stderr: stat: width too large (limit 1 MiB)
## bash_diff: GNU stat pads to 2 MB

#### TM-CMD-001 awk NF past a 1 MiB limit
awk "BEGIN{NF=2000000}"; echo "status=$?"
echo still-alive
## STDOUT:
status=2
still-alive
## END
## stderr: awk: cmd. line:1: fatal: field count too large (limit 1 MiB)
## bash_diff: gawk makes the fields

#### TM-CMD-001 awk field number past a 1 MiB limit
echo | awk "{\$2000000=1}"; echo "status=$?"
echo still-alive
## STDOUT:
status=2
still-alive
## END
## stderr: awk: cmd. line:1: (FILENAME=- FNR=1) fatal: field count too large (limit 1 MiB)
## bash_diff: gawk makes the fields

#### TM-CMD-002 expr nested past a nesting limit of 100
s="( "; for i in $(seq 8); do s=$s$s; done
expr $s 1; echo "status=$?"
echo still-alive
## STDOUT:
status=2
still-alive
## END
## stderr: expr: expression nested too deeply (limit 100)
## bash_diff: GNU expr has no nesting limit

#### TM-CMD-002 find nested past a nesting limit of 100
s="( "; for i in $(seq 8); do s=$s$s; done
find . -maxdepth 0 $s; echo "status=$?"
echo still-alive
## STDOUT:
status=1
still-alive
## END
## stderr: find: expression nested too deeply (limit 100)
## bash_diff: GNU find has no nesting limit

#### TM-CMD-002 awk nested past a nesting limit of 100
o="("; c=")"; for i in $(seq 8); do o=$o$o; c=$c$c; done
awk "BEGIN { x = ${o}1${c} }"; echo "status=$?"
echo still-alive
## STDOUT:
status=2
still-alive
## END
## stderr: awk: cmd. line:1: fatal: program nested too deeply (limit 100)
## bash_diff: gawk has no nesting limit

#### TM-CMD-002 jq nested past a nesting limit of 100
o="["; c="]"; for i in $(seq 8); do o=$o$o; c=$c$c; done
jq -n "$o$c"; echo "status=$?"
echo still-alive
## STDOUT:
status=3
still-alive
## END
## stderr: jq: error: program nested too deeply (limit 100)
## bash_diff: jq has no nesting limit

#### TM-CMD-001 tr repeat counts past the limit are runs, not buffers
echo ab | tr ab '[x*2000000000]'
## stdout: xx

#### TM-CMD-001 grep with 256 open groups under a small limit
o='\('; for i in $(seq 8); do o=$o$o; done
echo a | grep "${o}a"; echo "status=$?"
## stdout: status=2
## stderr: grep: Unmatched ( or \(

#### TM-CMD-001 awk printf width from * past a 1 MiB limit is fatal, not cut
awk 'BEGIN { printf "%*d\n", 2000000, 1 }' | wc -c; echo "status=${PIPESTATUS[0]}"
echo still-alive
## STDOUT:
0
status=2
still-alive
## END
## stderr: awk: cmd. line:1: fatal: width too large (limit 1 MiB)

#### TM-CMD-001 awk sprintf width and precision past a 1 MiB limit
awk 'BEGIN { x = sprintf("%2000000d", 1); print length(x) }'; echo "status=$?"
awk 'BEGIN { printf "%.*f\n", 2000000, 1 }'; echo "status=$?"
echo still-alive
## STDOUT:
status=2
status=2
still-alive
## END
## STDERR:
awk: cmd. line:1: fatal: width too large (limit 1 MiB)
awk: cmd. line:1: fatal: precision too large (limit 1 MiB)
## END

#### TM-CMD-001 awk widths within the limit still pad
echo 5 | awk '{ printf "%5d|%.3f|%*s|%-4s|\n", $1, 2, 4, "x", "y" }'
## stdout:     5|2.000|   x|y   |
