# jq 1.6's definitions where its behaviour differs from jaq's.

def halt_error: halt_error(5);
def env: $ENV;

def join($x): reduce .[] as $i (null;
  (if . == null then "" else . + $x end) +
  ($i | if . == null then "" elif type == "boolean" or type == "number" then tojson else . end)) // "";

def to_entries: [keys_unsorted[] as $k | {key: $k, value: .[$k]}];
def from_entries: map((.key // .Key // .name // .Name) as $k
  | if $k | type == "string" then {($k): (if has("value") then .value else .Value end)}
    else error("Cannot use \($k | _desc) as object key") end)
  | add + {} // {};
def with_entries(f): to_entries | map(f) | from_entries;

def walk(f): . as $in
  | if type == "object" then reduce keys[] as $key ({}; . + {($key): ($in[$key] | walk(f))}) | f
    elif type == "array" then map(walk(f)) | f
    else f end;

def _flatten($x): reduce .[] as $i ([];
  if $i | type == "array" and $x != 0 then . + ($i | _flatten($x - 1)) else . + [$i] end);
def flatten($x): if $x < 0 then error("flatten depth must not be negative") else _flatten($x) end;
def flatten: _flatten(-1);

def indices($i): if type == "array" and ($i | type) == "array" then .[$i]
  elif type == "array" then .[[$i]]
  elif type == "string" and ($i | type) == "string" then _strindices($i)
  else .[$i] end;
def index($i): indices($i) | .[0];
def rindex($i): indices($i) | .[-1:][0];

def paths: path(..) | select(length > 0);
def paths(node_filter): . as $dot | paths | select(. as $p | $dot | getpath($p) | node_filter);
def leaf_paths: paths(scalars);
def del(f): delpaths([path(f)]);

def any: reduce .[] as $x (false; . or $x);
def all: reduce .[] as $x (true; . and $x);
def any(f): reduce (.[] | f) as $x (false; . or $x);
def all(f): reduce (.[] | f) as $x (true; . and $x);

def limit($n; f): if $n < 0 then f
  else label $out | foreach f as $item (0; . + 1; $item, if . >= $n then break $out else empty end) end;
def nth($n): .[$n];
def nth($n; f): if $n < 0 then error("Out of bounds negative array index") else last(limit($n + 1; f)) end;
def recurse_down: recurse;

def todateiso8601: strftime("%Y-%m-%dT%H:%M:%SZ");
def fromdateiso8601: strptime("%Y-%m-%dT%H:%M:%SZ") | mktime;
def todate: todateiso8601;
def fromdate: fromdateiso8601;
def date: todate;
def dateadd(u; n): . + n;
def datesub(u; n): . - n;
def localtime: gmtime;
def strflocaltime(f): strftime(f);

def tostream: path(def r: (.[]? | r), .; r) as $p | getpath($p)
  | reduce path(.[]?) as $q ([$p, .]; [$p + $q]);
def fromstream(f): {x: null, e: false} as $init
  | foreach f as $i ($init;
      if .e then $init else . end
      | if $i | length == 2
        then setpath(["e"]; $i[0] | length == 0) | setpath(["x"] + $i[0]; $i[1])
        else setpath(["e"]; $i[0] | length == 1) end;
      if .e then .x else empty end);
def truncate_stream(stream): . as $n | null | stream | . as $input
  | if (.[0] | length) > $n then setpath([0]; .[0][$n:]) else empty end;

def IN(s): any(s == .; .);
def IN(src; s): any(src == s; .);
def INDEX(stream; idx_expr): reduce stream as $row ({}; .[$row | idx_expr | tostring] |= $row);
def INDEX(idx_expr): INDEX(.[]; idx_expr);

# Regular expressions: a null flags argument means none; the input must be a string.
def _re_input: if type == "string" then . else error("\(_desc) cannot be matched, as it is not a string") end;
def _re_flags(f): if f == null then "" else f end;
def test(re; flags): _re_input | matches(re; _re_flags(flags)) | any;
def match(re; flags): _re_input | matches(re; _re_flags(flags))[] | .[0] + {captures: .[1:]};
def capture(re; flags): _re_input | matches(re; _re_flags(flags))[] | capture_of_match;
def scan(re; flags): _re_input | scan_(re; "g" + _re_flags(flags));
def split(re; flags): _re_input | split_(re; _re_flags(flags) + "g");
def sub(re; f; flags): _re_input
  | def handle: if isarray then capture_of_match | f end;
    reduce split_matches(re; _re_flags(flags))[] as $x (""; . + ($x | handle));
def gsub(re; f; flags): sub(re; f; "g" + _re_flags(flags));
def test($val): ($val | type) as $vt
  | if $vt == "string" then test($val; null)
    elif $vt == "array" then test($val[0]; $val[1])
    else error($vt + " not a string or array") end;
def match($val): ($val | type) as $vt
  | if $vt == "string" then match($val; null)
    elif $vt == "array" then match($val[0]; $val[1])
    else error($vt + " not a string or array") end;
def capture($val): ($val | type) as $vt
  | if $vt == "string" then capture($val; null)
    elif $vt == "array" then capture($val[0]; $val[1])
    else error($vt + " not a string or array") end;
def scan(re): scan(re; null);
def splits($re; flags): split($re; flags) | .[];
def splits($re): splits($re; null);
def sub(re; f): sub(re; f; "");
def gsub(re; f): sub(re; f; "g");

# jq 1.6 reverses by indexing: null gives [], a string cannot be indexed.
def reverse: [.[length - 1 - range(0; length)]];
