# Inputs that used to take time quadratic in their size (issue 10 item 5):
# each must give bash's answer; they run in milliseconds now.

#### a long here-document in a script read from standard input
{ echo 'cat <<EOF | wc -l'; for i in $(seq 20000); do echo "line $i"; done; echo EOF; echo 'echo after'; } > /tmp/hd.sh
sh < /tmp/hd.sh
## STDOUT:
20000
after
## END

#### here-documents on stdin that end on later lines still run in order
printf 'cat <<-A; cat <<B\n\tone\n\tA\ntwo\nB\nx=$(cat <<C\nthree\nC\n)\necho "$x"\n' > /tmp/hd2.sh
sh < /tmp/hd2.sh
## STDOUT:
one
two
three
## END

#### a pattern with many stars over 20 KB
s=$(printf '%020000d' 0); s=${s//0/a}
x=${s//*a*a*a*b/}; echo ${#x}
y=${s//a*a*a*b/}; echo ${#y}
s2=${s}b; z=${s2//a*a*b/X}; echo "$z"
w=${s2%%a*b}; echo "[${w}]"
## STDOUT:
20000
20000
X
[]
## END
