# jq: command-line JSON processor (jq 1.6)

#### identity pretty-prints
echo '{"a":[1,2.0,"x"],"b":{"c":null}}' | jq .
## STDOUT:
{
  "a": [
    1,
    2,
    "x"
  ],
  "b": {
    "c": null
  }
}
## END

#### field access and pipes
echo '{"a":{"b":[10,20]}}' | jq '.a.b[1]'
## stdout: 20

#### compact output -c
echo '{"a":[1,{"b":2}]}' | jq -c .
## stdout: {"a":[1,{"b":2}]}

#### several values per input
echo '1 2 [3]' | jq -c '. , "x"'
## STDOUT:
1
"x"
2
"x"
[3]
"x"
## END

#### object and array construction
echo '{"name":"n","id":3,"tags":["a","b"]}' | jq -c '{id, label: .name, first: .tags[0], all: [.tags[] | ascii_upcase]}'
## stdout: {"id":3,"label":"n","first":"a","all":["A","B"]}

#### map and select
echo '[{"a":1,"b":"x"},{"a":2,"b":"y"},{"a":1,"b":"z"}]' | jq -c 'map(select(.a == 1) | .b)'
## stdout: ["x","z"]

#### keys values length
echo '{"b":2,"a":1}' | jq -c 'keys, [.[]], length, ([1,2,3] | length), ("héllo" | length)'
## STDOUT:
["a","b"]
[2,1]
2
3
5
## END

#### to_entries from_entries with_entries
echo '{"a":1,"b":2}' | jq -c 'to_entries, (to_entries | from_entries), with_entries(.value += 10)'
## STDOUT:
[{"key":"a","value":1},{"key":"b","value":2}]
{"a":1,"b":2}
{"a":11,"b":12}
## END

#### group_by sort_by unique
echo '[{"k":"b","v":1},{"k":"a","v":2},{"k":"b","v":3}]' | jq -c 'group_by(.k) | map({k: .[0].k, n: length}), (map(.k) | unique), (sort_by(.v) | map(.v) | reverse)'
## stdout: [{"k":"a","n":1},{"k":"b","n":2}]
## stderr: jq: error (at <stdin>:1): Cannot index array with string "k"
## status: 5

#### sort min max add
echo '[3,1,2,"a",null,true,[1],{"x":1}]' | jq -c 'sort'
echo '[3,1,2]' | jq -c 'min, max, add, (map(tostring) | add)'
## STDOUT:
[null,true,1,2,3,"a",[1],{"x":1}]
1
3
6
"312"
## END

#### has and del
echo '{"a":1,"b":2}' | jq -c 'has("a"), has("c"), del(.a), ([1,2,3,4] | del(.[0,2]))'
## STDOUT:
true
false
{"b":2}
[2,4]
## END

#### paths and leaf_paths
echo '{"a":{"b":[1,{"c":2}]}}' | jq -c '[paths], [leaf_paths]'
## STDOUT:
[["a"],["a","b"],["a","b",0],["a","b",1],["a","b",1,"c"]]
[["a","b",0],["a","b",1,"c"]]
## END

#### tostring and tonumber
echo '[1,"1",[1],{"a":"x"}]' | jq -c 'map(tostring), ("42" | tonumber), (3.5 | tostring)'
## STDOUT:
["1","1","[1]","{\"a\":\"x\"}"]
42
"3.5"
## END

#### split and join
echo '"a,b,,c"' | jq -c 'split(","), (split(",") | join("-")), (["x",1,null,true] | join("/"))'
## STDOUT:
["a","b","","c"]
"a-b--c"
"x/1//true"
## END

#### test and regular expressions
echo '"Hello World"' | jq -c 'test("world"), test("world"; "i"), [match("o"; "g").offset], sub("o"; "0"), gsub("o"; "0")'
## STDOUT:
false
true
[4,7]
"Hell0 World"
"Hell0 W0rld"
## END

#### ascii_downcase ascii_upcase
echo '"MiXed Case 1"' | jq 'ascii_downcase, ascii_upcase'
## STDOUT:
"mixed case 1"
"MIXED CASE 1"
## END

