# tar: create, list and extract archives (GNU tar 1.34)

#### create-and-list
printf 'hello\n' > f; mkdir d; printf x > d/x; tar cf a.tar f d; tar tf a.tar
## STDOUT:
f
d/
d/x
## END

#### traditional-dashed-and-long-forms
printf 'a\n' > f; tar -cf a.tar f; tar cf b.tar f; tar --create --file=c.tar f; tar --list --file a.tar; tar tf b.tar; tar -t -f c.tar
## STDOUT:
f
f
f
## END

#### list-verbose
printf 'hello\n' > f; mkdir d; printf 'xyz' > d/x; chmod 750 d; chmod 600 d/x; touch -d '2026-01-01 00:00:00' f d/x d
tar cf a.tar --owner=user:1000 --group=staff:50 f d; tar tvf a.tar; tar --numeric-owner -tvf a.tar f
## STDOUT:
-rw-r--r-- user/staff        6 2026-01-01 00:00 f
drwxr-x--- user/staff        0 2026-01-01 00:00 d/
-rw------- user/staff        3 2026-01-01 00:00 d/x
-rw-r--r-- 1000/50           6 2026-01-01 00:00 f
## END

#### gnu-archive-bytes-identical
printf 'hello\n' > f; mkdir -p d/e; printf x > d/e/x; touch -d '2026-01-01 00:00:00' f d/e/x d/e d
tar cf - --owner=root:0 --group=root:0 f d | md5sum; tar cf a.tar --owner=user:1000 --group=user:1000 f d/e; wc -c < a.tar; md5sum < a.tar
## STDOUT:
27ae7dc82ee14b892c50a57b6ea5420b  -
10240
33b3a61e27f4d61ac26dcf2ba98169af  -
## END

#### ustar-format-bytes-identical
printf 'hello\n' > f; touch -d '2026-01-01 00:00:00' f
tar cf - --format=ustar --owner=root:0 --group=root:0 f | md5sum; tar cf - -H ustar --owner=root:0 --group=root:0 f | od -An -c -j 257 -N 8
## STDOUT:
8945296c4996c87f45c10eaf83a7aa37  -
   u   s   t   a   r  \0   0   0
## END

#### extract-modes-and-times
printf 'hello\n' > f; mkdir -p d/e; printf x > d/e/x; chmod 751 d/e; chmod 640 d/e/x; touch -d '2026-01-01 00:00:00' f d/e/x d/e d
tar cf a.tar f d; rm -r f d; tar xf a.tar; stat -c '%a %y %n' f d d/e d/e/x; cat f
## STDOUT:
644 2026-01-01 00:00:00.000000000 +0000 f
755 2026-01-01 00:00:00.000000000 +0000 d
751 2026-01-01 00:00:00.000000000 +0000 d/e
640 2026-01-01 00:00:00.000000000 +0000 d/e/x
hello
## END

#### extract-to-directory-and-strip
printf 'hello\n' > f; mkdir -p d/e; printf x > d/e/x; tar cf a.tar f d; mkdir o p
tar xf a.tar -C o; find o | sort; tar -x -f a.tar -C p --strip-components=1; find p | sort; cat p/e/x; echo
## STDOUT:
o
o/d
o/d/e
o/d/e/x
o/f
p
p/e
p/e/x
x
## END

#### to-stdout-and-member-selection
printf 'one\n' > a; printf 'two\n' > b; mkdir d; printf 'three\n' > d/c; tar cf x.tar a b d
tar xOf x.tar b a; tar -xO -f x.tar d; tar tf x.tar d/c b
## STDOUT:
one
two
three
b
d/c
## END

#### pipes-and-dash
printf 'data\n' > f; tar cf - f | tar tf -; tar cf - f | tar xOf -; tar cf - f > a.tar; tar t < a.tar
## STDOUT:
f
data
f
## END

#### verbose-create-and-extract
printf 'data\n' > f; mkdir d; printf 1 > d/x; tar cvf a.tar f d; echo ---; tar cvf - f 2>&1 >/dev/null; echo ---; mkdir o; tar xvf a.tar -C o; echo ---; tar xOvf a.tar f 2>/dev/null
## STDOUT:
f
d/
d/x
---
f
---
f
d/
d/x
---
data
## END

#### gzip-create-list-extract
printf 'compress me\n' > f; mkdir d; printf x > d/x; tar czf a.tgz f d; gzip -t a.tgz && echo gz; tar tzf a.tgz; tar tf a.tgz; mkdir o; tar xzf a.tgz -C o; cat o/f; zcat a.tgz | tar t
## STDOUT:
gz
f
d/
d/x
f
d/
d/x
compress me
f
d/
d/x
## END

