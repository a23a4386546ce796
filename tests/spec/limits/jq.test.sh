# jq's recursion and the values it builds (issue 10, TM-CMD-001 and
# TM-CMD-002): a filter runs on the worker's stack and builds values in
# the host's memory, so every definition and fold update passes a guard
# (recursion past 64 MiB of stack, a value past max_alloc, the process
# gone), `[f]` collects within max_alloc, `"s" * n` is sized before it is
# made, and the program's nesting and length are measured before jaq's
# parser recurses on them. Each refusal is an error with a message; the
# system goes on.
## limits: string=1M nest=200

#### TM-CMD-002 jq runaway recursion is an error, not a stack overflow
jq -n 'def f(n): 1 + f(n + 1); f(0)'; echo "status=$?"
echo still-alive
## STDOUT:
status=5
still-alive
## END
## stderr: jq: error (at <unknown>): filter recursion too deep (limit 64 MiB of stack)
## bash_diff: jq 1.6 recurses until it runs out of memory

#### TM-CMD-002 jq recursion without arguments and through an object
jq -n 'def f: {a: f}; f'; echo "status=$?"
jq -n 'def f: [f]; f'; echo "status=$?"
echo still-alive
## STDOUT:
status=5
status=5
still-alive
## END
## stderr-contains: filter recursion too deep
## bash_diff: jq 1.6 recurses until it runs out of memory

#### TM-CMD-002 jq recursion that catches its own error still ends
jq -n 'def f: try f catch "caught"; f'; echo "status=$?"
echo still-alive
## STDOUT:
"caught"
status=0
still-alive
## END
## bash_diff: jq 1.6 recurses until it runs out of memory

#### TM-CMD-002 jq recursion within the limit works
jq -n 'def f(n): if n == 0 then 0 else 1 + f(n - 1) end; f(2000)'
jq -n '[recurse(if . < 3000 then . + 1 else empty end)] | length'
## STDOUT:
2000
3001
## END

#### TM-CMD-001 jq string repeat past the limit
jq -n '"x" * 1e11'; echo "status=$?"
jq -n '"ab" * 100000000000'; echo "status=$?"
jq -n '1e18 * "x"'; echo "status=$?"
echo still-alive
## STDOUT:
status=5
status=5
status=5
still-alive
## END
## STDERR:
jq: error (at <unknown>): string too large (limit 1 MiB)
jq: error (at <unknown>): string too large (limit 1 MiB)
jq: error (at <unknown>): string too large (limit 1 MiB)
## END
## bash_diff: jq 1.6 repeats (and runs out of memory)

#### TM-CMD-001 jq string repeat of the empty string is sized too
jq -n '"" * 1e18'; echo "status=$?"
echo still-alive
## STDOUT:
status=5
still-alive
## END
## stderr: jq: error (at <unknown>): string too large (limit 1 MiB)
## bash_diff: jq 1.6 loops 10^18 times

#### TM-CMD-001 jq string repeat within the limit, as jq 1.6 counts
jq -nc '"ab" * 0, "ab" * -1, "ab" * 0.5, "ab" * 1, "ab" * 2.7, 3 * "a"'
jq -n '"x" * 500000 | length'
## STDOUT:
null
null
"ab"
"ab"
"abab"
"aaa"
500000
## END

#### TM-CMD-001 jq multiplication of other kinds is unchanged
jq -nc '2 * 3, ({a: {b: 1}} * {a: {c: 2}}), [(1,2) * (10,100)]'
jq -n '[] * 2'; echo "status=$?"
## STDOUT:
6
{"a":{"b":1,"c":2}}
[10,20,100,200]
status=5
## END
## stderr: jq: error (at <unknown>): array ([]) and number (2) cannot be multiplied

#### TM-CMD-001 jq collecting a huge range into an array
jq -n '[range(1e10)] | length'; echo "status=$?"
echo still-alive
## STDOUT:
status=5
still-alive
## END
## stderr: jq: error (at <unknown>): array too large (limit 1 MiB)
## bash_diff: jq 1.6 collects until it runs out of memory

