# file: what kind of data a file holds (file 5.44)

#### text-kinds
: > empty; echo hello > t; printf 'no newline' > nn; printf 'a\r\nb\r\n' > crlf; printf 'h\303\251llo\n' > u8; file empty t nn crlf u8
## STDOUT:
empty: empty
t:     ASCII text
nn:    ASCII text, with no line terminators
crlf:  ASCII text, with CRLF line terminators
u8:    Unicode text, UTF-8 text
## END

#### very-long-lines
head -c 400 /dev/zero | tr '\0' x > long; echo >> long; file -b long
## stdout: ASCII text, with very long lines (400)

#### json
echo '{"a": [1, 2]}' > j; echo '[1,' > notj; file j notj
## STDOUT:
j:    JSON text data
notj: ASCII text
## END

#### scripts
printf '#!/bin/sh\necho\n' > s; printf '#!/usr/bin/env python3\nprint(1)\n' > p; printf '#!/bin/bash\n:\n' > b; file -b s p b
## STDOUT:
POSIX shell script, ASCII text executable
Python script, ASCII text executable
Bourne-Again shell script, ASCII text executable
## END

#### images
printf '\211PNG\r\n\032\n\0\0\0\rIHDR\0\0\0\001\0\0\0\002\010\006\0\0\0' > i.png; printf 'GIF89a\003\0\004\0\0\0\0' > i.gif; file -b i.png i.gif
## STDOUT:
PNG image data, 1 x 2, 8-bit/color RGBA, non-interlaced
GIF image data, version 89a, 3 x 4
## END

#### documents-and-binaries
printf '%%PDF-1.4\n' > d.pdf; printf '\0asm\001\0\0\0' > w.wasm; printf '\0\001\002' > data; file -b d.pdf w.wasm data
## STDOUT:
PDF document, version 1.4
WebAssembly (wasm) binary module version 0x1 (MVP)
data
## END

#### elf-header
printf '\177ELF\002\001\001\0\0\0\0\0\0\0\0\0\002\0\076\0\001\0\0\0' > e; file -b e
## stdout: ELF 64-bit LSB executable, x86-64, version 1 (SYSV)

#### gzip-without-name
echo hi | gzip -n > g.gz; file -b g.gz
## stdout: gzip compressed data, from Unix, original size modulo 2^32 3

#### tar-archive
echo x > f; tar cf a.tar f; file -b a.tar
## stdout: POSIX tar archive (GNU)

#### directory
mkdir d; file d; file -b --mime-type d
## STDOUT:
d: directory
inode/directory
## END

#### mime
echo hi > t; printf 'h\303\251\n' > u; echo '{}' > j; : > e; file -i t u j e
## STDOUT:
t: text/plain; charset=us-ascii
u: text/plain; charset=utf-8
j: application/json; charset=us-ascii
e: inode/x-empty; charset=binary
## END

#### mime-type-and-encoding
printf '\211PNG\r\n\032\n\0\0\0\rIHDR\0\0\0\001\0\0\0\002\010\006\0\0\0' > i; echo hi > t; file --mime-type i t; file --mime-encoding t
## STDOUT:
i: image/png
t: text/plain
t: us-ascii
## END

#### separator-and-no-pad
echo hi > t; echo hi > longer; file -N t longer; file -F ' =' t
## STDOUT:
t: ASCII text
longer: ASCII text
t = ASCII text
## END

#### missing-file-is-reported-as-its-type
file nope; echo "st=$?"
## STDOUT:
nope: cannot open `nope' (No such file or directory)
st=0
## END

#### files-from
echo hi > t; : > e; printf 't\ne\n' > list; file -f list
## STDOUT:
t: ASCII text
e: empty
## END
