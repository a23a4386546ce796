# uuidgen: make UUIDs (util-linux 2.38)

#### md5-dns
uuidgen -m -n @dns -N example.com
## stdout: 9073926b-929f-31c2-abc9-fad77ae3e8eb

#### sha1-url
uuidgen -s -n @url -N http://x
## stdout: c059942f-567e-54eb-aeb5-5fd9830bce43

#### oid-and-x500
uuidgen --md5 --namespace @oid --name 1.2.3; uuidgen --sha1 --namespace @x500 --name cn=x
## STDOUT:
8c29ab0e-a2dc-3482-b5eb-20cb2e2387a1
a951fb6d-5aab-5a72-8e2e-9aa8df8d1f8f
## END

#### namespace-as-uuid
uuidgen -s -n 6ba7b810-9dad-11d1-80b4-00c04fd430c8 -N example.com; uuidgen -s -n @dns -N example.com
## STDOUT:
cfbff0d1-9375-5685-968c-48ce8b15ae17
cfbff0d1-9375-5685-968c-48ce8b15ae17
## END

#### hex-name
uuidgen -m -n @dns -x -N 6162; uuidgen -m -n @dns -N ab
## STDOUT:
6a8845c2-3330-3de9-9c3e-332c4661f381
6a8845c2-3330-3de9-9c3e-332c4661f381
## END

#### random-shape
uuidgen | grep -cE '^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$'; uuidgen -r | grep -cE '^.{14}4.{4}[89ab]'
## STDOUT:
1
1
## END

#### time-shape
uuidgen -t | grep -cE '^[0-9a-f]{8}-[0-9a-f]{4}-1[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$'
## stdout: 1

#### random-differs
a=$(uuidgen); b=$(uuidgen); [ "$a" != "$b" ] && echo differ
## stdout: differ

#### name-needs-namespace
uuidgen -m -N a; echo "st=$?"
## stdout: st=1
## STDERR:
uuidgen: --name requires --namespace argument
Try 'uuidgen --help' for more information.
## END

#### namespace-needs-name
uuidgen -m -n @dns; echo "st=$?"
## stdout: st=1
## STDERR:
uuidgen: --namespace requires --name argument
Try 'uuidgen --help' for more information.
## END

#### namespace-needs-hash
uuidgen -n @dns -N a; echo "st=$?"
## stdout: st=1
## STDERR:
uuidgen: --namespace requires --md5 or --sha1
Try 'uuidgen --help' for more information.
## END

#### hash-needs-namespace
uuidgen -m; echo "st=$?"
## stdout: st=1
## STDERR:
uuidgen: --md5 or --sha1 requires --namespace argument
Try 'uuidgen --help' for more information.
## END

#### bad-namespace
uuidgen -m -n bogus -N a; echo "st=$?"
## stdout: st=1
## STDERR:
uuidgen: invalid uuid for namespace: 'bogus'
Try 'uuidgen --help' for more information.
## END

#### bad-hex
uuidgen -s -n @dns -N a -x; echo "st=$?"
## stdout: st=1
## STDERR:
uuidgen: not a valid hex string
Try 'uuidgen --help' for more information.
## END

#### bad-option
uuidgen -q; echo "st=$?"
## stdout: st=1
## STDERR:
uuidgen: invalid option -- 'q'
Try 'uuidgen --help' for more information.
## END
