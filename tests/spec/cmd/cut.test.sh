# cut: bytes, characters and fields

#### one field with a delimiter
printf 'a:b:c:d\nno delim\n1:2\n' > f
cut -d: -f2 f
## STDOUT:
b
no delim
2
## END

#### field ranges and lists
printf 'a:b:c:d:e\n' > f
cut -d: -f2- f
cut -d: -f-2 f
cut -d: -f1,3-4 f
cut -d: -f 1,3 f
cut -d: -f '1 5' f
## STDOUT:
b:c:d:e
a:b
a:c:d
a:c
a:e
## END

#### overlapping and unordered lists print each field once in order
printf 'a:b:c:d:e\n' > f
cut -d: -f3,1,2-3 f
cut -c3,1 f
## STDOUT:
a:b:c
ab
## END

#### default delimiter is tab
printf 'a\tb\tc\nplain\n' | cut -f2
## STDOUT:
b
plain
## END

#### only delimited lines
printf 'a:b\nnone\n1:2\n' | cut -s -d: -f1
## STDOUT:
a
1
## END

#### complement
printf 'a:b:c:d\n' > f
cut -d: --complement -f2 f
cut --complement -c1-2 f
## STDOUT:
a:c:d
b:c:d
## END

#### output delimiter
printf 'a:b:c:d\n' > f
cut -d: -f1,3 --output-delimiter=XY f
cut -c1-2,5- --output-delimiter=- f
cut -c1-2,3-4 --output-delimiter=- f
cut -c1-3,2-4 --output-delimiter=- f
## STDOUT:
aXYc
a:-c:d
a:-b:
a:b:
## END

#### bytes and characters
printf 'hello\nab\n' > f
cut -b2-3 f
cut -c -2 f
cut -c4- f
cut -n -b1 f
## STDOUT:
el
b
he
ab
lo

h
a
## END

#### fields past the end give an empty line
printf 'a:b\n' | cut -d: -f5
## STDOUT:

## END

#### last line without newline gets one
printf 'a:b' | cut -d: -f2
## stdout: b

#### zero terminated
printf 'x:1\0y:2\0' | cut -z -d: -f2 | cat -v
echo
## stdout: 1^@2^@

#### several files and stdin
printf 'a:b\n' > f
printf 'c:d\n' | cut -d: -f2 f - f
## STDOUT:
b
d
b
## END

#### empty delimiter means NUL
printf 'a\0b\n' | cut -d '' -f2
## stdout: b

#### no list given
cut f
echo "status=$?"
## stdout: status=1
## STDERR:
cut: you must specify a list of bytes, characters, or fields
Try 'cut --help' for more information.
## END

#### more than one list
cut -f1 -c1 f
echo "status=$?"
## stdout: status=1
## STDERR:
cut: only one list may be specified
Try 'cut --help' for more information.
## END

#### delimiter must be a single character
cut -d ab -f1 f
echo "status=$?"
## stdout: status=1
## STDERR:
cut: the delimiter must be a single character
Try 'cut --help' for more information.
## END

#### delimiter and -s need fields
cut -c1 -d: f
echo "status=$?"
cut -c1 -s f
echo "status=$?"
## STDOUT:
status=1
status=1
## END
## STDERR:
cut: an input delimiter may be specified only when operating on fields
Try 'cut --help' for more information.
cut: suppressing non-delimited lines makes sense
	only when operating on fields
Try 'cut --help' for more information.
## END

#### bad lists
cut -f0 f
cut -f3-1 f
cut -f x f
cut -c x f
cut -f- f
cut -f 99999999999999999999 f
echo "status=$?"
## stdout: status=1
## STDERR:
cut: fields are numbered from 1
Try 'cut --help' for more information.
cut: invalid decreasing range
Try 'cut --help' for more information.
cut: invalid field value 'x'
Try 'cut --help' for more information.
cut: invalid byte/character position 'x'
Try 'cut --help' for more information.
cut: invalid range with no endpoint: -
Try 'cut --help' for more information.
cut: field number '99999999999999999999' is too large
Try 'cut --help' for more information.
## END

#### missing file and directory
printf 'a:b\n' > f
cut -d: -f1 f nosuch . f
echo "status=$?"
## STDOUT:
a
a
status=1
## END
## STDERR:
cut: nosuch: No such file or directory
cut: .: Is a directory
## END
