# diff: compare files line by line (GNU diffutils 3.8)

#### identical files exit 0 with no output
printf 'a\nb\n' > a; printf 'a\nb\n' > b
diff a b
## stdout-json: ""

#### normal format change
printf 'a\nb\nc\n' > a; printf 'a\nx\nc\n' > b
diff a b
## STDOUT:
2c2
< b
---
> x
## END
## status: 1

#### normal format add and delete
printf 'a\nc\nd\ne\n' > a; printf 'a\nb\nc\ne\n' > b
diff a b
## STDOUT:
1a2
> b
3d3
< d
## END
## status: 1

#### several changes in one file
seq 1 20 > a
printf '1\n2\n3\n4\nfive\n6\n7\n8\n9\n11\n12\n13\n14\nfifteen\n16\n17\n18\n19\n20\n11\n' > b
diff a b
## STDOUT:
5c5
< 5
---
> five
10d9
< 10
15c14
< 15
---
> fifteen
20a20
> 11
## END
## status: 1

#### unified with file times
seq 1 20 > a
printf '1\n2\n3\n4\nfive\n6\n7\n8\n9\n11\n12\n13\n14\nfifteen\n16\n17\n18\n19\n20\n11\n' > b
touch -d '2026-01-01 00:00:00' a b
diff -u a b
## STDOUT:
--- a	2026-01-01 00:00:00.000000000 +0000
+++ b	2026-01-01 00:00:00.000000000 +0000
@@ -2,19 +2,19 @@
 2
 3
 4
-5
+five
 6
 7
 8
 9
-10
 11
 12
 13
 14
-15
+fifteen
 16
 17
 18
 19
 20
+11
## END
## status: 1

#### -U N changes the context
seq 1 20 > a
printf '1\n2\n3\n4\nfive\n6\n7\n8\n9\n11\n12\n13\n14\nfifteen\n16\n17\n18\n19\n20\n11\n' > b
touch -d '2026-06-01 12:30:00' a b
diff -U1 a b
diff -U 0 a b
## STDOUT:
--- a	2026-06-01 12:30:00.000000000 +0000
+++ b	2026-06-01 12:30:00.000000000 +0000
@@ -4,3 +4,3 @@
 4
-5
+five
 6
@@ -9,3 +9,2 @@
 9
-10
 11
@@ -14,3 +13,3 @@
 14
-15
+fifteen
 16
@@ -20 +19,2 @@
 20
+11
--- a	2026-06-01 12:30:00.000000000 +0000
+++ b	2026-06-01 12:30:00.000000000 +0000
@@ -5 +5 @@
-5
+five
@@ -10 +9,0 @@
-10
@@ -15 +14 @@
-15
+fifteen
@@ -20,0 +20 @@
+11
## END
## status: 1

#### context format -c and -C N
printf 'a\nb\nc\nd\ne\nf\ng\nh\n' > a; printf 'a\nB\nc\nd\ne\nf\nG\nh\n' > b
touch -d '2026-06-01 12:30:00' a b
diff -c a b
diff -C 1 a b
## STDOUT:
*** a	Mon Jun  1 12:30:00 2026
--- b	Mon Jun  1 12:30:00 2026
***************
*** 1,8 ****
  a
! b
  c
  d
  e
  f
! g
  h
--- 1,8 ----
  a
! B
  c
  d
  e
  f
! G
  h
*** a	Mon Jun  1 12:30:00 2026
--- b	Mon Jun  1 12:30:00 2026
***************
*** 1,3 ****
  a
! b
  c
--- 1,3 ----
  a
! B
  c
***************
*** 6,8 ****
  f
! g
  h
--- 6,8 ----
  f
! G
  h
## END
## status: 1

#### missing newline at end of file
printf 'a\nb' > p; printf 'a\nc' > q
touch -d '2026-01-01 00:00:00' p q
diff p q
diff -u p q
## STDOUT:
2c2
< b
\ No newline at end of file
---
> c
\ No newline at end of file
--- p	2026-01-01 00:00:00.000000000 +0000
+++ q	2026-01-01 00:00:00.000000000 +0000
@@ -1,2 +1,2 @@
 a
-b
\ No newline at end of file
+c
\ No newline at end of file
## END
## status: 1

#### only the newline differs
printf 'a\nb' > p; printf 'a\nb\n' > q
diff p q
## STDOUT:
2c2
< b
\ No newline at end of file
---
> b
## END
## status: 1

#### --label replaces names and times
printf '1\n2\n' > a; printf '1\n3\n' > b
diff -u --label X --label Y a b
## STDOUT:
--- X
+++ Y
@@ -1,2 +1,2 @@
 1
-2
+3
## END
## status: 1

#### empty file against a file
printf '' > e; printf 'x\n' > f
touch -d '2026-01-01 00:00:00' e f
diff e f; diff f e
diff -u e f
## STDOUT:
0a1
> x
1d0
< x
--- e	2026-01-01 00:00:00.000000000 +0000
+++ f	2026-01-01 00:00:00.000000000 +0000
@@ -0,0 +1 @@
+x
## END
## status: 1

