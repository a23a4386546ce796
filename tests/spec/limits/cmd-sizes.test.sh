# Size, width, precision and repeat arguments of the commands (issue 10,
# TM-CMD-001): each is checked against the process's string limit
# (max_alloc, 256 MiB in the standard profile) before any memory is
# reserved, and refused with a message naming the limit; the system goes
# on. Where GNU takes the argument (it has no such limit) the case is a
# bash_diff.

#### TM-CMD-001 truncate to a size past the limit
truncate -s 9237207K a; echo "status=$?"
test -e a && echo created
echo still-alive
## STDOUT:
status=1
still-alive
## END
## stderr: truncate: size too large (limit 256 MiB)
## bash_diff: GNU makes a sparse 9 GB file; in memory that is refused

#### TM-CMD-001 truncate within the limit still works
truncate -s 1K a; wc -c < a
truncate -s +1K a; wc -c < a
truncate -s 10 a; wc -c < a
## STDOUT:
1024
2048
10
## END

#### TM-CMD-001 printf width from * past the limit
printf '%*d|' 100000000000 1; echo "status=$?"
echo still-alive
## STDOUT:
status=1
still-alive
## END
## stderr: sh: line 1: printf: width too large (limit 256 MiB)
## bash_diff: bash fails on the write and says nothing

#### TM-CMD-001 printf width in the format past the limit
printf '%99999999999d|' 1; echo "status=$?"
/bin/printf '%99999999999d|' 1; echo "status=$?"
echo still-alive
## STDOUT:
status=1
status=1
still-alive
## END
## STDERR:
sh: line 1: printf: width too large (limit 256 MiB)
printf: width too large (limit 256 MiB)
## END
## bash_diff: bash and GNU printf fail on the write and say nothing

#### TM-CMD-001 printf precision past the limit
printf '%.*f|' 100000000000 1; echo "status=$?"
echo still-alive
## STDOUT:
status=1
still-alive
## END
## stderr: sh: line 1: printf: precision too large (limit 256 MiB)
## bash_diff: bash fails on the write and says nothing

#### TM-CMD-001 printf precision of 65536 and more works (no panic)
printf '%.*f' 65536 1 | wc -c
printf '%.70000e' 1 | wc -c
/bin/printf '%.65536f' 1 | wc -c
printf '%70000s|' x | wc -c
echo still-alive
## STDOUT:
65538
70006
65538
70001
still-alive
## END

#### TM-CMD-001 printf output past the limit in one call
printf '%200000000d%200000000d' 1 1 | wc -c; echo "status=${PIPESTATUS[0]}"
echo still-alive
## STDOUT:
0
status=1
still-alive
## END
## stderr: sh: line 1: printf: output too large (limit 256 MiB)
## bash_diff: bash prints 400 MB

#### TM-CMD-001 seq -f width past the limit
seq -f '%99999999999g' 1 2; echo "status=$?"
echo still-alive
## STDOUT:
status=1
still-alive
## END
## stderr: seq: width too large (limit 256 MiB)
## bash_diff: GNU seq fails on the write and says nothing

#### TM-CMD-001 stat -c width past the limit
stat -c '%-9226854775808b' /; echo "status=$?"
stat -c '%.99999999999999999999n' /; echo "status=$?"
echo still-alive
## STDOUT:
status=1
status=1
still-alive
## END
## STDERR:
stat: width too large (limit 256 MiB)
stat: precision too large (limit 256 MiB)
## END
## bash_diff: GNU stat prints an empty line

#### TM-CMD-001 stat widths within the limit
printf 12345678 > f
stat -c '%5s|%-5s|%.3n' f
## stdout:     8|8    |f

#### TM-CMD-001 find -printf width past the limit
find . -maxdepth 0 -printf '%99999999999p'; echo "status=$?"
find . -maxdepth 0 -printf '%.99999999999p'; echo "status=$?"
echo still-alive
## STDOUT:
status=1
status=1
still-alive
## END
## STDERR:
find: width too large (limit 256 MiB)
find: precision too large (limit 256 MiB)
## END
## bash_diff: GNU find fails on the write

#### TM-CMD-001 find -printf widths within the limit
find . -maxdepth 0 -printf '%5p|%-5p|\n'
## stdout:     .|.    |

#### TM-CMD-001 string repeat past the limit
string repeat -n 99999999999 ab; echo "status=$?"
string repeat -n 3 ab
echo still-alive
## STDOUT:
status=2
ababab
still-alive
## END
## stderr: string repeat: output too large (limit 256 MiB)
## bash_diff: string is fish's builtin; bash has none

#### TM-CMD-001 tr repeat counts of any size are runs, not buffers
echo abc | tr ab '[x*99999999999]'
echo abc | tr '[a*999]b' 'x[y*]z'
echo still-alive
## STDOUT:
xxc
yzc
still-alive
## END

#### TM-CMD-001 od -w past the limit
echo a | od -w99999999998; echo "status=$?"
echo a | od -w2147483648; echo "status=$?"
echo still-alive
## STDOUT:
status=1
status=1
still-alive
## END
## STDERR:
od: width too large (limit 256 MiB)
od: width too large (limit 256 MiB)
## END
## bash_diff: GNU od allocates the line (and fails for lack of memory)

