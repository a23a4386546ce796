# od: dump files in octal and other formats (GNU coreutils 9.1)

#### default-octal-words
printf 'hello world\n' > f; od f
## STDOUT:
0000000 062550 066154 020157 067567 066162 005144
0000014
## END

#### chars
printf 'hi\t\001\377\0z\n' | od -c
## STDOUT:
0000000   h   i  \t 001 377  \0   z  \n
0000010
## END

#### named-chars
printf 'a b\n\177\200\0' | od -a
## STDOUT:
0000000   a  sp   b  nl del nul nul
0000007
## END

#### hex-bytes-with-trailer
printf 'hello world, this is od\n' | od -A x -t x1z
## STDOUT:
000000 68 65 6c 6c 6f 20 77 6f 72 6c 64 2c 20 74 68 69  >hello world, thi<
000010 73 20 69 73 20 6f 64 0a                          >s is od.<
000018
## END

#### several-types-aligned
printf 'hello world\n\0\1\2\377abcdefghij' > f; od -t d1 -t o2 -t x4 f
## STDOUT:
0000000  104  101  108  108  111   32  119  111  114  108  100   10    0    1    2   -1
           062550    066154    020157    067567    066162    005144    000400    177402
                   6c6c6568            6f77206f            0a646c72            ff020100
0000020   97   98   99  100  101  102  103  104  105  106
           061141    062143    063145    064147    065151
                   64636261            68676665            00006a69
0000032
## END

#### shorthand-flags-combined
printf 'hello world\n\0\1\2\377' > f; od -bcx f; od -s -d -o -i -l f
## STDOUT:
0000000 150 145 154 154 157 040 167 157 162 154 144 012 000 001 002 377
          h   e   l   l   o       w   o   r   l   d  \n  \0 001 002 377
           6568    6c6c    206f    6f77    6c72    0a64    0100    ff02
0000020
0000000  25960  27756   8303  28535  27762   2660    256   -254
         25960  27756   8303  28535  27762   2660    256  65282
        062550 066154 020157 067567 066162 005144 000400 177402
           1819043176    1870078063     174353522     -16645888
                8031924123371070824          -71493544398525326
0000020
## END

#### unsigned-and-signed-sizes
printf '\377\376\375\374\373\372\371\370\1\2\3\4\5\6\7\10' > f; od -t u1 -t d2 -t u4 -t d8 -t uL f
## STDOUT:
0000000 255 254 253 252 251 250 249 248   1   2   3   4   5   6   7   8
           -257    -771   -1285   -1799     513    1027    1541    2055
             4244504319      4177132283        67305985       134678021
                    -506097522914230529              578437695752307201
                   17940646550795321087              578437695752307201
0000020
## END

#### floats
printf '\0\0\200?\0\0\0@\0\0\0\0\0\0\360?' > f; od -t f4 -t fD f; od -f -N 4 f
## STDOUT:
0000000               1               2               0           1.875
                      2.000000473111868                               1
0000020
0000000               1
0000004
## END

#### address-radix
printf 'abcdefghijklmnopqrstuvwxyz' > f; od -A d -c f; od -A n -t x1 f; od -Ax -tx2 f
## STDOUT:
0000000   a   b   c   d   e   f   g   h   i   j   k   l   m   n   o   p
0000016   q   r   s   t   u   v   w   x   y   z
0000026
 61 62 63 64 65 66 67 68 69 6a 6b 6c 6d 6e 6f 70
 71 72 73 74 75 76 77 78 79 7a
000000 6261 6463 6665 6867 6a69 6c6b 6e6d 706f
000010 7271 7473 7675 7877 7a79
00001a
## END

#### skip-and-limit
printf 'abcdefghijklmnopqrstuvwxyz' > f; od -j 3 -N 5 -c f; od -j 0x10 -N 010 -c f; od -j 1k -c f; echo $?
## STDOUT:
0000003   d   e   f   g   h
0000010
0000020   q   r   s   t   u   v   w   x
0000030
1
## END
## stderr: od: cannot skip past end of combined input

#### width
printf 'abcdefghijklmnopqrstuvwxyz' > f; od -w8 -t x1 f; od -w -c f; od -w5 -t x2 f
## STDOUT:
0000000 61 62 63 64 65 66 67 68
0000010 69 6a 6b 6c 6d 6e 6f 70
0000020 71 72 73 74 75 76 77 78
0000030 79 7a
0000032
0000000   a   b   c   d   e   f   g   h   i   j   k   l   m   n   o   p   q   r   s   t   u   v   w   x   y   z
0000032
0000000 6261
0000002 6463
0000004 6665
0000006 6867
0000010 6a69
0000012 6c6b
0000014 6e6d
0000016 706f
0000020 7271
0000022 7473
0000024 7675
0000026 7877
0000030 7a79
0000032
## END
## stderr: od: warning: invalid width 5; using 2 instead

