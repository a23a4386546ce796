/* stat: for each name, its type, size and link count, and whether its
 * mtime is after 2020; `-f` stats through an open fd instead. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int main(int argc, char **argv) {
    int status = 0, by_fd = 0;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "-f")) {
            by_fd = 1;
            continue;
        }
        struct stat st;
        int r;
        if (by_fd) {
            int fd = open(argv[i], O_RDONLY);
            r = fd < 0 ? -1 : fstat(fd, &st);
            if (fd >= 0)
                close(fd);
        } else {
            r = stat(argv[i], &st);
        }
        if (r < 0) {
            printf("stat %s: %s\n", argv[i], strerror(errno));
            status = 1;
            continue;
        }
        const char *t = S_ISDIR(st.st_mode) ? "directory" : S_ISREG(st.st_mode) ? "file"
                      : S_ISCHR(st.st_mode) ? "character device" : "other";
        printf("%s: %s size=%lld nlink=%llu recent=%s\n", argv[i], t, (long long)st.st_size,
               (unsigned long long)st.st_nlink, st.st_mtim.tv_sec > 1577836800 ? "yes" : "no");
    }
    return status;
}