#### gzip-header-as-gnu
printf 'x\n' > f; tar czf a.tgz f; od -An -tx1 -N 10 a.tgz
## stdout:  1f 8b 08 00 00 00 00 00 00 03

#### compressed-stdin-needs-z
printf 'x\n' > f; tar czf a.tgz f; tar tf - < a.tgz; echo $?; tar tzf - < a.tgz
## STDOUT:
2
f
## END
## STDERR:
tar: Archive is compressed. Use -z option
tar: Error is not recoverable: exiting now
## END

#### not-gzip-with-z
printf 'x\n' > f; tar cf a.tar f; tar tzf a.tar; echo $?
## stdout: 2
## STDERR:

gzip: stdin: not in gzip format
tar: Child returned status 1
tar: Error is not recoverable: exiting now
## END

#### gnu-made-archive-long-name-and-link
echo 'H4sIAAAAAAAAA+3VSwqDMBAG4Kx7ipzAZEzGbHsAL1GwLyoKtoUev2pXacFsmqTF/9sEjDAThpk5iPj0qLJ2Pkfv53QriKlkY6ydvztHLKROkJu4X2+7QUox9P1t6b/Q/Z867du23+TOAnJpVPwYU4c75oX+1x/976yQHD+11fd/ox7RY4TnP/n1J02M+Z9E/OrDLytUobZ13x3rc3eJFCPU/+TI2wWaqNKlkHWkfDwr7/8uk9zvhpcUtQ7vf+vvf8NksP+TaMfRnzsHAAAAAAAAAAAAAAD4rieDFsg4ACgAAA==' | base64 -d > a.tgz
tar tvf a.tgz; mkdir o; tar xf a.tgz -C o; ls o | wc -c; cat o/f o/n*
## stdout-json: "-rw-r--r-- root/root         6 2026-01-01 00:00 f\ndrwxr-xr-x root/root         0 2026-01-01 00:00 d/\n-rw-r--r-- root/root         1 2026-01-01 00:00 d/x\n-rw-r--r-- root/root         4 2026-01-01 00:00 nnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnn\n125\nhello\nlong"

#### hard-link-member
echo 'H4sIAAAAAAAAA+3TOwqAMBBF0aldRZaQ0UTXY6FYBAJ+9m+000IrI+I9zUBmIK95vTzPJrVz+0zOc9uKei19VTm3vzeNejE2QzZZprkdjZExxvnq7m7/UUMXQizeToG3DBn+uO+/PfZf070Vo32GcD/vPwAAAAAAAAAAAAAAAL5tBVaGtGoAKAAA' | base64 -d > l.tgz; tar tvzf - < l.tgz
tar xzf l.tgz; cat h
## STDOUT:
-rw-r--r-- root/root         6 2026-01-01 00:00 f
hrw-r--r-- root/root         0 2026-01-01 00:00 h link to f
hello
## END

#### create-with-directory-option
mkdir -p src/sub; printf 1 > src/a; printf 2 > src/sub/b; printf 3 > top; tar cf a.tar -C src a sub -C .. top; tar tf a.tar
## STDOUT:
a
sub/
sub/b
top
## END

#### leading-slash-removed
printf 'x\n' > f; tar cf a.tar "$PWD/f"; tar tf a.tar | grep -c '^/'
## stdout: 0
## stderr: tar: Removing leading `/' from member names
## status: 1

#### exclude
mkdir -p d/skip; printf 1 > d/a.o; printf 2 > d/b.c; printf 3 > d/skip/c; tar cf a.tar --exclude='*.o' --exclude=skip d; tar tf a.tar | sort
## STDOUT:
d/
d/b.c
## END

#### files-from
printf 1 > a; printf 2 > b; printf 3 > c; printf 'c\na\n' > list; tar cf x.tar -T list; tar tf x.tar; printf 'b\n' | tar cf y.tar -T -; tar tf y.tar
## STDOUT:
c
a
b
## END

#### wildcards
printf 1 > a.txt; printf 2 > b.txt; printf 3 > c.log; tar cf x.tar a.txt b.txt c.log; tar tf x.tar --wildcards '*.txt'; tar xOf x.tar --wildcards 'c*'; echo
## STDOUT:
a.txt
b.txt
3
## END

#### keep-old-files
printf 'new\n' > f; tar cf a.tar f; printf 'old\n' > f; tar xkf a.tar; echo $?; cat f; tar xf a.tar --skip-old-files; echo $?; cat f; tar xf a.tar; cat f
## STDOUT:
2
old
0
old
new
## END
## STDERR:
tar: f: Cannot open: File exists
tar: Exiting with failure status due to previous errors
## END

