# xxd: hex dumps and back (vim's xxd 2022-01-14)

#### plain-dump
printf 'hello world\n\0\1\2\377abcdefghijklmnopqrstuvwxyz' > f; xxd f
## STDOUT:
00000000: 6865 6c6c 6f20 776f 726c 640a 0001 02ff  hello world.....
00000010: 6162 6364 6566 6768 696a 6b6c 6d6e 6f70  abcdefghijklmnop
00000020: 7172 7374 7576 7778 797a                 qrstuvwxyz
## END

#### stdin
printf 'hello' | xxd; printf 'hello' | xxd -
## STDOUT:
00000000: 6865 6c6c 6f                             hello
00000000: 6865 6c6c 6f                             hello
## END

#### postscript
printf 'hello world\n\0\1\2\377abcdefghijklmnopqrstuvwxyz' > f; xxd -p f; xxd -ps -c 8 f; xxd -p -c 0 f
## STDOUT:
68656c6c6f20776f726c640a000102ff6162636465666768696a6b6c6d6e
6f707172737475767778797a
68656c6c6f20776f
726c640a000102ff
6162636465666768
696a6b6c6d6e6f70
7172737475767778
797a
68656c6c6f20776f726c640a000102ff6162636465666768696a6b6c6d6e6f707172737475767778797a
## END

#### reverse-plain-hex
printf '68656c6c6f\n0a 41\n' | xxd -r -p; echo 'x 4243' | xxd -r -p; echo
## STDOUT:
hello
ABC
## END

#### reverse-round-trip
printf 'hello world\n\0\1\2\377abcdefghijklmnopqrstuvwxyz' > f; xxd f | xxd -r > g; xxd -p f | xxd -r -p > h; md5sum f g h
## STDOUT:
069db2ebbcd845417b460a74ef5a5767  f
069db2ebbcd845417b460a74ef5a5767  g
069db2ebbcd845417b460a74ef5a5767  h
## END

#### reverse-with-gaps-and-offset
printf '0000: 41 42 43\n0010: 44\n' | xxd -r | od -c; printf '0: 4142  AB\n' | xxd -r -s 2 | od -c
## STDOUT:
0000000   A   B   C  \0  \0  \0  \0  \0  \0  \0  \0  \0  \0  \0  \0  \0
0000020   D
0000021
0000000  \0  \0   A   B
0000004
## END

#### reverse-patches-outfile
printf 'xxxxxxxxxx' > pat; echo '00000002: 4142' | xxd -r - pat; cat pat; echo
## stdout: xxABxxxxxx

#### reverse-cannot-seek-backwards
printf '00000010: 4142\n00000000: 4344\n' | xxd -r | od -c
## STDOUT:
0000000  \0  \0  \0  \0  \0  \0  \0  \0  \0  \0  \0  \0  \0  \0  \0  \0
0000020   A   B
0000022
## END
## stderr: xxd: Sorry, cannot seek backwards.

#### columns-and-groups
printf 'hello world\n\0\1\2\377abcdefghijklmnopqrstuvwxyz' > f; xxd -c 8 -g 4 f; xxd -g 0 -c 5 f; xxd -cols 4 -g1 -l 8 f
## STDOUT:
00000000: 68656c6c 6f20776f  hello wo
00000008: 726c640a 000102ff  rld.....
00000010: 61626364 65666768  abcdefgh
00000018: 696a6b6c 6d6e6f70  ijklmnop
00000020: 71727374 75767778  qrstuvwx
00000028: 797a               yz
00000000: 68656c6c6f  hello
00000005: 20776f726c   worl
0000000a: 640a000102  d....
0000000f: ff61626364  .abcd
00000014: 6566676869  efghi
00000019: 6a6b6c6d6e  jklmn
0000001e: 6f70717273  opqrs
00000023: 7475767778  tuvwx
00000028: 797a        yz
00000000: 68 65 6c 6c  hell
00000004: 6f 20 77 6f  o wo
## END

#### length-and-seek
printf 'hello world\n\0\1\2\377abcdefghijklmnopqrstuvwxyz' > f; xxd -l 10 f; xxd -s 5 -l 10 f; xxd -s -3 f; xxd -s 0x20 -l 0x4 f
## STDOUT:
00000000: 6865 6c6c 6f20 776f 726c                 hello worl
00000005: 2077 6f72 6c64 0a00 0102                  world....
00000027: 7879 7a                                  xyz
00000020: 7172 7374                                qrst
## END

#### seek-on-pipe
printf 'hello' | xxd -s 2; printf 'hello' | xxd -s -2; echo $?
## STDOUT:
00000002: 6c6c 6f                                  llo
4
## END
## stderr: xxd: Sorry, cannot seek.

#### upper-case
printf 'hello world\n\0\377' > f; xxd -u f; xxd -u -p f
## STDOUT:
00000000: 6865 6C6C 6F20 776F 726C 640A 00FF       hello world...
68656C6C6F20776F726C640A00FF
## END

