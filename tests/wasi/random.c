/* random: N bytes (default 16) from getentropy, in hex. */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

int main(int argc, char **argv) {
    unsigned char buf[256];
    size_t n = argc > 1 ? (size_t)atoi(argv[1]) : 16;
    if (n > sizeof buf)
        n = sizeof buf;
    if (getentropy(buf, n) != 0) {
        perror("getentropy");
        return 1;
    }
    for (size_t i = 0; i < n; i++)
        printf("%02x", buf[i]);
    printf("\n");
    return 0;
}