#### @csv and @tsv
echo '[1,"a b","c\"d",null,true]' | jq -r '@csv'
echo '["a\tb","c\\d",1]' | jq -r '@tsv'
## STDOUT:
1,"a b","c""d",,true
a\tb	c\\d	1
## END

#### @json @base64 @base64d @html @uri @sh
echo '"<a & b>"' | jq -r '@json, @base64, (@base64 | @base64d), @html, @uri, @sh'
## STDOUT:
"<a & b>"
PGEgJiBiPg==
<a & b>
&lt;a &amp; b&gt;
%3Ca%20%26%20b%3E
'<a & b>'
## END

#### string interpolation
echo '{"n":"x","v":1.0}' | jq -r '"name=\(.n) v=\(.v) arr=\([1,2])"'
## stdout: name=x v=1 arr=[1,2]

#### raw output -r and join output -j
echo '["a","b"]' | jq -r '.[]'
echo '["a","b",1]' | jq -j '.[]'
echo
## STDOUT:
a
b
ab1
## END

#### slurp -s
printf '1 2\n3\n' | jq -c -s '., add'
## STDOUT:
[1,2,3]
6
## END

#### null input -n
jq -n -c '[range(5)], [range(0;10;3)], [limit(2; range(10))], first(range(3;9))'
## STDOUT:
[0,1,2,3,4]
[0,3,6,9]
[0,1]
3
## END

#### raw input -R
printf 'line one\nline two\n' | jq -R .
printf 'a\nb\n' | jq -Rs .
## STDOUT:
"line one"
"line two"
"a\nb\n"
## END

#### sort keys -S
echo '{"b":1,"a":{"d":1,"c":2}}' | jq -S .
## STDOUT:
{
  "a": {
    "c": 2,
    "d": 1
  },
  "b": 1
}
## END

#### tab and indent
echo '{"a":[1]}' | jq --tab .
echo '{"a":[1]}' | jq --indent 1 .
echo '{"a":[1]}' | jq --indent 0 .
## STDOUT:
{
	"a": [
		1
	]
}
{
 "a": [
  1
 ]
}
{"a":[1]}
## END

#### ascii output -a
echo '"é☃"' | jq -a .
## stdout: "\u00e9\u2603"

#### --arg and --argjson
jq -n -c --arg x 1 --argjson y '{"a":[2]}' '[$x, $y, $y.a[0], $ARGS.named]'
## stdout: ["1",{"a":[2]},2,{"x":"1","y":{"a":[2]}}]

#### --args and --jsonargs
jq -n -c '$ARGS.positional' --args a b
jq -n -c '$ARGS.positional' --jsonargs 1 '{"a":2}'
## STDOUT:
["a","b"]
[1,{"a":2}]
## END

#### --slurpfile and --rawfile
printf '1 2' > nums.json; printf 'text\n' > t.txt
jq -n -c --slurpfile s nums.json --rawfile r t.txt '$s, $r'
## STDOUT:
[1,2]
"text\n"
## END

#### -f reads the filter from a file
printf '.a | . * 2' > prog.jq
echo '{"a":21}' | jq -f prog.jq
## stdout: 42

#### several input files
printf '{"a":1}' > x.json; printf '{"a":2}\n{"a":3}' > y.json
jq .a x.json y.json
## STDOUT:
1
2
3
## END

#### - reads standard input
printf '{"a":1}' > x.json
echo '{"a":9}' | jq -c . x.json -
## STDOUT:
{"a":1}
{"a":9}
## END

#### numbers print as jq 1.6
echo '[1.0, 1.5, 100000000000000000000, 1e-5, 0.1, 3e2, 1.7976931348623157e308, 123456789012]' | jq -c .
## stdout: [1,1.5,1e+20,1e-05,0.1,300,1.7976931348623157e+308,123456789012]

#### reduce foreach and variables
jq -n -c 'reduce range(5) as $i (0; . + $i), [foreach range(4) as $i (0; . + $i)], (5 as $x | [$x, $x * 2])'
## STDOUT:
10
[0,1,3,6]
[5,10]
## END

