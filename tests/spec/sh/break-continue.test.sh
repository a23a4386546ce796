# break and continue

#### break-exits-loop
for i in 1 2 3; do [ $i = 2 ] && break; echo $i; done
## stdout: 1

#### continue-skips-iteration
for i in 1 2 3; do [ $i = 2 ] && continue; echo $i; done
## STDOUT:
1
3
## END

#### break-in-while
i=0
while true; do i=$((i+1)); [ $i -gt 3 ] && break; done
echo $i
## stdout: 4

#### break-two-levels
for i in 1 2; do
  for j in a b; do
    [ $j = b ] && break 2
    echo $i$j
  done
done
echo after
## STDOUT:
1a
after
## END

#### continue-two-levels
for i in 1 2; do
  for j in a b; do
    [ $j = b ] && continue 2
    echo $i$j
  done
  echo not-reached
done
## STDOUT:
1a
2a
## END

#### break-count-too-large-exits-all
for i in 1 2; do for j in 1 2; do break 5; done; echo no; done
echo out
## stdout: out

#### continue-in-until
i=0
until [ $i -ge 4 ]; do i=$((i+1)); [ $((i%2)) = 0 ] && continue; echo $i; done
## STDOUT:
1
3
## END

#### break-outside-loop
break
echo after $?
## stdout: after 0

#### break-zero-error
for i in 1; do break 0; echo still; done
echo $?
## stdout: 1
## STDERR:
sh: line 1: break: 0: loop count out of range
## END

#### break-status-is-zero
for i in 1; do false; break; done
echo $?
## stdout: 0

#### continue-in-c-style-for-runs-update
for ((i=0; i<4; i++)); do [ $i = 1 ] && continue; echo $i; done
## STDOUT:
0
2
3
## END

#### break-inside-case-in-loop
for x in a b c; do
  case $x in b) break;; esac
  echo $x
done
## stdout: a

#### break-in-function-called-from-loop
f() { break; }
for i in 1 2; do echo $i; f; done
echo end
## STDOUT:
1
2
end
## END

#### break-in-subshell-in-loop
for i in 1 2; do (break); echo $i; done
## STDOUT:
1
2
## END

#### continue-in-while-read
printf '1\n2\n3\n' > f
while read n; do [ $n = 2 ] && continue; echo $n; done < f
## STDOUT:
1
3
## END