#### -q reports only that files differ
printf '1\n' > a; printf '2\n' > b
diff -q a b
## stdout: Files a and b differ
## status: 1

#### -s reports identical files
printf '1\n' > a; cp a b
diff -s a b
## stdout: Files a and b are identical

#### -i -w -b -B ignore differences
printf 'a\nb c\nc\n' > a; printf 'A\nb   c  \n\nc\n' > b
diff -i a b; echo "i: $?"
diff -b a b; echo "b: $?"
diff -iwB a b; echo "iwB: $?"
diff -ibB a b; echo "ibB: $?"
## STDOUT:
2c2,3
< b c
---
> b   c  
> 
i: 1
1c1
< a
---
> A
2a3
> 
b: 1
iwB: 0
ibB: 0
## END

#### -w ignores all white space
printf 'a b\n' > a; printf 'ab\n' > b
diff -w a b; echo $?
diff -b a b; echo $?
## STDOUT:
0
1c1
< a b
---
> ab
1
## END

#### standard input as -
printf 'one\ntwo\n' > a
printf 'one\ntwo\nthree\n' | diff a -
printf 'one\n' | diff - a
## STDOUT:
2a3
> three
1a2
> two
## END
## status: 1

#### recursive directories
mkdir -p a/s b/s a/only b/x
printf '1\n2\n' > a/f; printf '1\n3\n' > b/f; printf 'x\n' > a/s/g; printf 'y\n' > b/s/g
printf 'o\n' > a/o; printf 'n\n' > b/n; printf 'q\n' > a/x
diff -r a b
## STDOUT:
diff -r a/f b/f
2c2
< 2
---
> 3
Only in b: n
Only in a: o
Only in a: only
diff -r a/s/g b/s/g
1c1
< x
---
> y
File a/x is a regular file while file b/x is a directory
## END
## status: 1

#### recursive unified
mkdir -p a/s b/s
printf '1\n2\n' > a/f; printf '1\n3\n' > b/f; printf 'x\n' > a/s/g; printf 'y\n' > b/s/g
touch -d '2026-01-01 00:00:00' a/f b/f a/s/g b/s/g
diff -ru a b
## STDOUT:
diff -ru a/f b/f
--- a/f	2026-01-01 00:00:00.000000000 +0000
+++ b/f	2026-01-01 00:00:00.000000000 +0000
@@ -1,2 +1,2 @@
 1
-2
+3
diff -ru a/s/g b/s/g
--- a/s/g	2026-01-01 00:00:00.000000000 +0000
+++ b/s/g	2026-01-01 00:00:00.000000000 +0000
@@ -1 +1 @@
-x
+y
## END
## status: 1

#### -N treats absent files as empty
mkdir a b
printf 'o\n' > a/o; printf 'n\n' > b/n
touch -d '2026-01-01 00:00:00' a/o b/n
diff -rN -u a b
## STDOUT:
diff -rN -u a/n b/n
--- a/n	1970-01-01 00:00:00.000000000 +0000
+++ b/n	2026-01-01 00:00:00.000000000 +0000
@@ -0,0 +1 @@
+n
diff -rN -u a/o b/o
--- a/o	2026-01-01 00:00:00.000000000 +0000
+++ b/o	1970-01-01 00:00:00.000000000 +0000
@@ -1 +0,0 @@
-o
## END
## status: 1

#### -rq brief over directories
mkdir -p a/s b/s
printf '1\n' > a/f; printf '2\n' > b/f; printf 'x\n' > a/s/g; printf 'x\n' > b/s/g; printf 'k\n' > a/k
diff -rq a b
## STDOUT:
Files a/f and b/f differ
Only in a: k
## END
## status: 1

#### directories without -r
mkdir -p a/s b/s
printf '1\n' > a/f; printf '2\n' > b/f
diff a b
## STDOUT:
diff a/f b/f
1c1
< 1
---
> 2
Common subdirectories: a/s and b/s
## END
## status: 1

#### a file against a directory
mkdir d; printf 'x\n' > d/a; printf 'y\n' > a
diff a d
## STDOUT:
1c1
< y
---
> x
## END
## status: 1

#### binary files
printf '\000x' > bin; printf 'x\n' > t
diff bin t
## stdout: Binary files bin and t differ
## status: 1

#### missing file is trouble
printf 'a\n' > a
diff a nofile
## stdout-json: ""
## stderr: diff: nofile: No such file or directory
## status: 2

#### -N with a missing operand
printf 'a\n' > a
diff -N a nofile
## STDOUT:
1d0
< a
## END
## status: 1

#### bad option
diff -z a b
## stdout-json: ""
## STDERR:
diff: invalid option -- 'z'
diff: Try 'diff --help' for more information.
## END
## status: 2

#### missing operand
printf 'a\n' > a
diff a
## stdout-json: ""
## STDERR:
diff: missing operand after 'a'
diff: Try 'diff --help' for more information.
## END
## status: 2

#### extra operand
diff a b c
## stdout-json: ""
## STDERR:
diff: extra operand 'c'
diff: Try 'diff --help' for more information.
## END
## status: 2

