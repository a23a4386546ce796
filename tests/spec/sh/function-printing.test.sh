# type f and declare -f print a function in bash's canonical layout
# (print_cmd.c): four-space indents, `;` rules, here-documents, redirections

#### a loop reading a file, redirections after the words
f() { while read -r a b; do echo "$a" >&2; done < in.txt; }
type f
## STDOUT:
f is a function
f () 
{ 
    while read -r a b; do
        echo "$a" 1>&2;
    done < in.txt
}
## END

#### elif becomes an if nested in else
f() { if [[ -z $1 ]]; then return 1; elif (( $1 > 3 )); then echo big; fi; }
declare -f f
## STDOUT:
f () 
{ 
    if [[ -z $1 ]]; then
        return 1;
    else
        if (( $1 > 3 )); then
            echo big;
        fi;
    fi
}
## END

#### a here-document piped on: its body after the first line
f() { cat <<-END | tr a b
	text $HOME
	END
}
type f
## STDOUT:
f is a function
f () 
{ 
    cat <<-END |
text $HOME
END
  tr a b
}
## END

#### compound assignments are stored with single spaces
f() { y=(  "a b"
   c  ); local -a z=() w=([k]=v); x=$(( 2 * 3 )); }
declare -f f
## STDOUT:
f () 
{ 
    y=("a b" c);
    local -a z=() w=([k]=v);
    x=$(( 2 * 3 ))
}
## END

#### case with a background job and a default arm
f() { case "$1" in start|begin) go & ;; *) : ;; esac; }
declare -f f
## STDOUT:
f () 
{ 
    case "$1" in 
        start | begin)
            go &
        ;;
        *)
            :
        ;;
    esac
}
## END

#### a subshell body and a group with redirections
f() ( cd /tmp && ls -l )
g() { { a; b; } > out; ( c ) 2>&1 | d; }
type f g
## STDOUT:
f is a function
f () 
{ 
    ( cd /tmp && ls -l )
}
g is a function
g () 
{ 
    { 
        a;
        b
    } > out;
    ( c ) 2>&1 | d
}
## END

#### arithmetic for with empty parts, and select
f() { for (( ;i<2; )); do ((i++)); done; select s in a b; do break; done; }
declare -f f
## STDOUT:
f () 
{ 
    for ((1; i<2; 1))
    do
        ((i++));
    done;
    select s in a b;
    do
        break;
    done
}
## END

#### a background loop, then wait
f() { until false; do :; done & wait; }
declare -f f
## STDOUT:
f () 
{ 
    until false; do
        :;
    done & wait
}
## END

#### the function keyword, [[ ]] groups and substitutions
function f { [[ ( -f x || -d y ) && ! -e z ]] && echo "$(date +%s)" || echo `id -u`; }
declare -f f
## STDOUT:
f () 
{ 
    [[ ( -f x || -d y ) && ! -e z ]] && echo "$(date +%s)" || echo `id -u`
}
## END

#### continued lines are joined; dup and close redirections get their fd
f() { echo a\
b; cat <<<'x'; exec 3<&- 4>&1 5<&0; }
declare -f f
## STDOUT:
f () 
{ 
    echo ab;
    cat <<< 'x';
    exec 3>&- 4>&1 5<&0
}
## END

#### redirections of the whole function follow the closing brace
f() { echo one; } 2>/dev/null >>log
declare -f f
## STDOUT:
f () 
{ 
    echo one
} 2> /dev/null >> log
## END

#### a quoted here-document delimiter is printed single-quoted
f() { cat <<"E"; echo after
$x
E
}
declare -f f
## STDOUT:
f () 
{ 
    cat <<'E'
$x
E

    echo after
}
## END

#### a function defined in a function is printed with the keyword
outer() { inner() { :; }; inner; }
declare -f outer
## STDOUT:
outer () 
{ 
    function inner () 
    { 
        :
    };
    inner
}
## END

#### declare -f of a printed function reads back the same
f() { for x in "a b" c; do [[ $x == a* ]] && echo "<$x>"; done 2>&1; }
eval "$(declare -f f | sed 's/^f /g /')"
f; g; echo "status $?"
## STDOUT:
<a b>
<a b>
status 1
## END

#### a bare for loops over "$@"; a negated pipeline and time
f() { for a; do ! true | false; time -p sleep 0; done; }
declare -f f
## STDOUT:
f () 
{ 
    for a in "$@";
    do
        ! true | false;
        time -p sleep 0;
    done
}
## END
