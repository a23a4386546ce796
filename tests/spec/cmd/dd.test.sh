# dd: copy and convert blocks (GNU coreutils 9.1). The transfer line holds
# a time, so cases use status=noxfer or drop it with sed.

#### copy-stdin-to-stdout
printf 'hello world\n' | dd status=noxfer
## stdout: hello world
## STDERR:
0+1 records in
0+1 records out
## END

#### block-size-and-count
printf 'abcdefghij' > f; dd if=f bs=3 count=2 status=noxfer; echo
## stdout: abcdef
## STDERR:
2+0 records in
2+0 records out
## END

#### ibs-and-obs-reblock
printf 'hello world\n' > f; dd if=f ibs=4 obs=5 status=noxfer
## stdout: hello world
## STDERR:
3+0 records in
2+1 records out
## END

#### skip-and-seek
printf '0123456789' > f; printf 'abcdefgh' > o; dd if=f of=o bs=2 skip=1 seek=1 count=2 conv=notrunc status=none; cat o; echo
## stdout: ab2345gh

#### seek-truncates-without-notrunc
printf 'abcdefgh' > o; printf 'XY' | dd of=o bs=1 seek=3 status=none; cat o; echo
## stdout: abcXY

#### output-file-is-truncated
printf 'long old text' > o; printf 'new' | dd of=o status=none; cat o; echo
## stdout: new

#### ucase-and-lcase
printf 'Hello World\n' | dd conv=ucase status=none; printf 'Hello World\n' | dd conv=lcase status=none
## STDOUT:
HELLO WORLD
hello world
## END

#### swab
printf 'abcdefg' | dd conv=swab status=none; echo
## stdout: badcfeg

#### sync-pads-with-nuls
printf 'abc' | dd bs=8 conv=sync status=none | od -An -c
## stdout:    a   b   c  \0  \0  \0  \0  \0

#### count-bytes-and-skip-bytes
printf '0123456789' > f; dd if=f iflag=skip_bytes,count_bytes skip=3 count=4 status=none; echo
## stdout: 3456

#### count-with-B-suffix-counts-bytes
printf '0123456789' > f; dd if=f bs=4 count=6B status=noxfer; echo
## stdout: 012345
## STDERR:
1+1 records in
1+1 records out
## END

#### multiplied-sizes
head -c 100 /dev/zero > f; dd if=f bs=2x5 count=3 status=noxfer | wc -c
## stdout: 30
## STDERR:
3+0 records in
3+0 records out
## END

#### transfer-line
head -c 2048 /dev/zero > f; dd if=f of=o bs=1K 2>&1 | sed 's/copied, .*/copied/'
## STDOUT:
2+0 records in
2+0 records out
2048 bytes (2.0 kB, 2.0 KiB) copied
## END

#### transfer-line-small-and-one-byte
printf abc | dd of=o 2>&1 | sed -n 's/copied, .*/copied/p'; printf a | dd of=o 2>&1 | sed -n 's/copied, .*/copied/p'
## STDOUT:
3 bytes copied
1 byte copied
## END

#### transfer-line-megabytes
head -c 1500000 /dev/zero | dd of=o bs=1M iflag=fullblock 2>&1 | sed -n 's/copied, .*/copied/p'
## stdout: 1500000 bytes (1.5 MB, 1.4 MiB) copied

#### fullblock-gathers-short-reads
(printf ab; sleep 0.1; printf cd) | dd bs=4 count=1 iflag=fullblock status=noxfer; echo
## stdout: abcd
## STDERR:
1+0 records in
1+0 records out
## END

#### skip-past-the-end
printf abc > f; dd if=f bs=1 skip=5 status=noxfer; echo "st=$?"
## stdout: st=0
## STDERR:
dd: f: cannot skip to specified offset
0+0 records in
0+0 records out
## END

#### append
printf 'abc' > o; printf 'def' | dd of=o oflag=append conv=notrunc status=none; cat o; echo
## stdout: abcdef

#### excl-and-nocreat
printf x > o; printf y | dd of=o conv=excl status=none; echo "st=$?"; printf y | dd of=new conv=nocreat status=none; echo "st=$?"
## STDOUT:
st=1
st=1
## END
## STDERR:
dd: failed to open 'o': File exists
dd: failed to open 'new': No such file or directory
## END

#### sparse-keeps-the-size
head -c 4096 /dev/zero > z; printf end >> z; dd if=z of=o bs=1K conv=sparse status=none; wc -c < o; tail -c 3 o; echo
## STDOUT:
4099
end
## END

#### status-none-is-quiet
printf abc | dd status=none of=o; echo "st=$?"
## stdout: st=0

#### missing-input
dd if=nope status=none; echo "st=$?"
## stdout: st=1
## stderr: dd: failed to open 'nope': No such file or directory

#### bad-operand
dd foo=1; echo "st=$?"
## stdout: st=1
## STDERR:
dd: unrecognized operand 'foo=1'
Try 'dd --help' for more information.
## END

#### bad-numbers
dd bs=x; echo "st=$?"; dd bs=0; echo "st=$?"; dd count=-1; echo "st=$?"
## STDOUT:
st=1
st=1
st=1
## END
## STDERR:
dd: invalid number: 'x'
dd: invalid number: '0'
dd: invalid number: '-1'
## END

#### bad-conversion-and-flags
dd conv=bogus; echo "st=$?"; dd iflag=bogus; echo "st=$?"; dd oflag=fullblock; echo "st=$?"
## STDOUT:
st=1
st=1
st=1
## END
## STDERR:
dd: invalid conversion: 'bogus'
Try 'dd --help' for more information.
dd: invalid input flag: 'bogus'
Try 'dd --help' for more information.
dd: invalid output flag: 'fullblock'
Try 'dd --help' for more information.
## END

#### conflicting-conversions
dd conv=ucase,lcase; echo "st=$?"
## stdout: st=1
## stderr: dd: cannot combine lcase and ucase

#### bad-status
dd status=loud; echo "st=$?"
## stdout: st=1
## STDERR:
dd: invalid status level: 'loud'
Try 'dd --help' for more information.
## END
