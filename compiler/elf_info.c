/* Reads just enough of an ELF file: the program headers (an interpreter
   means dynamically linked) and the sections, to find SHT_GNU_verneed and
   the string table it names. Every offset from the file is checked
   against its size before use. */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "elf_info.h"

enum {
    PT_INTERP_ = 3,
    SHT_GNU_VERNEED_ = 0x6ffffffe,
};

struct elf_file {
    const unsigned char *p;
    size_t size;
    bool is64, big;
};

/* An unsigned field of n bytes at off, or 0 past the end of the file. */
static uint64_t field(const struct elf_file *f, uint64_t off, int n)
{
    if (off > f->size || (uint64_t)n > f->size - off)
        return 0;
    uint64_t v = 0;
    for (int i = 0; i < n; i++) {
        int k = f->big ? i : n - 1 - i;
        v = v << 8 | f->p[off + k];
    }
    return v;
}

/* Field offsets differ between the classes; a word is 4 or 8 bytes. */
#define WORD(f) ((f)->is64 ? 8 : 4)

static bool in_file(const struct elf_file *f, uint64_t off, uint64_t len)
{
    return off <= f->size && len <= f->size - off;
}

/* Parses "GLIBC_2.34" into 2, 34; false for other names (GLIBC_PRIVATE). */
static bool glibc_version(const char *s, int *major, int *minor)
{
    if (strncmp(s, "GLIBC_", 6) != 0)
        return false;
    char *end;
    long a = strtol(s + 6, &end, 10);
    if (end == s + 6 || *end != '.')
        return false;
    const char *m = end + 1;
    long b = strtol(m, &end, 10);
    if (end == m || a < 0 || b < 0 || a > 1000 || b > 1000)
        return false;
    *major = (int)a;
    *minor = (int)b;
    return true;
}

/* The versions one SHT_GNU_verneed section asks for: a chain of Verneed
   records (vn_cnt at 2, vn_aux at 8, vn_next at 12), each with a chain of
   Vernaux records (vna_name at 8, vna_next at 12); names index the
   linked string table. */
static void scan_verneed(const struct elf_file *f, uint64_t off, uint64_t size, uint64_t str_off,
                         uint64_t str_size, struct elf_info *out)
{
    uint64_t vn = off;
    for (int guard = 0; guard < 4096 && in_file(f, vn, 16) && vn + 16 <= off + size; guard++) {
        uint64_t cnt = field(f, vn + 2, 2), aux = vn + field(f, vn + 8, 4);
        for (uint64_t i = 0; i < cnt && in_file(f, aux, 16); i++) {
            uint64_t name = field(f, aux + 8, 4);
            if (name < str_size && in_file(f, str_off + name, 1)) {
                const char *s = (const char *)f->p + str_off + name;
                size_t room = str_size - name;
                int a, b;
                if (memchr(s, '\0', room) && glibc_version(s, &a, &b) &&
                    (a > out->glibc_major || (a == out->glibc_major && b > out->glibc_minor))) {
                    out->glibc_major = a;
                    out->glibc_minor = b;
                }
            }
            uint64_t next = field(f, aux + 12, 4);
            if (!next)
                break;
            aux += next;
        }
        uint64_t next = field(f, vn + 12, 4);
        if (!next)
            break;
        vn += next;
    }
}

static int parse(const struct elf_file *f, struct elf_info *out)
{
    int w = WORD(f);
    /* e_phoff, e_shoff follow e_entry; then flags, ehsize, and the sizes
       and counts of the header tables. */
    uint64_t phoff = field(f, 24 + w, w), shoff = field(f, 24 + 2 * w, w);
    uint64_t base = 24 + 3 * w + 4 + 2;
    uint64_t phentsize = field(f, base, 2), phnum = field(f, base + 2, 2);
    uint64_t shentsize = field(f, base + 4, 2), shnum = field(f, base + 6, 2);
    for (uint64_t i = 0; i < phnum && phentsize; i++) {
        uint64_t type = field(f, phoff + i * phentsize, 4);
        if (type == PT_INTERP_)
            out->dynamic = true;
    }
    /* Section header: name, type, flags (word), addr (word), offset
       (word), size (word), link. */
    for (uint64_t i = 0; i < shnum && shentsize; i++) {
        uint64_t sh = shoff + i * shentsize;
        if (!in_file(f, sh, shentsize) || field(f, sh + 4, 4) != SHT_GNU_VERNEED_)
            continue;
        uint64_t off = field(f, sh + 8 + 2 * w, w), size = field(f, sh + 8 + 3 * w, w);
        uint64_t link = field(f, sh + 8 + 4 * w, 4);
        if (link >= shnum || !in_file(f, off, size))
            continue;
        uint64_t str = shoff + link * shentsize;
        uint64_t str_off = field(f, str + 8 + 2 * w, w), str_size = field(f, str + 8 + 3 * w, w);
        if (in_file(f, str_off, str_size))
            scan_verneed(f, off, size, str_off, str_size, out);
    }
    return 0;
}

int elf_info_read(const char *path, struct elf_info *out)
{
    memset(out, 0, sizeof *out);
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return -1;
    unsigned char *buf = NULL;
    size_t len = 0, cap = 0;
    for (;;) {
        if (len == cap) {
            cap = cap ? cap * 2 : 1 << 20;
            unsigned char *nb = realloc(buf, cap);
            if (!nb) {
                free(buf);
                fclose(fp);
                errno = ENOMEM;
                return -1;
            }
            buf = nb;
        }
        size_t got = fread(buf + len, 1, cap - len, fp);
        len += got;
        if (got == 0)
            break;
    }
    int read_error = ferror(fp);
    fclose(fp);
    int rc = -1;
    if (!read_error && len >= 64 && memcmp(buf, "\177ELF", 4) == 0 && (buf[4] == 1 || buf[4] == 2) &&
        (buf[5] == 1 || buf[5] == 2)) {
        struct elf_file f = {.p = buf, .size = len, .is64 = buf[4] == 2, .big = buf[5] == 2};
        rc = parse(&f, out);
    } else if (!read_error) {
        errno = 0;
    }
    free(buf);
    return rc;
}
