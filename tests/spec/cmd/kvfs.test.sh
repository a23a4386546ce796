## bash_diff: ninebox's kvfs, a server in /srv

#### kvfs posts itself and serves README, .capabilities, ctl, watch and keys/
kvfs -S kv
mount -c /srv/kv /n/kv
ls -a /n/kv
grep -c 'cas KEY OLDSHA256 NEWVALUE' /n/kv/README
d=$(cat /srv/kv); echo "${d%%pid*}pid N"
## STDOUT:
.
..
.capabilities
README
ctl
keys
watch
1
kvfs, served by pid N
## END

#### a key written with echo reads back; ls keys lists the keys in order
kvfs -S kv; mount -c /srv/kv /n/kv
echo one > /n/kv/keys/b
echo two > /n/kv/keys/a
ls /n/kv/keys
cat /n/kv/keys/a /n/kv/keys/b
wc -c < /n/kv/keys/a
## STDOUT:
a
b
two
one
4
## END

#### a write replaces the value; >> appends to it
kvfs -S kv; mount -c /srv/kv /n/kv
echo first > /n/kv/keys/k
echo second > /n/kv/keys/k
cat /n/kv/keys/k
echo third >> /n/kv/keys/k
cat /n/kv/keys/k
## STDOUT:
second
second
third
## END

#### : > empties a key; a missing key is ENOENT
kvfs -S kv; mount -c /srv/kv /n/kv
echo v > /n/kv/keys/k
: > /n/kv/keys/k
wc -c < /n/kv/keys/k
cat /n/kv/keys/nope; echo "status $?"
## STDOUT:
0
status 1
## END
## stderr-contains: /n/kv/keys/nope: No such file or directory

#### a writer's value replaces the old one only when it closes
kvfs -S kv; mount -c /srv/kv /n/kv
echo old > /n/kv/keys/k
exec 3>/n/kv/keys/k
echo new >&3
cat /n/kv/keys/k
exec 3>&-
cat /n/kv/keys/k
## STDOUT:
old
new
## END

#### rm deletes a key
kvfs -S kv; mount -c /srv/kv /n/kv
echo v > /n/kv/keys/a
echo v > /n/kv/keys/b
rm /n/kv/keys/a; echo "rm $?"
ls /n/kv/keys
rm /n/kv/keys/a; echo "rm $?"
## STDOUT:
rm 0
b
rm 1
## END

#### mv renames a key, replacing one of the new name
kvfs -S kv; mount -c /srv/kv /n/kv
echo va > /n/kv/keys/a
echo vb > /n/kv/keys/b
mv /n/kv/keys/a /n/kv/keys/b; echo "mv $?"
ls /n/kv/keys
cat /n/kv/keys/b
## STDOUT:
mv 0
b
va
## END

#### cp copies a value in and out of the store
kvfs -S kv; mount -c /srv/kv /n/kv
printf 'line1\nline2\n' > /tmp/src
cp /tmp/src /n/kv/keys/doc
cp /n/kv/keys/doc /tmp/back
cmp /tmp/src /tmp/back && echo same
## STDOUT:
same
## END

#### cas with the value's sha256 replaces it; the reply says ok and the new sha
kvfs -S kv; mount -c /srv/kv /n/kv
echo v1 > /n/kv/keys/k
old=$(sha256sum < /n/kv/keys/k | cut -d' ' -f1)
exec 3<>/n/kv/ctl
printf 'cas k %s v2 with spaces\n' "$old" >&3; echo "status $?"
read -r verdict sha <&3
exec 3>&-
echo "$verdict"
cat /n/kv/keys/k; echo
[ "$sha" = "$(printf 'v2 with spaces' | sha256sum | cut -d' ' -f1)" ] && echo "sha matches"
## STDOUT:
status 0
ok
v2 with spaces
sha matches
## END

#### cas with a wrong hash is a conflict: the write fails (EAGAIN), the reply names the current sha, the value stays
kvfs -S kv; mount -c /srv/kv /n/kv
echo v1 > /n/kv/keys/k
cur=$(sha256sum < /n/kv/keys/k | cut -d' ' -f1)
exec 3<>/n/kv/ctl
printf 'cas k %064d v2\n' 0 >&3; echo "status $?"
read -r verdict sha <&3
exec 3>&-
echo "$verdict"
[ "$sha" = "$cur" ] && echo "current sha"
cat /n/kv/keys/k
## STDOUT:
status 1
conflict
current sha
v1
## END
## stderr-contains: Resource temporarily unavailable: cas conflict

#### cas with - creates a key only if it does not exist
kvfs -S kv; mount -c /srv/kv /n/kv
echo 'cas lock - agent1' > /n/kv/ctl; echo "status $?"
echo 'cas lock - agent2' > /n/kv/ctl; echo "status $?"
cat /n/kv/keys/lock; echo
## STDOUT:
status 0
status 1
agent1
## END

#### concurrent cas: of 8 agents taking the same lock, exactly one wins
kvfs -S kv; mount -c /srv/kv /n/kv
for a in 1 2 3 4 5 6 7 8; do
  (echo "cas lock - agent$a" > /n/kv/ctl 2>/dev/null && echo won) > r.$a &
done
wait
cat r.* | grep -c won
## STDOUT:
1
## END

#### concurrent cas increments of a counter lose no update
kvfs -S kv; mount -c /srv/kv /n/kv
printf 0 > /n/kv/keys/n
inc() {
  local n=0 v s
  while [ $n -lt 25 ]; do
    v=$(cat /n/kv/keys/n); s=$(printf %s "$v" | sha256sum | cut -d' ' -f1)
    echo "cas n $s $((v + 1))" > /n/kv/ctl 2>/dev/null && n=$((n + 1))
  done
}
for w in 1 2 3 4; do inc & done
wait
cat /n/kv/keys/n; echo
## STDOUT:
100
## END

