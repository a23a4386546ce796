# patch: apply unified diffs (GNU patch 2.7.6)

#### apply a unified diff from standard input
seq 1 10 > f
printf '1\n2\n3\n4\nfive\n6\n7\n8\n9\n10\n' > g
diff -u f g > p.diff
patch < p.diff; echo "st=$?"
cat f
## STDOUT:
patching file f
st=0
1
2
3
4
five
6
7
8
9
10
## END

#### -p1 with a/ b/ names
mkdir a b; seq 1 10 > a/f; printf '1\n2\n3\n4\nfive\n6\n7\n8\n9\n10\n' > b/f
diff -u a/f b/f > p.diff
cp a/f f
patch -p1 < p.diff; echo "st=$?"
cat f
## STDOUT:
patching file f
st=0
1
2
3
4
five
6
7
8
9
10
## END

#### -p0 keeps the directories
mkdir a b; seq 1 5 > a/f; printf '1\n2\nthree\n4\n5\n' > b/f
diff -u a/f b/f > p.diff
patch -p0 < p.diff; echo "st=$?"
cat a/f
## STDOUT:
patching file a/f
st=0
1
2
three
4
5
## END

#### default strips to the base name
mkdir a b; seq 1 5 > a/f; printf '1\n2\nthree\n4\n5\n' > b/f
diff -u a/f b/f > p.diff
seq 1 5 > f
patch < p.diff; echo "st=$?"
cat f
## STDOUT:
patching file f
st=0
1
2
three
4
5
## END

#### -i reads the patch from a file
seq 1 5 > f; printf '1\n2\nthree\n4\n5\n' > g
diff -u f g > p.diff
patch -i p.diff; echo "st=$?"
cat f
## STDOUT:
patching file f
st=0
1
2
three
4
5
## END

#### -R reverses a patch
seq 1 5 > f; printf '1\n2\nthree\n4\n5\n' > g
diff -u f g > p.diff
cp g f
patch -R < p.diff; echo "st=$?"
cat f
## STDOUT:
patching file f
st=0
1
2
3
4
5
## END

#### --dry-run changes nothing
seq 1 5 > f; printf '1\n2\nthree\n4\n5\n' > g
diff -u f g > p.diff
patch --dry-run < p.diff; echo "st=$?"
cat f
## STDOUT:
checking file f
st=0
1
2
3
4
5
## END

#### -o writes the result elsewhere
seq 1 5 > f; printf '1\n2\nthree\n4\n5\n' > g
diff -u f g > p.diff
patch -o out < p.diff; echo "st=$?"
cat out; cat f
## STDOUT:
patching file out (read from f)
st=0
1
2
three
4
5
1
2
3
4
5
## END

#### hunk applied at an offset keeps a .orig
seq 1 10 > f; printf '1\n2\n3\n4\nfive\n6\n7\n8\n9\n10\n' > g
diff -u f g > p.diff
printf '0\n0\n' > f; seq 1 10 >> f
patch < p.diff; echo "st=$?"
cat f; ls
## STDOUT:
patching file f
Hunk #1 succeeded at 4 (offset 2 lines).
st=0
0
0
1
2
3
4
five
6
7
8
9
10
f
f.orig
g
p.diff
## END

#### hunk applied with fuzz
seq 1 10 > f; printf '1\n2\n3\n4\nfive\n6\n7\n8\n9\n10\n' > g
diff -u f g > p.diff
printf '1\nX\n3\n4\n5\n6\n7\n8\n9\n10\n' > f
patch < p.diff; echo "st=$?"
cat f
## STDOUT:
patching file f
Hunk #1 succeeded at 2 with fuzz 1.
st=0
1
X
3
4
five
6
7
8
9
10
## END

