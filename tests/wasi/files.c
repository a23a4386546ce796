/* files and directories: a small command language, one operation per
 * argument group, each printing what it did or the error:
 *   write PATH TEXT | append PATH TEXT | read PATH | pread PATH OFF LEN
 *   mkdir PATH | rmdir PATH | rm PATH | mv FROM TO | trunc PATH SIZE
 *   excl PATH (create, failing if it exists) | cd PATH | pwd
 *   seek PATH OFF (read from OFF to the end through lseek) */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int fail(const char *op, const char *path) {
    printf("%s %s: %s\n", op, path, strerror(errno));
    return 1;
}

static int dump(int fd) {
    char buf[4096];
    ssize_t n;
    while ((n = read(fd, buf, sizeof buf)) > 0)
        fwrite(buf, 1, (size_t)n, stdout);
    return n < 0 ? -1 : 0;
}

static int put(const char *path, const char *text, int flags) {
    int fd = open(path, O_WRONLY | O_CREAT | flags, 0644);
    if (fd < 0)
        return -1;
    size_t len = strlen(text);
    if (write(fd, text, len) != (ssize_t)len || write(fd, "\n", 1) != 1) {
        close(fd);
        return -1;
    }
    return close(fd);
}

int main(int argc, char **argv) {
    int status = 0;
    for (int i = 1; i < argc; i++) {
        const char *op = argv[i];
        const char *a = i + 1 < argc ? argv[i + 1] : "";
        const char *b = i + 2 < argc ? argv[i + 2] : "";
        if (!strcmp(op, "write") || !strcmp(op, "append")) {
            int flags = !strcmp(op, "write") ? O_TRUNC : O_APPEND;
            if (put(a, b, flags) < 0)
                status |= fail(op, a);
            else
                printf("%s %s: ok\n", op, a);
            i += 2;
        } else if (!strcmp(op, "excl")) {
            int fd = open(a, O_WRONLY | O_CREAT | O_EXCL, 0644);
            if (fd < 0)
                status |= fail(op, a);
            else {
                close(fd);
                printf("excl %s: ok\n", a);
            }
            i += 1;
        } else if (!strcmp(op, "read")) {
            int fd = open(a, O_RDONLY);
            if (fd < 0 || dump(fd) < 0)
                status |= fail(op, a);
            if (fd >= 0)
                close(fd);
            i += 1;
        } else if (!strcmp(op, "seek") || !strcmp(op, "pread")) {
            int fd = open(a, O_RDONLY);
            off_t off = (off_t)atol(b);
            if (fd < 0) {
                status |= fail(op, a);
            } else if (!strcmp(op, "seek")) {
                off_t at = lseek(fd, off, SEEK_SET);
                printf("seek %s: at %lld\n", a, (long long)at);
                if (at < 0 || dump(fd) < 0)
                    status |= fail(op, a);
                off_t end = lseek(fd, 0, SEEK_END);
                printf("seek %s: end %lld\n", a, (long long)end);
            } else {
                char buf[256];
                size_t len = (size_t)atol(i + 3 < argc ? argv[i + 3] : "0");
                if (len > sizeof buf)
                    len = sizeof buf;
                ssize_t n = pread(fd, buf, len, off);
                if (n < 0)
                    status |= fail(op, a);
                else
                    printf("pread %s: [%.*s] offset still %lld\n", a, (int)n, buf, (long long)lseek(fd, 0, SEEK_CUR));
                i += 1;
            }
            if (fd >= 0)
                close(fd);
            i += 2;
        } else if (!strcmp(op, "mkdir")) {
            if (mkdir(a, 0755) < 0)
                status |= fail(op, a);
            else
                printf("mkdir %s: ok\n", a);
            i += 1;
        } else if (!strcmp(op, "rmdir")) {
            if (rmdir(a) < 0)
                status |= fail(op, a);
            else
                printf("rmdir %s: ok\n", a);
            i += 1;
        } else if (!strcmp(op, "rm")) {
            if (unlink(a) < 0)
                status |= fail(op, a);
            else
                printf("rm %s: ok\n", a);
            i += 1;
        } else if (!strcmp(op, "mv")) {
            if (rename(a, b) < 0)
                status |= fail(op, a);
            else
                printf("mv %s %s: ok\n", a, b);
            i += 2;
        } else if (!strcmp(op, "trunc")) {
            if (truncate(a, (off_t)atol(b)) < 0)
                status |= fail(op, a);
            else
                printf("trunc %s: ok\n", a);
            i += 2;
        } else if (!strcmp(op, "cd")) {
            if (chdir(a) < 0)
                status |= fail(op, a);
            i += 1;
        } else if (!strcmp(op, "pwd")) {
            char buf[512];
            if (!getcwd(buf, sizeof buf))
                status |= fail(op, "");
            else
                printf("pwd: %s\n", buf);
        } else {
            printf("files: unknown operation %s\n", op);
            return 2;
        }
    }
    return status;
}
