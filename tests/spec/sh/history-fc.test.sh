# history and fc: bash's history list, its numbering and file handling,
# recording in interactive shells (bash -i), fc's list and re-run forms

#### history -s adds entries; history N lists the last N, numbered
history -s echo one
history -s 'echo two'
history -s echo three
history
echo --
history 2
## STDOUT:
    1  echo one
    2  echo two
    3  echo three
--
    2  echo two
    3  echo three
## END

#### history -d deletes by number, from the end, or a range
for w in a b c d e f; do history -s "cmd $w"; done
history -d 2
history -d -1
history -d 2-3
history
history -d 9; echo "status $?"
## STDOUT:
    1  cmd a
    2  cmd e
status 1
## END

#### history -w writes the list, history -r reads a file back onto it
history -s first; history -s second
history -w hfile
cat hfile
history -c
history -r hfile; history -r hfile
history | wc -l
history -r no-such-file; echo "status $?"
## STDOUT:
first
second
4
status 1
## END

#### assigning HISTSIZE cuts the list at once; numbering restarts at the count dropped (readline's stifle)
for n in 1 2 3 4 5; do history -s "c$n"; done
HISTSIZE=2
history
## STDOUT:
    3  c4
    4  c5
## END

#### assigning HISTFILESIZE truncates HISTFILE to that many lines
printf 'l%s\n' 1 2 3 4 > hf
HISTFILE=hf
HISTFILESIZE=3
cat hf
## STDOUT:
l2
l3
l4
## END

#### history -n reads only the lines of the file not read yet
printf 'old1\nold2\n' > hn
HISTFILE=hn history -r
printf 'new1\n' >> hn
HISTFILE=hn history -n
history
## STDOUT:
    1  old1
    2  old2
    3  new1
## END

#### usage errors: bad option, two file operations, a bad count
history -z; echo "status $?"
history -a -w; echo "status $?"
history abc; echo "status $?"
fc -z; echo "status $?"
## STDOUT:
status 2
status 1
status 1
status 2
## END

#### an interactive shell records each line and appends them to HISTFILE
printf 'echo from-file\n' > hi
HISTFILE=hi bash --norc -i 2>/dev/null <<'EOF'
echo a; echo b >/dev/null
history
EOF
cat hi
## STDOUT:
a
    1  echo from-file
    2  echo a; echo b >/dev/null
    3  history
echo from-file
echo a; echo b >/dev/null
history
## END

#### a list cut shorter than the session rewrites the file, unless histappend
printf 'keep%s\n' 1 2 > hs
HISTFILE=hs bash --norc -i 2>/dev/null <<'EOF'
HISTSIZE=1
echo x >/dev/null
EOF
cat hs; echo --
printf 'keep%s\n' 1 2 > hs
HISTFILE=hs bash --norc -i 2>/dev/null <<'EOF'
HISTSIZE=1
shopt -s histappend
echo y >/dev/null
EOF
cat hs
## STDOUT:
echo x >/dev/null
--
keep1
keep2
echo y >/dev/null
## END

#### HISTCONTROL ignores duplicates and lines starting with a blank
export HISTFILE=hc
bash --norc -i 2>/dev/null <<'EOF'
HISTCONTROL=ignoreboth
echo same >/dev/null
echo same >/dev/null
 echo hidden >/dev/null
history
EOF
## STDOUT:
    1  HISTCONTROL=ignoreboth
    2  echo same >/dev/null
    3  history
## END

#### fc -l lists a range, -n without numbers, -r reversed, text finds the newest
for c in 'echo 1' 'ls' 'echo 2' 'pwd'; do history -s "$c"; done
fc -l
fc -ln 2 3
fc -lr 1 2
fc -l ec
fc -l -2
## STDOUT:
1	 echo 1
2	 ls
3	 echo 2
4	 pwd
	 ls
	 echo 2
2	 ls
1	 echo 1
3	 echo 2
4	 pwd
3	 echo 2
4	 pwd
## END

#### fc -s re-runs a command with a substitution, echoing it on stderr; it replaces the last entry
history -s echo hello world
history -s ls
fc -s hello=bye ech 2>err
cat err
history
fc -e - ech 2>/dev/null
fc -s nosuch; echo "status $?"
## STDOUT:
bye world
echo bye world
    1  echo hello world
    2  echo bye world
bye world
status 1
## END

#### in an interactive shell fc skips its own line
export HISTFILE=hf2
bash --norc -i 2>/dev/null <<'EOF'
echo one >/dev/null
echo two >/dev/null
fc -l
fc -l -1
EOF
## STDOUT:
1	 echo one >/dev/null
2	 echo two >/dev/null
3	 fc -l
## END

#### history -p expands history references without recording them
history -s echo alpha beta
history -s ls -l /tmp
history -p '!!' '!$' '!-2' '!ec:2' '^ls^cat'
history -p '!nosuch'; echo "status $?"
## STDOUT:
ls -l /tmp
/tmp
echo alpha beta
beta
cat -l /tmp
status 1
## END