#### a failed hunk goes to .rej
seq 1 10 > f; printf '1\n2\n3\n4\nfive\n6\n7\n8\n9\n10\n' > g
diff -u f g > p.diff
printf 'x\ny\n' > f
patch < p.diff; echo "st=$?"
ls; tail -n +3 f.rej
## STDOUT:
patching file f
Hunk #1 FAILED at 2.
1 out of 1 hunk FAILED -- saving rejects to file f.rej
st=1
f
f.orig
f.rej
g
p.diff
@@ -2,7 +2,7 @@
 2
 3
 4
-5
+five
 6
 7
 8
## END

#### several hunks, one failing
seq 1 30 > f; seq 1 30 > g
printf '1\n2\nthree\n4\n5\n6\n7\n8\n9\n10\n11\n12\n13\n14\n15\n16\n17\n18\n19\n20\n21\n22\n23\n24\n25\n26\n27\nx28\n29\n30\n' > g
diff -u f g > p.diff
printf '1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n13\n14\n15\n16\n17\n18\n19\n20\n21\n22\n23\n24\n25\nA\nB\nC\nD\nE\n' > f
patch < p.diff; echo "st=$?"
head -4 f
## STDOUT:
patching file f
Hunk #2 FAILED at 25.
1 out of 2 hunks FAILED -- saving rejects to file f.rej
st=1
1
2
three
4
## END

#### multiple files from diff -ru, creating and deleting
mkdir a b; seq 1 10 > a/f; printf '1\n2\n3\n4\nfive\n6\n7\n8\n9\n10\n' > b/f; printf 'o\n' > a/o; printf 'n\n' > b/n
diff -ruN a b > all.diff
cp -r a w; cd w
patch -p1 < ../all.diff; echo "st=$?"
ls; cat n
## STDOUT:
patching file f
patching file n
patching file o
st=0
f
n
n
## END

#### previously applied patch is detected
mkdir a b; seq 1 10 > a/f; printf '1\n2\n3\n4\nfive\n6\n7\n8\n9\n10\n' > b/f
diff -u a/f b/f > p.diff
cp b/f f
patch < p.diff; echo "st=$?"
cat f.rej | tail -n +3
## STDOUT:
patching file f
Reversed (or previously applied) patch detected!  Assume -R? [n] 
Apply anyway? [n] 
Skipping patch.
1 out of 1 hunk ignored -- saving rejects to file f.rej
st=1
@@ -2,7 +2,7 @@
 2
 3
 4
-5
+five
 6
 7
 8
## END

#### -N skips a previously applied patch
seq 1 5 > f; printf '1\n2\nthree\n4\n5\n' > g
diff -u f g > p.diff
cp g f
patch -N < p.diff; echo "st=$?"
## STDOUT:
patching file f
Reversed (or previously applied) patch detected!  Skipping patch.
1 out of 1 hunk ignored -- saving rejects to file f.rej
st=1
## END

#### missing newline at end of file
printf 'a\nb' > f; printf 'a\nc' > g
diff -u f g > p.diff
patch < p.diff; echo "st=$?"
cat f; echo '|'
## STDOUT:
patching file f
st=0
a
c|
## END

#### adding lines at the end
printf 'a\nb\n' > f; printf 'a\nb\nc\nd\n' > g
diff -u f g > p.diff
patch < p.diff; echo "st=$?"
cat f
## STDOUT:
patching file f
st=0
a
b
c
d
## END

#### -b keeps a backup
seq 1 3 > f; printf '1\ntwo\n3\n' > g
diff -u f g > p.diff
patch -b < p.diff; echo "st=$?"
cat f.orig f
## STDOUT:
patching file f
st=0
1
2
3
1
two
3
## END

#### garbage input
echo garbage | patch
## stdout-json: ""
## stderr: patch: **** Only garbage was found in the patch input.
## status: 2

#### missing patch file
patch -i nofile
## stdout-json: ""
## stderr: patch: **** Can't open patch file nofile : No such file or directory
## status: 2

#### bad option
patch -y < /dev/null
## stdout-json: ""
## STDERR:
patch: invalid option -- 'y'
patch: Try 'patch --help' for more information.
## END
## status: 2

