/* elf_info: the glibc a linked file needs is its newest GLIBC_x.y symbol
   version, compared as numbers (2.17 is newer than 2.4), GLIBC_PRIVATE
   aside; a program interpreter means dynamically linked; and no prefix
   or single corrupted byte of a file makes it read outside the file. */
#define _POSIX_C_SOURCE 200809L
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "elf_info.h"

static void put(unsigned char *p, size_t off, uint64_t v, int n)
{
    for (int i = 0; i < n; i++)
        p[off + i] = (unsigned char)(v >> (8 * i));
}

/* A minimal little-endian ELF64 file: one PT_INTERP program header, a
   SHT_GNU_verneed section asking libc.so.6 for three versions, and its
   string table. Returns its size. */
static size_t make_elf(unsigned char *p, bool interp)
{
    static const char strtab[] = "\0libc.so.6\0GLIBC_2.4\0GLIBC_2.17\0GLIBC_PRIVATE";
    memset(p, 0, 448);
    memcpy(p, "\177ELF\2\1\1", 7);
    put(p, 16, 2, 2);                      /* ET_EXEC */
    put(p, 32, 64, 8);                     /* e_phoff */
    put(p, 40, 256, 8);                    /* e_shoff */
    put(p, 54, 56, 2);                     /* e_phentsize */
    put(p, 56, 1, 2);                      /* e_phnum */
    put(p, 58, 64, 2);                     /* e_shentsize */
    put(p, 60, 3, 2);                      /* e_shnum */
    put(p, 64, interp ? 3 : 1, 4);         /* PT_INTERP or PT_LOAD */
    /* Verneed at 120: version 1, 3 entries, file "libc.so.6", aux at +16. */
    put(p, 120, 1, 2);
    put(p, 122, 3, 2);
    put(p, 124, 1, 4);
    put(p, 128, 16, 4);
    const uint32_t names[3] = {11, 21, 32};
    for (int i = 0; i < 3; i++) {
        size_t aux = 136 + 16 * (size_t)i;
        put(p, aux + 8, names[i], 4);
        put(p, aux + 12, i < 2 ? 16 : 0, 4);
    }
    memcpy(p + 184, strtab, sizeof strtab);
    /* Section 1: the verneed section, linked to section 2, its strings. */
    put(p, 256 + 64 + 4, 0x6ffffffe, 4);
    put(p, 256 + 64 + 24, 120, 8);
    put(p, 256 + 64 + 32, 64, 8);
    put(p, 256 + 64 + 40, 2, 4);
    put(p, 256 + 128 + 4, 3, 4);           /* SHT_STRTAB */
    put(p, 256 + 128 + 24, 184, 8);
    put(p, 256 + 128 + 32, sizeof strtab, 8);
    return 448;
}

static void write_file(const char *path, const unsigned char *p, size_t n)
{
    FILE *f = fopen(path, "wb");
    CHECK(f);
    CHECK(fwrite(p, 1, n, f) == n);
    CHECK(fclose(f) == 0);
}

int main(void)
{
    char path[] = "/tmp/migc-elf-XXXXXX";
    int fd = mkstemp(path);
    CHECK(fd >= 0);
    close(fd);
    unsigned char elf[448], bad[448];
    struct elf_info info;

    size_t n = make_elf(elf, true);
    write_file(path, elf, n);
    CHECK_INT(elf_info_read(path, &info), 0);
    CHECK(info.dynamic);
    CHECK_INT(info.glibc_major, 2);
    CHECK_INT(info.glibc_minor, 17);

    make_elf(elf, false);
    write_file(path, elf, n);
    CHECK_INT(elf_info_read(path, &info), 0);
    CHECK(!info.dynamic);

    /* This very test is a dynamically linked glibc program. */
    CHECK_INT(elf_info_read("/proc/self/exe", &info), 0);
    CHECK(info.dynamic);
    CHECK_INT(info.glibc_major, 2);

    write_file(path, (const unsigned char *)"#!/bin/sh\n", 10);
    CHECK_INT(elf_info_read(path, &info), -1);
    CHECK_INT(elf_info_read("/nonexistent/migc-elf", &info), -1);

    /* Every prefix, and every byte set to 0xff or 0x80: never a read past
       the end (the sanitized build would stop), never a version it did
       not find. */
    make_elf(elf, true);
    for (size_t len = 0; len <= n; len++) {
        write_file(path, elf, len);
        if (elf_info_read(path, &info) == 0)
            CHECK(info.glibc_major == 0 || (info.glibc_major == 2 && info.glibc_minor == 17));
    }
    for (size_t i = 0; i < n; i++)
        for (int v = 0x80; v <= 0xff; v += 0x7f) {
            memcpy(bad, elf, n);
            bad[i] = (unsigned char)v;
            write_file(path, bad, n);
            (void)elf_info_read(path, &info);
        }
    unlink(path);
    return 0;
}
