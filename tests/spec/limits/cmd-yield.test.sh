# Cooperative scheduling in the commands (issue 10, TM-CMD-003): every
# loop that can run long yields to the runtime, so `kill` ends a busy
# command at once and a pipeline's reader finishing ends its writers
# (EPIPE). Without the yields these cases hang until the runner's timeout.

#### TM-CMD-003 kill ends a spinning tr
tr a b < /dev/zero > /dev/null &
sleep 0.2; kill $!; wait $!; echo "status=$?"
## stdout: status=143

#### TM-CMD-003 kill ends cat of /dev/zero
cat /dev/zero > /dev/null &
sleep 0.2; kill $!; wait $!; echo "status=$?"
## stdout: status=143

#### TM-CMD-003 kill ends a sed loop
echo x | sed ':a;ba' &
sleep 0.2; kill $!; wait $!; echo "status=$?"
## stdout: status=143

#### TM-CMD-003 kill ends an awk loop
awk 'BEGIN { while (1) ; }' &
sleep 0.2; kill $!; wait $!; echo "status=$?"
## stdout: status=143

#### TM-CMD-003 kill ends grep on /dev/zero
grep -c x /dev/zero &
sleep 0.2; kill $!; wait $!; echo "status=$?"
## stdout: status=143

#### TM-CMD-003 kill ends wc, md5sum and base64 on /dev/zero
for c in 'wc -c' md5sum base64; do
    $c /dev/zero > /dev/null &
    sleep 0.2; kill $!; wait $!; echo "$c=$?"
done
## STDOUT:
wc -c=143
md5sum=143
base64=143
## END

#### TM-CMD-003 kill ends seq and yes
for c in 'seq 1e18' yes; do
    $c > /dev/null &
    sleep 0.2; kill $!; wait $!; echo "$c=$?"
done
## STDOUT:
seq 1e18=143
yes=143
## END

#### TM-CMD-003 a reader that stops ends its writers
cat /dev/zero | head -c 1 | wc -c
yes | head -n 2
tr a b < /dev/zero | head -c 3 | wc -c
seq 1e18 | head -n 1
## STDOUT:
1
y
y
3
1
## END

#### TM-CMD-003 kill ends gzip and sort reading forever
gzip -c /dev/zero > /dev/null &
a=$!
sleep 0.2; kill $a
wait $a; echo "gzip=$?"
## STDOUT:
gzip=143
## END