#### TM-CMD-001 jq collecting an endless generator
jq -n '[repeat(1)] | length'; echo "status=$?"
jq -n '[limit(1e10; repeat(1))] | length'; echo "status=$?"
echo still-alive
## STDOUT:
status=5
status=5
still-alive
## END
## limits: string=64K
## stderr-contains: array too large (limit 64 KiB)
## bash_diff: jq 1.6 collects until it runs out of memory

#### TM-CMD-001 jq map over a huge range
jq -n '[0] | map(range(1e10)) | length'; echo "status=$?"
echo still-alive
## STDOUT:
status=5
still-alive
## END
## stderr: jq: error (at <unknown>): array too large (limit 1 MiB)
## bash_diff: jq 1.6 collects until it runs out of memory

#### TM-CMD-001 jq collections within the limit
jq -n '[range(50000)] | length'
jq -nc '[limit(3; repeat(1))], [range(5)] | add'
## STDOUT:
50000
3
10
## END

#### TM-CMD-001 jq reduce that doubles a string
jq -n 'reduce range(40) as $i ("x"; . + .) | length'; echo "status=$?"
echo still-alive
## STDOUT:
status=5
still-alive
## END
## stderr: jq: error (at <unknown>): string too large (limit 1 MiB)
## bash_diff: jq 1.6 doubles until it runs out of memory

#### TM-CMD-001 jq reduce that doubles an array
jq -n 'reduce range(40) as $i ([1]; . + .) | length'; echo "status=$?"
echo still-alive
## STDOUT:
status=5
still-alive
## END
## stderr: jq: error (at <unknown>): array too large (limit 1 MiB)
## bash_diff: jq 1.6 doubles until it runs out of memory

#### TM-CMD-001 jq foreach and until that grow a string
jq -n 'last(foreach range(40) as $i ("x"; . + .)) | length'; echo "status=$?"
jq -n '"x" | until(false; . + .)'; echo "status=$?"
echo still-alive
## STDOUT:
status=5
status=5
still-alive
## END
## stderr-contains: string too large (limit 1 MiB)
## bash_diff: jq 1.6 doubles until it runs out of memory

#### TM-CMD-001 jq reduce within the limit
jq -n 'reduce range(16) as $i ("x"; . + .) | length'
jq -n 'reduce range(1000) as $i (0; . + $i)'
## STDOUT:
65536
499500
## END

#### TM-CMD-002 jq tostring of a value nested a hundred thousand deep
jq -n 'reduce range(100000) as $i (0; [.]) | tojson | length'; echo "status=$?"
echo still-alive
## STDOUT:
543
status=0
still-alive
## END
## bash_diff: jq 1.6 prints <stripped: exceeds max depth> past 256 levels too; its text differs in length

#### TM-CMD-002 jq input nested a million deep
o='['; for i in $(seq 20); do o=$o$o; done
printf '%s\n' "$o" | jq . 2>&1 | cut -c1-60; echo "status=${PIPESTATUS[1]}"
echo still-alive
## STDOUT:
parse error: Exceeds depth limit for parsing at line 1, colu
status=4
still-alive
## END

#### TM-CMD-002 jq fromjson of text nested a million deep
o='['; for i in $(seq 20); do o=$o$o; done
printf '%s' "$o" | jq -R 'fromjson' 2>&1 | cut -c1-70; echo "status=${PIPESTATUS[1]}"
echo still-alive
## STDOUT:
jq: error (at <stdin>:0): Exceeds depth limit for parsing at line 1, c
status=5
still-alive
## END
## bash_diff: the host's jq reads a different line number

#### TM-CMD-002 jq program nested a quarter million deep
o='['; c=']'; for i in $(seq 18); do o=$o$o; c=$c$c; done
jq -n "$o$c"; echo "status=$?"
o='('; c=')'; for i in $(seq 18); do o=$o$o; c=$c$c; done
jq -n "${o}1$c"; echo "status=$?"
echo still-alive
## STDOUT:
status=3
status=3
still-alive
## END
## STDERR:
jq: error: program nested too deeply (limit 200)
jq: error: program nested too deeply (limit 200)
## END
## bash_diff: jq 1.6 recurses until its stack overflows