#### overwrite-by-default
printf 'archived\n' > f; tar cf a.tar f; printf 'changed\n' > f; tar xf a.tar; cat f
## stdout: archived

#### missing-file-on-create
printf 'x\n' > f; tar cf a.tar nope f; echo $?; tar tf a.tar
## STDOUT:
2
f
## END
## STDERR:
tar: nope: Cannot stat: No such file or directory
tar: Exiting with failure status due to previous errors
## END

#### not-found-in-archive
printf 'x\n' > f; tar cf a.tar f; tar tf a.tar f nope; echo $?
## STDOUT:
f
2
## END
## STDERR:
tar: nope: Not found in archive
tar: Exiting with failure status due to previous errors
## END

#### cannot-open-archive
tar tf nope.tar; echo $?; tar xf nope.tar; echo $?
## STDOUT:
2
2
## END
## STDERR:
tar: nope.tar: Cannot open: No such file or directory
tar: Error is not recoverable: exiting now
tar: nope.tar: Cannot open: No such file or directory
tar: Error is not recoverable: exiting now
## END

#### not-a-tar-archive
printf 'garbage\n' > g; tar tf g; echo $?; : > e; tar tf e; echo $?
## STDOUT:
2
2
## END
## STDERR:
tar: This does not look like a tar archive
tar: Exiting with failure status due to previous errors
tar: This does not look like a tar archive
tar: Exiting with failure status due to previous errors
## END

#### truncated-archive
printf 'hello\n' > f; tar cf a.tar f; head -c 700 a.tar > t; tar tf t; echo $?
## STDOUT:
f
2
## END
## STDERR:
tar: Unexpected EOF in archive
tar: Error is not recoverable: exiting now
## END

#### trailing-data-after-end
printf 'hello\n' > f; tar cf a.tar f; cat a.tar a.tar > b.tar; printf junk >> b.tar; tar tf b.tar; echo $?
## STDOUT:
f
0
## END

#### empty-create
tar cf a.tar; echo $?
## stdout: 2
## STDERR:
tar: Cowardly refusing to create an empty archive
Try 'tar --help' or 'tar --usage' for more information.
## END

#### no-operation
tar f a.tar; echo $?
## stdout: 2
## STDERR:
tar: You must specify one of the '-Acdtrux', '--delete' or '--test-label' options
Try 'tar --help' or 'tar --usage' for more information.
## END

#### two-operations
tar -c -x -f a.tar f; echo $?
## stdout: 2
## STDERR:
tar: You may not specify more than one '-Acdtrux', '--delete' or  '--test-label' option
Try 'tar --help' or 'tar --usage' for more information.
## END

#### bad-option
tar --bogus; echo $?; tar -cQf a.tar; echo $?
## STDOUT:
64
64
## END
## STDERR:
tar: unrecognized option '--bogus'
Try 'tar --help' or 'tar --usage' for more information.
tar: invalid option -- 'Q'
Try 'tar --help' or 'tar --usage' for more information.
## END

#### directory-trailing-slash-and-dot
mkdir d; printf 1 > d/x; tar cf a.tar d/; tar tf a.tar; cd d; tar cf ../b.tar .; cd ..; tar tf b.tar
## STDOUT:
d/
d/x
./
./x
## END

#### to-stdout-many
seq 1 3 > a; seq 4 6 > b; tar cf - a b | tar xOf - | wc -l
## stdout: 6

#### long-name-round-trip
n=$(printf 'n%.0s' $(seq 150)); mkdir d; printf long > "d/$n"; tar cf a.tar d; tar tf a.tar | wc -c; rm -r d; tar xf a.tar; cat d/n*; echo
tar cf b.tar --format=ustar d; tar tf b.tar | wc -c
## STDOUT:
156
long
3
## END
## STDERR:
tar: d/nnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnn: file name is too long (cannot be split); not dumped
tar: Exiting with failure status due to previous errors
## END

#### verbose-column-widens-and-ignore-zeros
printf 'hello\n' > f; touch -d '2026-01-01 00:00:00' f
tar cf a.tar --owner=verylongusername:5 --group=verylonggroupname:7 f; tar cf b.tar --owner=root:0 --group=root:0 f
cat a.tar b.tar > c.tar; tar tvf c.tar; tar tvif c.tar; tar -tf c.tar --ignore-zeros
## STDOUT:
-rw-r--r-- verylongusername/verylonggroupname 6 2026-01-01 00:00 f
-rw-r--r-- verylongusername/verylonggroupname 6 2026-01-01 00:00 f
-rw-r--r-- root/root                          6 2026-01-01 00:00 f
f
f
## END
