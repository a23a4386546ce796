# tree: directory trees (tree 2.x, ASCII lines under LC_ALL=C)

#### tree-default
mkdir -p b/c e; touch a b/x d .h B _u; tree
## STDOUT:
.
|-- B
|-- _u
|-- a
|-- b
|   |-- c
|   `-- x
|-- d
`-- e

4 directories, 5 files
## END

#### tree-all
mkdir -p b/c; touch a b/x .h; tree -a
## STDOUT:
.
|-- .h
|-- a
`-- b
    |-- c
    `-- x

3 directories, 3 files
## END

#### tree-dirs-only
mkdir -p b/c e; touch a b/x; tree -d
## STDOUT:
.
|-- b
|   `-- c
`-- e

4 directories
## END

#### tree-level
mkdir -p s/t/u; touch s/t/f; tree -L 1 s; tree -L 2 s
## STDOUT:
s
`-- t

2 directories, 0 files
s
`-- t
    |-- f
    `-- u

3 directories, 1 file
## END

#### tree-noreport
mkdir -p b/c; touch a; tree --noreport
## STDOUT:
.
|-- a
`-- b
    `-- c
## END

#### tree-full-path-no-indent
mkdir -p b/c; touch a b/x; tree -f -i
## STDOUT:
.
./a
./b
./b/c
./b/x

3 directories, 2 files
## END

#### tree-full-path
mkdir -p b/c; touch b/c/x b/y; tree -f b
## STDOUT:
b
|-- b/c
|   `-- b/c/x
`-- b/y

2 directories, 2 files
## END

#### tree-classify
mkdir -p b/c; touch b/c/x b/y; chmod +x b/y; tree -F b
## STDOUT:
b/
|-- c/
|   `-- x
`-- y*

2 directories, 2 files
## END

#### tree-classify-dot
mkdir b; touch b/x; tree -F
## STDOUT:
./
`-- b/
    `-- x

2 directories, 1 file
## END

#### tree-reverse
mkdir -p b/c; touch b/c/x b/y b/a; tree -r b
## STDOUT:
b
|-- y
|-- c
|   `-- x
`-- a

2 directories, 3 files
## END

#### tree-dirsfirst
mkdir -p b/c; touch b/a b/z; tree --dirsfirst b
## STDOUT:
b
|-- c
|-- a
`-- z

2 directories, 2 files
## END

#### tree-several-roots
mkdir -p b/c e f/g; touch b/x; tree b e f
## STDOUT:
b
|-- c
`-- x
e
f
`-- g

4 directories, 1 file
## END

#### tree-empty-root
mkdir e; tree e
## STDOUT:
e

0 directories, 0 files
## END

#### tree-hidden-only-root
mkdir h; touch h/.x; tree h; tree -a h
## STDOUT:
h

0 directories, 0 files
h
`-- .x

1 directory, 1 file
## END

#### tree-dirs-only-no-dirs
mkdir o; touch o/f; tree -d o
## STDOUT:
o

0 directories
## END

#### tree-singular
mkdir o; touch o/f; tree o
## STDOUT:
o
`-- f

1 directory, 1 file
## END

#### tree-missing-root
mkdir b; tree nope b; echo $?
## STDOUT:
nope  [error opening dir]
b

0 directories, 0 files
2
## END

#### tree-file-root
touch a; tree a; echo $?
## STDOUT:
a  [error opening dir]

0 directories, 1 file
0
## END

#### tree-bad-level
tree -L 0 .; echo $?
## stdout: 1
## stderr: tree: Invalid level, must be greater than 0.

#### tree-combined-flags
mkdir -p b/c; touch b/x .h; tree -adL 1
## STDOUT:
.
`-- b

2 directories
## END

#### tree-deep-lines
mkdir -p a/b/c a/d; touch a/b/c/f a/b/g a/d/h a/i; tree a
## STDOUT:
a
|-- b
|   |-- c
|   |   `-- f
|   `-- g
|-- d
|   `-- h
`-- i

4 directories, 4 files
## END

#### tree-utf8
mkdir -p b/c; touch b/c/x b/y; LC_ALL=C.UTF-8 tree b
## STDOUT:
b
├── c
│   └── x
└── y

2 directories, 2 files
## END

#### tree-charset-option
mkdir -p b/c; touch b/y; tree --charset=utf-8 b
## STDOUT:
b
├── c
└── y

2 directories, 1 file
## END

#### tree-bad-option
tree -Z
## bash_diff: ninebox's tree reports a bad option GNU-style, not with tree's usage text
## STDERR:
tree: invalid option -- 'Z'
Try 'tree --help' for more information.
## END
## status: 1

#### tree-escaped-names
mkdir -p 'a b/c'; touch 'a b/c/x y' 'x\y' "q'x"; printf '' > "$(printf 't\tb')"; tree
## STDOUT:
.
|-- a\ b
|   `-- c
|       `-- x\ y
|-- q'x
|-- t\tb
`-- x\\y

3 directories, 4 files
## END

#### tree-utf8-names
mkdir 'a b'; touch "$(printf 'n\nl')"; LC_ALL=C.UTF-8 tree
## STDOUT:
.
├── a b
└── n\012l

2 directories, 1 file
## END

#### tree-raw-names
mkdir 'a b'; touch "$(printf 't\tb')"; tree -N | cat -A
## STDOUT:
.$
|-- a b$
`-- t^Ib$
$
2 directories, 1 file$
## END

#### tree-question-marks
touch "$(printf 't\tb')"; tree -q
## STDOUT:
.
`-- t\tb

1 directory, 1 file
## END

#### tree-bind-loop
## bash_diff: a Plan 9 bind can put a directory inside itself
mkdir -p d/e/loop; touch d/f; bind /home/user/d d/e/loop; tree d
## STDOUT:
d
|-- e
|   `-- loop  [recursive, not followed]
`-- f

3 directories, 1 file
## END