#### TM-CMD-002 jq program with deep string interpolation
s='.'; for i in $(seq 300); do s="\"\\($s)\""; done
jq -n "$s"; echo "status=$?"
echo still-alive
## STDOUT:
status=3
still-alive
## END
## stderr: jq: error: program nested too deeply (limit 200)
## bash_diff: jq 1.6 nests them all

#### TM-CMD-002 jq program with a chain of a quarter million operators
s='1+'; for i in $(seq 18); do s=$s$s; done
jq -n "${s}1"; echo "status=$?"
s='1|'; for i in $(seq 18); do s=$s$s; done
jq -n "${s}1"; echo "status=$?"
echo still-alive
## STDOUT:
status=3
status=3
still-alive
## END
## STDERR:
jq: error: program too long (limit 3200 operators)
jq: error: program too long (limit 3200 operators)
## END
## bash_diff: jq 1.6 builds the whole tree

#### TM-CMD-002 jq program with nested keywords
s='if 1 then '; e=' end'; for i in $(seq 14); do s=$s$s; e=$e$e; done
jq -n "${s}1$e"; echo "status=$?"
s='try '; for i in $(seq 16); do s=$s$s; done
jq -n "${s}1"; echo "status=$?"
echo still-alive
## STDOUT:
status=3
status=3
still-alive
## END
## stderr-contains: jq: error: program too long (limit 3200 operators)
## bash_diff: jq 1.6 builds the whole tree

#### TM-CMD-002 jq brackets in strings and comments are not nesting
o='(((((((((('; o=$o$o$o$o$o$o$o$o$o$o; o=$o$o$o
jq -nr "\"$o\" | length"
jq -n "1 # $o"
jq -nc '[[[[[[[[[[1]]]]]]]]]] | flatten'
## STDOUT:
300
1
[1]
## END

#### TM-CMD-003 kill ends a jq that loops without output
jq -n 'def f: f; [range(1e9)] | f' &
sleep 0.3; kill $!; wait $!; echo "status=$?"
jq -n 'last(range(1e12))' &
sleep 0.3; kill $!; wait $!; echo "status=$?"
echo still-alive
## STDOUT:
status=143
status=143
still-alive
## END
## limits: string=256M

#### TM-CMD-003 kill ends a jq that recurses in a tail call
jq -n 'def f: f; f' &
sleep 0.3; kill $!; wait $!; echo "status=$?"
echo still-alive
## STDOUT:
status=143
still-alive
## END

#### TM-CMD-001 jq collecting a stepped range
jq -n '[range(0; 1e10; 2)] | length'; echo "status=$?"
jq -n '[range(1e10) | tostring] | length'; echo "status=$?"
echo still-alive
## STDOUT:
status=5
status=5
still-alive
## END
## stderr-contains: array too large (limit 1 MiB)
## bash_diff: jq 1.6 collects until it runs out of memory

#### TM-CMD-001 jq reduce that grows an object
jq -n 'reduce range(1e9) as $i ({}; .[$i | tostring] = 1) | length'; echo "status=$?"
echo still-alive
## STDOUT:
status=5
still-alive
## END
## stderr: jq: error (at <unknown>): object too large (limit 1 MiB)
## bash_diff: jq 1.6 grows the object until it runs out of memory

#### TM-CMD-001 jq string repeat of a longer string is sized by its length
jq -n '"abc" * 1e6'; echo "status=$?"
jq -n '"abc" * 1000 | length'
## STDOUT:
status=5
3000
## END
## stderr: jq: error (at <unknown>): string too large (limit 1 MiB)
## bash_diff: jq 1.6 repeats it

#### TM-CMD-001 jq guarded definitions keep their paths and updates
jq -nc 'path(..)' <<< 1
jq -c '[paths]' <<< '{"a":[1]}'
jq -c '.a *= 3' <<< '{"a":1}'
jq -c 'walk(if type == "number" then . * 10 else . end)' <<< '[1,[2,[3]]]'
jq -n 'def f: def g: 3; g * 2; f'
## STDOUT:
[]
[["a"],["a",0]]
{"a":3}
[10,[20,[30]]]
6
## END