#### an unknown ctl verb is refused with a clear error
kvfs -S kv; mount -c /srv/kv /n/kv
echo 'frob k' > /n/kv/ctl; echo "status $?"
## STDOUT:
status 1
## END
## stderr-contains: Invalid argument: unknown ctl verb 'frob'

#### a malformed cas is refused: a bad sha, a missing value, a bad key
kvfs -S kv; mount -c /srv/kv /n/kv
echo 'cas k nothex v' > /n/kv/ctl; echo "status $?"
echo 'cas k' > /n/kv/ctl; echo "status $?"
echo 'cas a/b - v' > /n/kv/ctl; echo "status $?"
ls /n/kv/keys | wc -l
## STDOUT:
status 1
status 1
status 1
0
## END
## stderr-contains: bad sha256 'nothex'

#### reading ctl before any request is an error
kvfs -S kv; mount -c /srv/kv /n/kv
cat /n/kv/ctl; echo "status $?"
## STDOUT:
status 1
## END
## stderr-contains: no ctl request through this open yet

#### a read of watch blocks until a key changes and answers its name
kvfs -S kv; mount -c /srv/kv /n/kv
(sleep 0.2; echo v > /n/kv/keys/job7) &
head -n 1 /n/kv/watch
wait
## STDOUT:
job7
## END

#### watch reports writes, removals, renames (both names) and cas, in order
kvfs -S kv; mount -c /srv/kv /n/kv
echo v > /n/kv/keys/a
head -n 5 /n/kv/watch > events &
sleep 0.1
echo w > /n/kv/keys/a
rm /n/kv/keys/a
echo x > /n/kv/keys/b
mv /n/kv/keys/b /n/kv/keys/c
wait
cat events
## STDOUT:
a
a
b
b
c
## END

#### every watcher sees every change
kvfs -S kv; mount -c /srv/kv /n/kv
head -n 1 /n/kv/watch > w1 &
head -n 1 /n/kv/watch > w2 &
sleep 0.1
echo 'cas k - v' > /n/kv/ctl
wait
cat w1 w2
## STDOUT:
k
k
## END

#### timeout interrupts a blocked read of watch
kvfs -S kv; mount -c /srv/kv /n/kv
timeout 0.2 cat /n/kv/watch; echo "status $?"
## STDOUT:
status 124
## END

#### a value over the string limit is refused with a clear error and the old value stays
kvfs -S kv; mount -c /srv/kv /n/kv
echo small > /n/kv/keys/k
head -c 5000 /dev/zero | tr '\0' a >> /n/kv/keys/k
echo "status $?"
cat /n/kv/keys/k
## limits: string=4096
## STDOUT:
status 1
small
## END
## stderr-contains: value too large

#### keys/ holds only files; the root's files cannot be written or removed
kvfs -S kv; mount -c /srv/kv /n/kv
mkdir /n/kv/keys/d; echo "status $?"
echo x > /n/kv/README; echo "status $?"
rm /n/kv/watch; echo "status $?"
echo x > /n/kv/other; echo "status $?"
## STDOUT:
status 1
status 1
status 1
status 1
## END
## stderr-contains: kvfs makes files only in keys/

#### .capabilities says watch blocks and broadcasts, nothing consumes
kvfs -S kv; mount -c /srv/kv /n/kv
jq -c '.watch, ."keys/KEY"' /n/kv/.capabilities
jq '[.[] | ."read-destructive"] | any' /n/kv/.capabilities
## STDOUT:
{"read-destructive":false,"blocking":true,"append-only":false,"broadcast":true}
{"read-destructive":false,"blocking":false,"append-only":false,"broadcast":false}
false
## END

#### two kvfs servers are separate stores
kvfs -S one; kvfs -S two
mount -c /srv/one /n/one; mount -c /srv/two /n/two
echo 1 > /n/one/keys/k
ls /n/two/keys | wc -l
cat /n/one/keys/k
## STDOUT:
0
1
## END

#### killing the server withdraws its post and its clients fail at once
kvfs -S kv; mount -c /srv/kv /n/kv
echo v > /n/kv/keys/k
read -r _ _ _ _ pid < /srv/kv
kill $pid
sleep 0.05
cat /n/kv/keys/k; echo "status $?"
test -e /srv/kv || echo "post withdrawn"
## STDOUT:
status 1
post withdrawn
## END

#### stat of a key gives its size; of ctl and watch, devices
kvfs -S kv; mount -c /srv/kv /n/kv
printf 12345 > /n/kv/keys/k
stat -c '%s %F' /n/kv/keys/k
stat -c '%n %F' /n/kv/watch /n/kv/ctl
## STDOUT:
5 regular file
/n/kv/watch character special file
/n/kv/ctl character special file
## END

#### the values together are held to the fs limit; a value being replaced counts twice until the writer closes
kvfs -S kv; mount -c /srv/kv /n/kv
big() { head -c 4000 /dev/zero | tr '\0' a; }
big > /n/kv/keys/a; echo "status $?"
big > /n/kv/keys/b; echo "status $?"
big > /n/kv/keys/c; echo "status $?"
cat /n/kv/keys/c | wc -c
big > /n/kv/keys/a; echo "replace $?"
wc -c < /n/kv/keys/a
rm /n/kv/keys/b
big > /n/kv/keys/a; echo "replace $?"
big > /n/kv/keys/c; echo "status $?"
## limits: fs=10K
## STDOUT:
status 0
status 0
status 1
0
replace 1
4000
replace 0
status 0
## END
## stderr-contains: No space left on device: store full
