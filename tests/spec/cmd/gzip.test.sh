# gzip, gunzip, zcat (GNU gzip 1.12)

#### compress-replaces-file
printf 'hello world\n' > f; gzip f; ls f*; gzip -dc f.gz
## STDOUT:
f.gz
hello world
## END

#### keeps-mode-and-mtime
printf 'abc\n' > f; chmod 600 f; touch -d '2026-01-01 00:00:00' f; gzip f; stat -c '%a %y' f.gz
gunzip f.gz; stat -c '%a %y %n' f
## STDOUT:
600 2026-01-01 00:00:00.000000000 +0000
600 2026-01-01 00:00:00.000000000 +0000 f
## END

#### stdin-to-stdout
printf 'piped data\n' | gzip | gzip -d
printf 'dash\n' | gzip -c - | gunzip -c -
## STDOUT:
piped data
dash
## END

#### keep-and-stdout
printf 'x\n' > f; gzip -k f; gzip -c f > g.gz; ls f f.gz g.gz; zcat g.gz
## STDOUT:
f
f.gz
g.gz
x
## END

#### header-name-and-mtime
printf 'abc\n' > f; touch -d '2026-01-01 00:00:00' f; gzip -9 f; od -An -tx1 -N 12 f.gz
## stdout:  1f 8b 08 08 00 b9 55 69 02 03 66 00

#### no-name
printf 'abc\n' > f; touch -d '2026-01-01 00:00:00' f; gzip -n f; od -An -tx1 -N 10 f.gz
## stdout:  1f 8b 08 00 00 00 00 00 00 03

#### stdin-header-has-no-name-or-time
printf 'abc\n' | gzip -1 | od -An -tx1 -N 10
## stdout:  1f 8b 08 00 00 00 00 00 04 03

#### decompress-gnu-file
echo 'H4sICAC5VWkCA2cAy0jNyclXSK/KLOACADl8Y1YLAAAA' | base64 -d > g.gz
gunzip -N g.gz; ls g*; cat g; stat -c %y g
## STDOUT:
g
hello gzip
2026-01-01 00:00:00.000000000 +0000
## END

#### list
echo 'H4sICAC5VWkCA2cAy0jNyclXSK/KLOACADl8Y1YLAAAA' | base64 -d > g.gz
touch -d '2026-02-03 04:05:06' g.gz; gzip -l g.gz; gzip -lv g.gz; gzip -lvN g.gz
## STDOUT:
         compressed        uncompressed  ratio uncompressed_name
                 33                  11 -18.2% g
method  crc     date  time           compressed        uncompressed  ratio uncompressed_name
defla 56637c39 Feb  3 04:05                  33                  11 -18.2% g
method  crc     date  time           compressed        uncompressed  ratio uncompressed_name
defla 56637c39 Jan  1 00:00                  33                  11 -18.2% g
## END

#### concatenated-members
echo 'H4sIAAAAAAAAA8vPS+UCAJ+oF/gEAAAAH4sIAAAAAAAAAyspz+cCAHQIF5YEAAAA' | base64 -d > m.gz
zcat m.gz; printf 'three\n' | gzip >> m.gz; gzip -dc m.gz | wc -l
## STDOUT:
one
two
3
## END

#### levels-round-trip
seq 1 20000 > s; for l in 1 5 9; do [ "$(gzip -$l -c s | gzip -d | md5sum)" = "$(md5sum < s)" ] && echo ok$l; done
gzip --fast -c s | gzip -t && gzip --best -c s | zcat | tail -n 1
## STDOUT:
ok1
ok5
ok9
20000
## END

#### suffix
printf 'x\n' > f; gzip -S .z f; ls f*; gunzip -S .z f.z; ls f*
## STDOUT:
f.z
f
## END

#### test-ok-and-verbose
printf 'data\n' > f; gzip f; gzip -t f.gz; echo $?; gzip -tv f.gz
## STDOUT:
0
## END
## stderr: f.gz:	 OK

#### verbose-compress
printf 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n' > f
# The ratio depends on the deflate implementation: only its shape is checked.
gzip -v f 2>&1 | cut -d% -f2; gzip -dv f.gz 2>&1 | cut -d% -f2
## STDOUT:
 -- replaced with f.gz
 -- replaced with f
## END

#### find-suffix-when-decompressing
printf 'y\n' > f; gzip f; gunzip f; cat f
## stdout: y

#### recursive
mkdir -p d/e; printf 1 > d/a; printf 2 > d/e/b; gzip -r d; find d -type f | sort; gunzip -r d; find d -type f | sort
## STDOUT:
d/a.gz
d/e/b.gz
d/a
d/e/b
## END

#### force-overwrite
printf 'new\n' > f; printf 'old' > f.gz; gzip f; echo $?; gzip -f f; zcat f.gz
## STDOUT:
2
new
## END
## stderr: gzip: f.gz already exists;	not overwritten

#### missing-file
gzip nope; echo $?; gunzip nope; echo $?
## STDOUT:
1
1
## END
## STDERR:
gzip: nope: No such file or directory
gzip: nope.gz: No such file or directory
## END

#### not-in-gzip-format
printf 'plain text\n' > f.gz; gunzip f.gz; echo $?; ls f*
## STDOUT:
1
f.gz
## END
## STDERR:

gzip: f.gz: not in gzip format
## END

#### already-has-suffix
printf 'x' > f.gz; gzip f.gz; echo $?
## stdout: 0
## stderr: gzip: f.gz already has .gz suffix -- unchanged

#### unknown-suffix
printf 'x' > f; gunzip f; echo $?
## stdout: 2
## stderr: gzip: f: unknown suffix -- ignored

#### directory-ignored
mkdir d; gzip d; echo $?
## stdout: 2
## stderr: gzip: d is a directory -- ignored

#### force-passes-plain-data
printf 'plain\n' | gzip -dcf; printf 'plain2\n' > p; zcat -f p
## STDOUT:
plain
plain2
## END

#### corrupt-data
echo 'H4sICAC5VWkCA2cAy0jNyclXSK/KLOACADl8Y1YLAAAA' | base64 -d | head -c 20 > g.gz; gunzip g.gz; echo $?; ls g*
## STDOUT:
1
g.gz
## END
## STDERR:

gzip: g.gz: unexpected end of file
## END

#### trailing-garbage
printf 'abc\n' | gzip > t.gz; printf 'junk' >> t.gz; zcat t.gz; echo $?
## STDOUT:
abc
2
## END
## STDERR:

gzip: t.gz: decompression OK, trailing garbage ignored
## END

#### bad-option
gzip --bogus; echo $?
## stdout: 1
## STDERR:
gzip: unrecognized option '--bogus'
Try `gzip --help' for more information.
## END

#### several-files
printf 'a\n' > a; printf 'b\n' > b; gzip a b; zcat a.gz b.gz; gzip -d a.gz b.gz; cat a b
## STDOUT:
a
b
a
b
## END
