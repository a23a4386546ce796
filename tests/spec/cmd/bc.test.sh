# bc: arbitrary-precision calculator (GNU bc 1.07.1)

#### integer-arithmetic
echo '2+3*4; (2+3)*4; 7/2; 7%3; -7%3; 2^10' | bc
## STDOUT:
14
20
3
1
-1
1024
## END

#### scale-and-division
echo 'scale=2; 3/4; 10/3; scale=0; 10/3' | bc
## STDOUT:
.75
3.33
3
## END

#### big-numbers
echo '2^200; 12345678901234567890*98765432109876543210' | bc
## STDOUT:
1606938044258990275541962092341162602522202993782792835301376
1219326311370217952237463801111263526900
## END

#### long-numbers-are-broken-at-70
echo '3^200' | bc
## STDOUT:
26561398887587476933878132203577962682923345265339449597457496173909\
2490901302182994384699044001
## END

#### line-length-from-the-environment
echo '3^100' | BC_LINE_LENGTH=20 bc; echo '3^100' | BC_LINE_LENGTH=0 bc
## STDOUT:
515377520732011331\
036461129765621272\
702107522001
515377520732011331036461129765621272702107522001
## END

#### multiplication-scale
echo 'scale=0; 2.5*2.5; scale=5; 2.5*2.5; 1.25*1.5' | bc
## STDOUT:
6.2
6.25
1.875
## END

#### sqrt
echo 'sqrt(16); scale=10; sqrt(2); sqrt(2.0000000000000000)' | bc
## STDOUT:
4
1.4142135623
1.4142135623730950
## END

#### obase-and-ibase
echo 'obase=16; 255; 4096; obase=2; 10; obase=10; ibase=16; FF; 1A.8' | bc
## STDOUT:
FF
1000
1010
255
26.5
## END

#### large-obase-digits
echo 'obase=100; 123456; obase=20; 300' | bc
## STDOUT:
 12 34 56
 15 00
## END

#### math-library
echo 'scale=20; 4*a(1); e(1); l(10); s(1); c(1); j(0,1)' | bc -l
## STDOUT:
3.14159265358979323844
2.71828182845904523536
2.30258509299404568401
.84147098480789650665
.54030230586813971740
.76519768655796655144
## END

#### math-library-sets-scale
echo '1/3; scale' | bc -l
## STDOUT:
.33333333333333333333
20
## END

#### functions-and-recursion
printf 'define f(n) {\n  if (n < 2) return (1)\n  return (n * f(n - 1))\n}\nf(25)\n' | bc
## stdout: 15511210043330985984000000

#### auto-variables-and-dynamic-scope
printf 'define g() { return (x) }\ndefine f(x) { auto y; y = 2; return (g() + y) }\nx = 100\nf(5)\nx\ny\n' | bc
## STDOUT:
7
100
0
## END

#### arrays
printf 'a[0]=5; a[3]=7; a[0]+a[3]+a[1]\ndefine s(v[], n) { auto i, t; for (i = 0; i < n; i++) t += v[i]; return (t) }\nfor (i = 0; i < 10; i++) b[i] = i * i\ns(b[], 10)\n' | bc
## STDOUT:
12
285
## END

#### loops-break-continue
printf 'for (i = 0; i < 10; i++) { if (i == 2) continue; if (i == 5) break; i }\ni = 0; while (i < 3) i += 1\ni\n' | bc
## STDOUT:
0
1
3
4
3
## END

#### increments-print-assignments-do-not
echo 'a = 5; a++; a; ++a; a--; a += 10; a' | bc
## STDOUT:
5
6
7
7
16
## END

#### print-and-strings
echo 'print "x=", 1+1, "\n"; "plain\n"' | bc; echo
## STDOUT:
x=2
plain\n
## END

#### relations-and-logic
echo '1 < 2; 2 <= 1; 3 == 3; !0; 1 && 0; 1 || 0' | bc
## STDOUT:
1
0
1
1
0
1
## END

#### unary-minus-binds-tighter-than-power
echo '-2^2; 2^-1; scale=3; 2^-1' | bc
## STDOUT:
4
0
.500
## END

#### length-and-scale-functions
echo 'length(123.45); scale(1.50); length(0); length(.000)' | bc
## STDOUT:
5
2
1
3
## END

#### last-value
echo '5*5; last+1; .+1' | bc
## STDOUT:
25
26
27
## END

#### comments
printf '/* a comment */ 1 + 1 # another\n2\n' | bc
## STDOUT:
2
2
## END

#### quit-stops-at-once
printf '1\nif (0) quit\n2\n' | bc
## stdout: 1

#### halt-stops-when-run
printf '1\nif (0) halt\n2\nhalt\n3\n' | bc
## STDOUT:
1
2
## END

#### files-then-stdin
printf 'x = 6\n' > a.bc; echo 'x * 7' | bc a.bc
## stdout: 42

#### divide-by-zero-goes-on
printf '1/0\n5\n' | bc; echo "st=$?"
## STDOUT:
5
st=0
## END
## stderr: Runtime error (func=(main)): Divide by zero
## bash_diff: GNU bc names a byte-code address (adr=3) that has no meaning here

#### syntax-error-goes-on
printf '1+\n2+3\n)\n4\n' | bc; echo "st=$?"
## STDOUT:
5
4
st=0
## END
## STDERR:
(standard_in) 2: syntax error
(standard_in) 3: syntax error
## END

#### syntax-error-in-a-file
printf 'x=\n' > p.bc; bc p.bc < /dev/null; echo "st=$?"
## stdout: st=0
## stderr: p.bc 2: syntax error

#### missing-file
bc nope.bc < /dev/null; echo "st=$?"
## stdout: st=1
## stderr: File nope.bc is unavailable.

#### undefined-function
echo 'foo(1); 2' | bc
## stdout: 2
## stderr: Runtime error (func=(main)): Function foo not defined.
## bash_diff: GNU bc names a byte-code address (adr=3) that has no meaning here

#### negative-sqrt
echo 'sqrt(-1)' | bc
## stderr: Runtime error (func=(main)): Square root of a negative number
## bash_diff: GNU bc names a byte-code address (adr=4) that has no meaning here