#### assignment operators
jq -n -c '{} | .a.b = 1 | .c += 2 | .a.b |= . + 10 | .d //= "x"'
jq -n -c '[1] | .[3] = 4'
## STDOUT:
{"a":{"b":11},"c":2,"d":"x"}
[1,null,null,4]
## END

#### if then else and alternatives
echo '[1,null,false,"s"]' | jq -c 'map(if . == null then "N" elif . == false then "F" else . end), map(. // "d")'
## STDOUT:
[1,"N","F","s"]
[1,"d","d","s"]
## END

#### try catch and optional
echo '[1,"a",{}]' | jq -c 'map(try (. + 1) catch "err"), [.[] | .x?]'
## STDOUT:
[2,"err","err"]
[null]
## END

#### def and recursion
jq -n -c 'def fac: if . <= 1 then 1 else . * (. - 1 | fac) end; [range(1;6) | fac]'
## stdout: [1,2,6,24,120]

#### tostream fromstream and --stream
echo '{"a":[1,2]}' | jq -c --stream .
echo '{"a":[1,2]}' | jq -c 'fromstream(tostream)'
## STDOUT:
[["a",0],1]
[["a",1],2]
[["a",1]]
[["a"]]
{"a":[1,2]}
## END

#### input and inputs
printf '1 2 3 4' | jq -c '[., input]'
printf '1 2 3' | jq -n -c '[inputs]'
## STDOUT:
[1,2]
[3,4]
[1,2,3]
## END

#### exit status with -e
echo 'false' | jq -e .; echo "st=$?"
echo 'null' | jq -e .; echo "st=$?"
echo '1' | jq -e .; echo "st=$?"
echo '1' | jq -e empty; echo "st=$?"
## STDOUT:
false
st=1
null
st=1
1
st=0
st=4
## END

#### runtime error exits 5
echo '{"a":1}' | jq '.a | .[0]'
## stdout-json: ""
## stderr: jq: error (at <stdin>:1): Cannot index number with number
## status: 5

#### runtime error message for iteration
echo '5' | jq '.[]'
## stdout-json: ""
## stderr: jq: error (at <stdin>:1): Cannot iterate over number (5)
## status: 5

#### adding incompatible types
echo '{"a":"x"}' | jq '.a + 1'
## stdout-json: ""
## stderr: jq: error (at <stdin>:1): string ("x") and number (1) cannot be added
## status: 5

#### error with a custom message
jq -n '"boom" | error'
## stdout-json: ""
## stderr: jq: error (at <unknown>): boom
## status: 5

#### compile error exits 3
echo 1 | jq 'foo'
## stdout-json: ""
## STDERR:
jq: error: foo/0 is not defined at <top-level>, line 1:
foo
jq: 1 compile error
## END
## status: 3

#### syntax error
echo 1 | jq '.a |'
## stdout-json: ""
## STDERR:
jq: error: syntax error, unexpected $end (Unix shell quoting issues?) at <top-level>, line 1:
.a |   
jq: 1 compile error
## END
## status: 3

#### invalid JSON input
echo '{"a":1' | jq .
## stdout-json: ""
## stderr: parse error: Unfinished JSON term at EOF at line 2, column 0
## status: 4

#### invalid JSON after a good value
echo '1 2 x 3' | jq .
## STDOUT:
1
2
## END
## stderr: parse error: Invalid numeric literal at line 1, column 6
## status: 4

#### missing input file
jq . nofile
## stdout-json: ""
## stderr: jq: error: Could not open file nofile: No such file or directory
## status: 2

#### unknown option
jq --foo .
## stdout-json: ""
## STDERR:
jq: Unknown option --foo
Use jq --help for help with command-line options,
or see the jq manpage, or online docs  at https://stedolan.github.io/jq
## END
## status: 2

#### halt_error
jq -n '"bye\n" | halt_error(1)'
## stdout-json: ""
## stderr: bye
## status: 1

