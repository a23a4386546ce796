/* poll and sleep: `sleep MS` sleeps through nanosleep (poll_oneoff on a
 * clock); `poll MS` waits up to MS for stdin to be readable and says
 * which came first; then the elapsed time in whole tenths of a second. */
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static long long now_ms(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (long long)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

int main(int argc, char **argv) {
    const char *what = argc > 1 ? argv[1] : "sleep";
    int ms = argc > 2 ? atoi(argv[2]) : 100;
    long long t0 = now_ms();
    if (!strcmp(what, "sleep")) {
        struct timespec d = {ms / 1000, (long)(ms % 1000) * 1000000};
        if (nanosleep(&d, NULL) != 0) {
            perror("nanosleep");
            return 1;
        }
        printf("slept\n");
    } else {
        struct pollfd p = {0, POLLIN, 0};
        int r = poll(&p, 1, ms);
        if (r < 0) {
            perror("poll");
            return 1;
        }
        if (r == 0) {
            printf("timeout\n");
        } else {
            char buf[64];
            ssize_t n = read(0, buf, sizeof buf - 1);
            buf[n > 0 ? n : 0] = 0;
            printf("readable: %s", buf);
        }
    }
    long long el = now_ms() - t0;
    printf("at least %d ms: %s\n", ms, el >= ms ? "yes" : "no");
    return 0;
}
