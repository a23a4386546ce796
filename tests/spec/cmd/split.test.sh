# split: split files into pieces

#### split-lines-default-prefix
printf '1\n2\n3\n4\n5\n' > f; split -l 2 f; for x in x*; do echo "== $x"; cat -A $x; echo; done
## STDOUT:
== xaa
1$
2$

== xab
3$
4$

== xac
5$

## END

#### split-default-1000-lines
i=0; while [ $i -lt 2500 ]; do echo $i; i=$((i+1)); done > f; split f; echo x*
## stdout: xaa xab xac

#### split-stdin-and-prefix
printf 'a\nb\nc\n' | split -l 1 - part; echo part*; cat partab
## STDOUT:
partaa partab partac
b
## END

#### split-stdin-default
printf 'a\nb\nc\n' | split -l 2; echo x*; cat xab
## STDOUT:
xaa xab
c
## END

#### split-bytes
printf 0123456789 > f; split -b 4 f; for x in x*; do echo "$x: $(cat $x)"; done
## STDOUT:
xaa: 0123
xab: 4567
xac: 89
## END

#### split-bytes-suffix-unit
i=0; while [ $i -lt 300 ]; do printf 0123456789; i=$((i+1)); done > f; split -b 1K f; stat -c '%n %s' x*
## STDOUT:
xaa 1024
xab 1024
xac 952
## END

#### split-line-bytes
printf 'aaaaaaaaa\nb\n' | split -C 4; for x in x*; do echo "== $x"; cat -A $x; echo; done
## STDOUT:
== xaa
aaaa
== xab
aaaa
== xac
a$
b$

## END

#### split-line-bytes-whole-lines
printf '1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n' > g; split -C 4 g; for x in x*; do echo "== $x"; cat -A $x; echo; done
## STDOUT:
== xaa
1$
2$

== xab
3$
4$

== xac
5$
6$

== xad
7$
8$

== xae
9$

== xaf
10$

## END

#### split-numeric-suffixes
printf '1\n2\n3\n' | split -l 1 -d; echo x*
## stdout: x00 x01 x02

#### split-numeric-from
printf '1\n2\n3\n' | split -l1 --numeric-suffixes=5; echo x*
## stdout: x05 x06 x07

#### split-hex-suffixes
i=0; while [ $i -lt 18 ]; do echo $i; i=$((i+1)); done | split -l 1 -x; echo x*
## stdout: x00 x01 x02 x03 x04 x05 x06 x07 x08 x09 x0a x0b x0c x0d x0e x0f x10 x11

#### split-suffix-length
printf '1\n2\n' | split -l 1 -a 3; echo x*
## stdout: xaaa xaab

#### split-additional-suffix
printf '1\n2\n3\n' | split -l1 -d --additional-suffix=.txt - pre; echo pre*
## stdout: pre00.txt pre01.txt pre02.txt

#### split-verbose
printf '1\n2\n' | split -l 1 --verbose
## STDOUT:
creating file 'xaa'
creating file 'xab'
## END

#### split-suffixes-widen
i=0; while [ $i -lt 652 ]; do echo $i; i=$((i+1)); done | split -l 1; test -e xyz && echo xyz; echo xz*
## STDOUT:
xyz
xzaaa xzaab
## END

#### split-numeric-widen
i=0; while [ $i -lt 92 ]; do echo $i; i=$((i+1)); done | split -l 1 -d; echo x8? x9*
## stdout: x80 x81 x82 x83 x84 x85 x86 x87 x88 x89 x9000 x9001

#### split-suffixes-exhausted
i=0; while [ $i -lt 30 ]; do echo $i; i=$((i+1)); done | split -l 1 -a 1; echo $?; echo x*
## STDOUT:
1
xa xb xc xd xe xf xg xh xi xj xk xl xm xn xo xp xq xr xs xt xu xv xw xx xy xz
## END
## stderr: split: output file suffixes exhausted

