# Namespace cycles (issue 10, TM-RES-015): a bind of a directory beneath
# itself makes a tree without end. The walkers find the loop by qid (and
# device), as GNU tools find one by dev/ino, say so in GNU's words and go
# on; none of them loops.
## bash_diff: bind is Plan 9's; bash has none

#### TM-RES-015 find reports a bind loop and skips it
mkdir -p d/e; echo hi > d/f; bind d d/e
find d; echo "status=$?"
echo still-alive
## STDOUT:
d
d/f
status=1
still-alive
## END
## stderr: find: File system loop detected; 'd/e' is part of the same file system loop as 'd'.

#### TM-RES-015 find loop through an absolute bind
mkdir -p /tmp/d/e; bind /tmp/d /tmp/d/e
find /tmp/d -type d; echo "status=$?"
## STDOUT:
/tmp/d
status=1
## END
## stderr-contains: File system loop detected

#### TM-RES-015 ls -R does not list a directory twice
mkdir -p d/e; echo hi > d/f; bind d d/e
ls -R d; echo "status=$?"
echo still-alive
## STDOUT:
d:
e
f
status=2
still-alive
## END
## stderr: ls: d/e: not listing already-listed directory

#### TM-RES-015 grep -r warns about the loop
mkdir -p d/e; echo hi > d/f; bind d d/e
grep -r hi d; echo "status=$?"
grep -rs hi d; echo "status=$?"
## STDOUT:
d/f:hi
status=0
d/f:hi
status=0
## END
## stderr: grep: d/e: warning: recursive directory loop

#### TM-RES-015 tar c does not archive a loop
mkdir -p d/e; echo hi > d/f; bind d d/e
tar cf /tmp/x.tar d; echo "status=$?"
tar tf /tmp/x.tar
## STDOUT:
status=2
d/
d/f
## END
## STDERR:
tar: d/e: File system loop detected; not dumped
tar: Exiting with failure status due to previous errors
## END

#### TM-RES-015 cp -r and du do not follow a loop
mkdir -p d/e; echo hi > d/f; bind d d/e
cp -r d c; echo "cp=$?"
du d > /dev/null; echo "du=$?"
cat c/f
echo still-alive
## STDOUT:
cp=1
du=1
hi
still-alive
## END
## stderr-contains: Too many levels of symbolic links

#### TM-RES-015 a loop two levels down
mkdir -p d/a/b; bind d d/a/b
find d; echo "status=$?"
## STDOUT:
d
d/a
status=1
## END
## stderr: find: File system loop detected; 'd/a/b' is part of the same file system loop as 'd'.

#### TM-RES-015 walkers of trees without loops are unchanged
mkdir -p a/b/c; echo q > a/b/c/x; mkdir other; bind a other
find a; ls -R other | wc -l; grep -r q a; tar cf t.tar a; tar tf t.tar
## STDOUT:
a
a/b
a/b/c
a/b/c/x
8
a/b/c/x:q
a/
a/b/
a/b/c/
a/b/c/x
## END

#### TM-RES-015 grep -r of /proc ends (its wait files are streams, skipped)
# (the pattern is written so that it does not match the command lines)
timeout 10 grep -rs 'zz[z]q' /proc; echo "status=$?"
echo still-alive
## STDOUT:
status=2
still-alive
## END