#### TM-CMD-001 od -S minimum past the limit
printf 'abc\0' | od -S 99999999999; echo "status=$?"
echo still-alive
## STDOUT:
status=1
still-alive
## END
## stderr: od: minimum string length too large (limit 256 MiB)
## bash_diff: GNU od allocates the minimum (and fails for lack of memory)

#### TM-CMD-001 nl -w past the limit
echo a | nl -w 2147483647; echo "status=$?"
echo a | nl -w 70000 | wc -c
echo still-alive
## STDOUT:
status=1
70003
still-alive
## END
## stderr: nl: line number field width too large (limit 256 MiB)
## bash_diff: GNU nl pads to 2 GB

#### TM-CMD-001 date field width past the limit
date +%99999999999Y; echo "status=$?"
date -d @0 +%70000Y | wc -c
echo still-alive
## STDOUT:
status=1
70001
still-alive
## END
## stderr: date: field width too large (limit 256 MiB)
## bash_diff: GNU date fails for lack of memory

#### TM-CMD-001 awk NF and field numbers past the limit
awk 'BEGIN{NF=1e18}'; echo "status=$?"
echo a | awk '{NF=9223372036854775807}'; echo "status=$?"
echo a | awk '{$1000000000=1}'; echo "status=$?"
echo still-alive
## STDOUT:
status=2
status=2
status=2
still-alive
## END
## STDERR:
awk: cmd. line:1: fatal: field count too large (limit 256 MiB)
awk: cmd. line:1: (FILENAME=- FNR=1) fatal: field count too large (limit 256 MiB)
awk: cmd. line:1: (FILENAME=- FNR=1) fatal: field count too large (limit 256 MiB)
## END
## bash_diff: mawk allocates the fields (and fails for lack of memory)

#### TM-CMD-001 awk fields within the limit
echo a | awk '{$5=1; print NF; print}'
echo a b c | awk '{NF=2; print}'
## STDOUT:
5
a    1
a b
## END

#### TM-CMD-001 awk printf precisions past 65535 (no panic)
awk 'BEGIN{printf "%.70000f\n", 1}' | wc -c
awk 'BEGIN{printf "%.70000e\n", 1}' | wc -c
awk 'BEGIN{printf "%#.70000g\n", 1}' | wc -c
echo still-alive
## STDOUT:
70003
70007
70002
still-alive
## END

#### TM-CMD-001 split suffix length past the limit
echo a | split -a 99999999999; echo "status=$?"
echo a | split -a 3; ls
echo still-alive
## STDOUT:
status=1
xaaa
still-alive
## END
## stderr: split: suffix length too large (limit 256 MiB)
## bash_diff: GNU split allocates the suffix (and fails for lack of memory)

#### TM-CMD-001 width and count arguments that are only compared, never allocated
echo a | column -c 99999999999
echo a | fold -w 99999999999
echo a b | cut -f 99999999999
echo a | cut -c 1-99999999999
echo a | head -c 99999999999999
echo a | tail -n 99999999999999
echo a | sort -k 99999999999
echo a | uniq -f 99999999999 -s 99999999999
echo still-alive
## STDOUT:
a
a
a b
a
a
a
a
a
still-alive
## END

#### TM-CMD-001 dd block sizes past the host's memory
echo a | dd bs=99999999999; echo "status=$?"
echo a | dd ibs=1 obs=99999999999; echo "status=$?"
echo still-alive
## STDOUT:
status=1
status=1
still-alive
## END
## STDERR:
dd: memory exhausted by input buffer of size 99999999999 bytes (93 GiB)
dd: memory exhausted by output buffer of size 99999999999 bytes (93 GiB)
## END

#### TM-CMD-001 awk concatenation that doubles a string
awk 'BEGIN { s = "x"; while (1) s = s s }'; echo "status=$?"
echo still-alive
## STDOUT:
status=2
still-alive
## END
## limits: string=1M
## stderr: awk: cmd. line:1: fatal: string too large (limit 1 MiB)
## bash_diff: gawk doubles until it runs out of memory

#### TM-CMD-001 awk concatenation within the limit
awk 'BEGIN { s = "x"; for (i = 0; i < 19; i++) s = s s; print length(s) }'
## stdout: 524288
## limits: string=1M

#### TM-CMD-001 command substitution past the limit is an error
x=$(yes | head -c 2000000); echo "not reached"
echo "status=$? ${#x}"
echo still-alive
## STDOUT:
status=1 0
still-alive
## END
## limits: string=1M
## stderr-contains: command substitution: string size limit reached (1 MiB)
## bash_diff: bash takes the 2 MB

#### TM-CMD-001 string repeat past a small limit
string repeat -n 2000000 x | wc -c; echo "status=${PIPESTATUS[0]}"
echo still-alive
## STDOUT:
0
status=2
still-alive
## END
## limits: string=1M
## stderr: string repeat: output too large (limit 1 MiB)
## bash_diff: string is fish's builtin; bash has none