#### split-chunks-bytes
printf abcdefghij > f; split -n 3 f; for x in x*; do echo "$x: $(cat $x)"; done
## STDOUT:
xaa: abc
xab: def
xac: ghij
## END

#### split-chunks-more-than-bytes
printf abc > f; split -n 5 f; for x in x*; do echo "$x: $(cat $x)"; done
## STDOUT:
xaa: a
xab: b
xac: c
xad: 
xae: 
## END

#### split-chunks-extract
printf abcdefghij > f; split -n 2/3 f; echo
## stdout: def

#### split-chunks-lines
printf '1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n' > g; split -n l/3 g; for x in x*; do echo "== $x"; cat -A $x; echo; done
## STDOUT:
== xaa
1$
2$
3$
4$

== xab
5$
6$
7$

== xac
8$
9$
10$

## END

#### split-chunks-lines-long-line
printf 'aaaaaaaaaa\nb\nc\n' > h; split -n l/4 h; for x in x*; do echo "== $x"; cat -A $x; echo; done
## STDOUT:
== xaa
aaaaaaaaaa$

== xab

== xac

== xad
b$
c$

## END

#### split-chunks-lines-no-final-newline
printf '1\n2\n3' > f; split -n l/2 f; for x in x*; do echo "== $x"; cat -A $x; echo; done
## STDOUT:
== xaa
1$

== xab
2$
3
## END

#### split-chunks-lines-extract
printf 'aaaaaaaaaa\nb\nc\n' > h; split -n l/4/4 h
## STDOUT:
b
c
## END

#### split-chunks-round-robin
printf '1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n' > g; split -n r/3 g; for x in x*; do echo "== $x"; cat -A $x; echo; done
## STDOUT:
== xaa
1$
4$
7$
10$

== xab
2$
5$
8$

== xac
3$
6$
9$

## END

#### split-chunks-round-robin-extract
printf 'a\nb\nc\n' > g; split -n r/2/3 g
## stdout: b

#### split-chunks-elide-empty
printf abc > f; split -e -n 5 f; echo x*
## stdout: xaa xab xac

#### split-chunks-stdin-pipe
printf abc | split -n 2
## stderr: split: -: cannot determine file size
## status: 1

#### split-chunks-stdin-file
printf abcd > f; split -n 2 < f; echo x*
## stdout: xaa xab

#### split-separator
printf 'a,b,c,' | split -t , -l 2; cat xaa; echo; cat xab; echo
## STDOUT:
a,b,
c,
## END

#### split-zero-lines
split -l 0 f
## stderr: split: invalid number of lines: '0': Numerical result out of range
## status: 1

#### split-bad-bytes
split -b x f
## stderr: split: invalid number of bytes: 'x'
## status: 1

#### split-zero-chunks
split -n 0 f
## stderr: split: invalid number of chunks: '0': Numerical result out of range
## status: 1

#### split-two-ways
split -l 1 -b 1 f
## STDERR:
split: cannot split in more than one way
Try 'split --help' for more information.
## END
## status: 1

#### split-extra-operand
touch f; split f p q
## STDERR:
split: extra operand 'q'
Try 'split --help' for more information.
## END
## status: 1

#### split-missing-file
split nope
## stderr: split: cannot open 'nope' for reading: No such file or directory
## status: 1

#### split-empty-input
: > f; split f; echo x*
## stdout: x*

#### split-combined-flags
printf '1\n2\n3\n' | split -dl1 -a3; echo x*
## stdout: x000 x001 x002

#### split-bad-option
split -k f
## STDERR:
split: invalid option -- 'k'
Try 'split --help' for more information.
## END
## status: 1

#### split-directory
mkdir d; split d
## stderr: split: d: Is a directory
## status: 1

#### split-chunks-directory
mkdir d; split -n 2 d
## stderr: split: d: cannot determine file size: Is a directory
## status: 1

#### split-unbuffered-round-robin
printf 'a\nb\nc\n' > g; split -u -n r/2 g; cat xaa xab; split -u -n r/2/2 g
## STDOUT:
a
c
b
b
## END
