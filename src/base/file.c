/* file.c - see file.h. Reads with read(2) into a growing buffer so that pipes
 * and standard input work the same as regular files. */
#include "base/file.h"
#include "base/die.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int read_fd(int fd, const char *path, size_t max_size, FileData *out, KraitError *err)
{
    struct stat st;
    size_t cap = 64 * 1024;
    if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) {
        if ((size_t)st.st_size > max_size)
            return error_set(err, path, 0, 0, "file is larger than the limit of %zu bytes", max_size);
        /* one byte for the NUL and one so that the read that sees EOF does
         * not double a buffer that is already exactly full */
        cap = (size_t)st.st_size + 2;
    } else if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
        return error_set(err, path, 0, 0, "is a directory");
    }
    char *buf = malloc(cap);
    if (!buf) die_out_of_memory();
    size_t len = 0;
    for (;;) {
        if (len + 1 >= cap) {
            cap *= 2;
            char *p = realloc(buf, cap);
            if (!p) die_out_of_memory();
            buf = p;
        }
        ssize_t n = read(fd, buf + len, cap - len - 1);
        if (n < 0) {
            if (errno == EINTR) continue;
            int e = errno;
            free(buf);
            return error_set(err, path, 0, 0, "cannot read: %s", strerror(e));
        }
        if (n == 0) break;
        len += (size_t)n;
        if (len > max_size) {
            free(buf);
            return error_set(err, path, 0, 0, "file is larger than the limit of %zu bytes", max_size);
        }
    }
    buf[len] = '\0';
    out->data = buf;
    out->len = len;
    return 0;
}

int file_read_all(const char *path, size_t max_size, FileData *out, KraitError *err)
{
    out->data = NULL;
    out->len = 0;
    if (strcmp(path, "-") == 0) return read_fd(0, "<stdin>", max_size, out, err);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return error_set(err, path, 0, 0, "cannot open: %s", strerror(errno));
    int rc = read_fd(fd, path, max_size, out, err);
    close(fd);
    return rc;
}

void file_data_free(FileData *fd)
{
    free(fd->data);
    fd->data = NULL;
    fd->len = 0;
}

int file_write_atomic(const char *path, const char *data, size_t len, KraitError *err)
{
    size_t plen = strlen(path);
    char *tmp = malloc(plen + 32);
    if (!tmp) die_out_of_memory();
    snprintf(tmp, plen + 32, "%s.krait-tmp.%ld", path, (long)getpid());
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) {
        int e = errno;
        free(tmp);
        return error_set(err, path, 0, 0, "cannot create temporary file: %s", strerror(e));
    }
    struct stat st;
    if (stat(path, &st) == 0) (void)fchmod(fd, st.st_mode & 07777);
    size_t off = 0;
    while (off < len) {
        ssize_t n = write(fd, data + off, len - off);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) goto fail;
        off += (size_t)n;
    }
    if (fsync(fd) != 0) goto fail;
    if (close(fd) != 0) { fd = -1; goto fail; }
    fd = -1;
    if (rename(tmp, path) != 0) goto fail;
    free(tmp);
    return 0;
fail:;
    int e = errno;
    if (fd >= 0) close(fd);
    unlink(tmp);
    free(tmp);
    return error_set(err, path, 0, 0, "cannot write: %s", strerror(e));
}