#### include
printf 'hello world\n\0\1\2\377abc' > 9file.bin; xxd -i 9file.bin; xxd -i < 9file.bin; xxd -i -C -n my-var -c 4 -u 9file.bin
## STDOUT:
unsigned char __9file_bin[] = {
  0x68, 0x65, 0x6c, 0x6c, 0x6f, 0x20, 0x77, 0x6f, 0x72, 0x6c, 0x64, 0x0a,
  0x00, 0x01, 0x02, 0xff, 0x61, 0x62, 0x63
};
unsigned int __9file_bin_len = 19;
  0x68, 0x65, 0x6c, 0x6c, 0x6f, 0x20, 0x77, 0x6f, 0x72, 0x6c, 0x64, 0x0a,
  0x00, 0x01, 0x02, 0xff, 0x61, 0x62, 0x63
unsigned char MY_VAR[] = {
  0X68, 0X65, 0X6C, 0X6C,
  0X6F, 0X20, 0X77, 0X6F,
  0X72, 0X6C, 0X64, 0X0A,
  0X00, 0X01, 0X02, 0XFF,
  0X61, 0X62, 0X63
};
unsigned int MY_VAR_LEN = 19;
## END

#### bits
printf 'hello world\n\0\377' > f; xxd -b f; xxd -b -c 3 f
## STDOUT:
00000000: 01101000 01100101 01101100 01101100 01101111 00100000  hello 
00000006: 01110111 01101111 01110010 01101100 01100100 00001010  world.
0000000c: 00000000 11111111                                      ..
00000000: 01101000 01100101 01101100  hel
00000003: 01101100 01101111 00100000  lo 
00000006: 01110111 01101111 01110010  wor
00000009: 01101100 01100100 00001010  ld.
0000000c: 00000000 11111111           ..
## END

#### little-endian
printf 'hello world\n\0\1\2\377abcdefghijklmnopqrstuvwxyz' > f; xxd -e f; xxd -e -g 8 f; xxd -e -g 3 f; echo $?
## STDOUT:
00000000: 6c6c6568 6f77206f 0a646c72 ff020100  hello world.....
00000010: 64636261 68676665 6c6b6a69 706f6e6d  abcdefghijklmnop
00000020: 74737271 78777675     7a79           qrstuvwxyz
00000000: 6f77206f6c6c6568 ff0201000a646c72  hello world.....
00000010: 6867666564636261 706f6e6d6c6b6a69  abcdefghijklmnop
00000020: 7877767574737271             7a79  qrstuvwxyz
1
## END
## stderr: xxd: number of octets per group must be a power of 2 with -e.

#### autoskip
printf '%064d' 0 > z; printf 'abc' >> z; xxd -a z; printf '%048d' 0 | xxd -a -c 8
## STDOUT:
00000000: 3030 3030 3030 3030 3030 3030 3030 3030  0000000000000000
00000010: 3030 3030 3030 3030 3030 3030 3030 3030  0000000000000000
00000020: 3030 3030 3030 3030 3030 3030 3030 3030  0000000000000000
00000030: 3030 3030 3030 3030 3030 3030 3030 3030  0000000000000000
00000040: 6162 63                                  abc
00000000: 3030 3030 3030 3030  00000000
00000008: 3030 3030 3030 3030  00000000
00000010: 3030 3030 3030 3030  00000000
00000018: 3030 3030 3030 3030  00000000
00000020: 3030 3030 3030 3030  00000000
00000028: 3030 3030 3030 3030  00000000
## END

#### decimal-and-display-offset
printf 'hello world\n\0\1\2\377abcdefghijklmnopqrstuvwxyz' > f; xxd -d -o 0x100 -l 20 f; xxd -o 16 -l 4 f
## STDOUT:
00000256: 6865 6c6c 6f20 776f 726c 640a 0001 02ff  hello world.....
00000272: 6162 6364                                abcd
00000010: 6865 6c6c                                hell
## END

#### ebcdic
printf '\301\302\303\360\361 abc' > f; xxd -E f
## stdout: 00000000: c1c2 c3f0 f120 6162 63                   ABC01./..

#### outfile
printf 'hello' > f; xxd f out; xxd -p f out2; cat out out2
## STDOUT:
00000000: 6865 6c6c 6f                             hello
68656c6c6f
## END

#### missing-file
xxd nope; echo $?
## stdout: 2
## stderr: xxd: nope: No such file or directory

#### directory
mkdir d; xxd d; echo $?
## stdout: 2
## stderr: xxd: Is a directory

#### too-many-columns
printf 'x' | xxd -c 300; echo $?
## stdout: 1
## stderr: xxd: invalid number of columns (max. 256).

#### cannot-revert-bits
printf 'x' | xxd -r -b; echo $?
## stdout: 255
## stderr: xxd: Sorry, cannot revert this type of hexdump

#### bad-option-usage
xxd -y; echo $?; xxd a b c 2>/dev/null; echo $?
## STDOUT:
1
1
## END

#### version
xxd -v; echo $?
## stdout: 0
## stderr: xxd 2022-01-14 by Juergen Weigert et al.

#### empty-input
printf '' | xxd; printf '' | xxd -p; printf '' | xxd -i; echo end
## stdout: end