#### HISTTIMEFORMAT: entries added before it was ever set show ??
history -s echo early
HISTTIMEFORMAT='[when] ' history
HISTTIMEFORMAT='[when] '
history -s echo stamped
history
## STDOUT:
    1  ??echo early
    1  ??echo early
    2  [when] echo stamped
## END

#### a subshell changes its own copy of the history
history -s kept
( history -c; history -s other; history )
history
## STDOUT:
    1  other
    1  kept
## END

#### set -o history in a script: the lines read after it are recorded
set -o history; echo same line >/dev/null
echo x >/dev/null
history | wc -l
set -o | grep '^history'
## STDOUT:
2
history        	on
## END

#### set -H with set -o history expands !! !$ !n !-n !str and prints the result on stderr
set -o history -H
echo a b c
echo !! 2>&1
echo !$ !^ !*
echo !1 !-1:0
echo !ec:1-2 '!!' "!!"
history
## STDOUT:
a b c
echo a b c
echo echo a b c
echo a b c echo
echo a !! echo echo a b c echo
    1  echo a b c
    2  echo echo a b c 2>&1
    3  echo 2>&1 echo echo a b c 2>&1
    4  echo echo a b c echo
    5  echo echo a '!!' "echo echo a b c echo"
    6  history
## END

#### history expansion: quick substitution, :s/:gs/:& modifiers, :h :t :r :e :q :x :p
set -o history -H
: /usr/lib/file.tar.gz one one
^one^two^ 2>/dev/null
echo !-2:1:h !-2:1:t !-2:1:r !-2:1:e 2>/dev/null
echo !-3:gs/one/three/ 2>/dev/null
: a.b a.b a.b
echo !!:s/a/A/:& 2>/dev/null
echo !-2:Gs/a/X/ 2>/dev/null
echo !-3:1:q !-3:x 2>/dev/null
echo !-4:p
echo after
## STDOUT:
/usr/lib file.tar.gz /usr/lib/file.tar .gz
: /usr/lib/file.tar.gz three three
: A.b A.b a.b
: X.b X.b X.b
a.b : a.b a.b a.b
after
## END

#### history expansion errors drop the line
set -o history -H
echo first
echo !nosuch; echo not run
echo !!:9
echo !!:s/zz/y/
echo last $?
## STDOUT:
first
last 0
## END

#### history expansion is not done without set -H, nor without set -o history
echo !! x
set -H
echo !! y
set -o history
echo a
set +H
echo !!
## STDOUT:
!! x
!! y
a
!!
## END

#### !?str? finds a line containing str, !% is the word matched
set -o history -H
echo alpha beta >/dev/null
echo gamma >/dev/null
echo !?bet?:0 !% 2>/dev/null
## STDOUT:
echo beta
## END

#### HISTCONTROL=erasedups and HISTIGNORE in a script with set -o history
set -o history
HISTCONTROL=erasedups
echo a >/dev/null
echo b >/dev/null
echo a >/dev/null
HISTIGNORE='echo b*:history'
echo b >/dev/null
history
## STDOUT:
    1  HISTCONTROL=erasedups
    2  echo b >/dev/null
    3  echo a >/dev/null
    4  HISTIGNORE='echo b*:history'
## END

#### fc -e with an editor edits the last command and runs the result, recording it
history -s "echo one"
history -s "echo two"
fc -e true -1 2>err; echo "rc=$?"
cat err
fc -e "sed -i s/one/ONE/" 1 2>/dev/null
fc -e false; echo "rc=$?"
## STDOUT:
one
rc=0
echo one
ONE
rc=1
## END

#### fc -e : with history -s only: the entry goes, lines after it are remembered
history -s "echo hi"; fc -e : ; echo x; history
echo y
history
set -o | grep -w history
## STDOUT:
x
y
    1  echo y
    2  history
history        	off
## END

#### history -d ranges and negative offsets, -p goes on after a failure
history -s a; history -d -1; history; echo "rc=$?"
history -s b; history -s c; history -d -2--1; echo "rc=$?"
history -s d; history -s e; history -d 1-1; history
history -d -5; echo "rc=$?"
history -p '!!' '!x' '!-1'; echo "rc=$?"
## STDOUT:
rc=0
rc=0
    1  e
rc=1
e
e
rc=1
## END

#### history with too many arguments ends a script
history 1 2
echo not reached
## status: 1
## STDOUT:
## END

#### an interactive shell expands history; the expanded lines are recorded
export HISTFILE=hx
bash --norc -i 2>/dev/null <<'EOF2'
echo one two
echo !$ !!:0
^two^three
!!
EOF2
cat hx
## STDOUT:
one two
two echo
three echo
three echo
echo one two
echo two echo
echo three echo
echo three echo
## END

#### fc -l with numbers beyond the list clamps; -0 is refused when running
for c in a b c; do history -s "echo $c"; done
fc -l 0 99
fc -l -1
fc -l 2
fc -s -0 2>&1; echo "rc=$?"
## STDOUT:
3	 echo c
3	 echo c
2	 echo b
3	 echo c
sh: line 5: fc: no command found
rc=1
## END
