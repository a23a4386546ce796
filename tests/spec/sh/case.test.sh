# case statements

#### case-literal-match
case b in a) echo A;; b) echo B;; esac
## stdout: B

#### case-no-match-status-zero
false
case z in a) echo A;; esac
echo $?
## stdout: 0

#### case-alternatives
case dog in cat|dog) echo pet;; *) echo other;; esac
## stdout: pet

#### case-star-default
case xyz in a*) echo a;; *) echo default;; esac
## stdout: default

#### case-bracket-class
case b in [abc]) echo in-class;; esac
case x in [!abc]) echo not-in-class;; esac
## STDOUT:
in-class
not-in-class
## END

#### case-question-mark
case ab in ?) echo one;; ??) echo two;; esac
## stdout: two

#### case-first-match-wins
case a in a) echo first;; a) echo second;; esac
## stdout: first

#### case-fallthrough-semicolon-ampersand
case a in a) echo one;& b) echo two;& c) echo three;; d) echo four;; esac
## STDOUT:
one
two
three
## END

#### case-continue-matching-double-semi-amp
case abc in a*) echo starts-a;;& *c) echo ends-c;;& x*) echo x;; *) echo any;; esac
## STDOUT:
starts-a
ends-c
any
## END

#### case-quoted-pattern-literal
case '*' in '*') echo star;; esac
case x in '*') echo wrong;; *) echo not-literal;; esac
## STDOUT:
star
not-literal
## END

#### case-pattern-from-variable
pat='a*'
case abc in $pat) echo glob-from-var;; esac
case abc in "$pat") echo no;; *) echo quoted-var-literal;; esac
## STDOUT:
glob-from-var
quoted-var-literal
## END

#### case-word-expanded
x=hello
case $x in hel*) echo matched;; esac
## stdout: matched

#### case-leading-paren-pattern
case a in (a) echo paren;; esac
## stdout: paren

#### case-multiline
x=2
case $x in
  1)
    echo one
    ;;
  2)
    echo two
    ;;
esac
## stdout: two

#### case-last-item-without-semicolons
case a in a) echo last; esac
## stdout: last

#### case-empty-body
case a in a) ;; esac
echo $?
## stdout: 0

#### case-status-of-body
case a in a) false;; esac
echo $?
## stdout: 1

#### case-empty-string
case "" in '') echo empty;; *) echo nonempty;; esac
## stdout: empty

#### case-missing-esac-error
case a in a) echo x;;
## status: 2
## STDERR:
sh: -c: line 2: syntax error: unexpected end of file
## END

#### case-no-word-splitting-of-subject
x='a b'
case $x in 'a b') echo whole;; esac
## stdout: whole

#### case-escaped-pattern-char
case 'a?' in a\?) echo escaped;; esac
case ab in a\?) echo no;; *) echo literal-q;; esac
## STDOUT:
escaped
literal-q
## END
