/* What a linked executable needs from the host it runs on, read from its
   ELF headers: whether it is dynamically linked, and the newest glibc
   symbol version it refers to (its .gnu.version_r section), which is the
   oldest glibc it starts with. migc build reports it after linking. */
#ifndef MIGC_ELF_INFO_H
#define MIGC_ELF_INFO_H

#include <stdbool.h>

struct elf_info {
    bool dynamic;              /* has a program interpreter (PT_INTERP) */
    int glibc_major, glibc_minor; /* 0, 0: no GLIBC_x.y symbol version needed */
};

/* Reads the file at path (an ELF executable of either class and byte
   order). Returns 0, or -1 when it cannot be read or is no ELF file
   (errno is set when reading failed). Allocates nothing that outlives
   the call. */
int elf_info_read(const char *path, struct elf_info *out);

#endif