#### duplicates-collapsed-unless-v
printf '%032d' 0 > z; printf 'tail' >> z; od -c z; od -v -c z
## STDOUT:
0000000   0   0   0   0   0   0   0   0   0   0   0   0   0   0   0   0
*
0000040   t   a   i   l
0000044
0000000   0   0   0   0   0   0   0   0   0   0   0   0   0   0   0   0
0000020   0   0   0   0   0   0   0   0   0   0   0   0   0   0   0   0
0000040   t   a   i   l
0000044
## END

#### several-files-one-stream
printf 'abc' > a; printf 'defgh' > b; od -c a b; od -c -j 4 a b
## STDOUT:
0000000   a   b   c   d   e   f   g   h
0000010
0000004   e   f   g   h
0000010
## END

#### stdin-and-dash
printf 'abc' > a; printf 'xyz' | od -c a - a
## STDOUT:
0000000   a   b   c   x   y   z   a   b   c
0000011
## END

#### strings
printf 'ab\0abc\0xy\001zwvu\0long string\0tail' > f; od -S 3 f; od --strings=5 -A d f
## STDOUT:
0000003 abc
0000012 zwvu
0000017 long string
0000015 long string
## END

#### endian
printf '\1\2\3\4' > f; od -t x2 f; od --endian=big -t x2 -t x4 f
## STDOUT:
0000000 0201 0403
0000004
0000000 0102 0304
         01020304
0000004
## END

#### traditional-offset-operand
printf 'abcdefghijklmnopqrstuvwxyz' > f; od -c f +10; od -c f 20.; od -c f 1b; od --traditional -c f 4 100
## STDOUT:
0000010   i   j   k   l   m   n   o   p   q   r   s   t   u   v   w   x
0000030   y   z
0000032
0000000   a   b   c   d   e   f   g   h   i   j   k   l   m   n   o   p
0000020   q   r   s   t   u   v   w   x   y   z
0000032
0000004 (0000100)   e   f   g   h   i   j   k   l   m   n   o   p   q   r   s   t
0000024 (0000120)   u   v   w   x   y   z
0000032 (0000126)
## END
## STDERR:
od: 20.: No such file or directory
od: cannot skip past end of combined input
## END

#### missing-file-among-several
printf 'abc' > a; od -c nope a; echo $?
## STDOUT:
0000000   a   b   c
0000003
1
## END
## stderr: od: nope: No such file or directory

#### directory-operand
mkdir d; od d
## stdout: 0000000
## stderr: od: d: Is a directory
## status: 1

#### invalid-type
od -t y f; od -t x3 f; od -t d16 f
## STDERR:
od: invalid character 'y' in type string 'y'
od: invalid type string 'x3';
this system doesn't provide a 3-byte integral type
od: invalid type string 'd16';
this system doesn't provide a 16-byte integral type
## END
## status: 1

#### invalid-numbers
od -j 1x f; od -N x f; od --skip-bytes=2Q f; od -A q f
## STDERR:
od: invalid suffix in -j argument '1x'
od: invalid -N argument 'x'
od: invalid suffix in --skip-bytes argument '2Q'
od: invalid output address radix 'q'; it must be one character from [doxn]
## END
## status: 1

#### bad-option
od -y
## STDERR:
od: invalid option -- 'y'
Try 'od --help' for more information.
## END
## status: 1

#### skip-past-end
printf 'abc' > f; od -j 10 f
## stderr: od: cannot skip past end of combined input
## status: 1

#### last-partial-datum-zero-padded
printf 'abcde' | od -t x4 -t c
## STDOUT:
0000000        64636261        00000065
          a   b   c   d   e
0000005
## END

#### large-input
seq 1 20000 > big; od -N 64 -j 50000 -c big; od big | md5sum
## STDOUT:
0141520   1   8   5  \n   1   0   1   8   6  \n   1   0   1   8   7  \n
0141540   1   0   1   8   8  \n   1   0   1   8   9  \n   1   0   1   9
0141560   0  \n   1   0   1   9   1  \n   1   0   1   9   2  \n   1   0
0141600   1   9   3  \n   1   0   1   9   4  \n   1   0   1   9   5  \n
0141620
e33b442a005b52004387107fe5592ccb  -
## END
