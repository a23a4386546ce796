# Tilde expansion

#### tilde-alone
echo ~
## stdout: /home/user

#### tilde-slash-path
echo ~/x/y
## stdout: /home/user/x/y

#### tilde-uses-home-variable
HOME=/custom
echo ~ ~/a
## stdout: /custom /custom/a

#### tilde-quoted-not-expanded
echo "~" '~' \~ "~/x"
## stdout: ~ ~ ~ ~/x

#### tilde-in-middle-not-expanded
echo a~ x/~
## stdout: a~ x/~

#### tilde-in-assignment
HOME=/h
x=~/y
echo $x
## stdout: /h/y

#### tilde-after-colon-in-assignment
HOME=/h
x=/a:~/b:~
echo $x
## stdout: /a:/h/b:/h

#### tilde-after-colon-in-argument-not-expanded
HOME=/h
echo a:~/b
## stdout: a:~/b

#### tilde-in-default-word
HOME=/h
unset u
echo ${u:-~/d}
## stdout: /h/d

#### tilde-plus-is-pwd
cd /
echo ~+
## stdout: /

#### tilde-minus-is-oldpwd
cd /
cd /bin
echo ~-
## stdout: /

#### tilde-unknown-user-literal
echo ~nosuchuser_zz/x
## stdout: ~nosuchuser_zz/x

#### tilde-result-not-split
HOME='/a b'
set -- ~
echo $#
## stdout: 1

#### tilde-in-export-argument
HOME=/h
export X=~/p
echo $X
## stdout: /h/p

#### tilde-empty-home
HOME=
x=~
echo "[$x]"
## stdout: []
