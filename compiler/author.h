/* File-writing helpers of the authoring commands (cmd_author.c), shared
   with migc convert. */
#ifndef MIGC_AUTHOR_H
#define MIGC_AUTHOR_H

#include <stdbool.h>

#include "arena.h"

/* Creates path with text; fails (errno EEXIST) rather than replace a
   file, and removes what it wrote when a write fails. */
bool author_write_new(const char *path, const char *text);
/* mkdir -p: creates path and its missing parents; false with errno set. */
bool author_make_dirs(struct arena *a, const char *path);
/* The message as a file-name part: lower case, [a-z0-9] runs joined by
   underscores, at most 40 characters. Lives in a. */
const char *author_slug(struct arena *a, const char *msg);

struct graph;

/* What a new migration file holds. */
struct newmig {
    const char *id;
    const char *const *parents;    /* empty: revises base */
    int nparents;
    const char *message;
    const char *branch;            /* NULL: none */
    const char *upgrade;           /* statements (.mig text), or NULL */
    const char *downgrade;         /* explicit downgrade statements, or NULL */
    bool empty_downgrade;          /* write downgrade { } */
    bool irreversible;             /* write downgrade irreversible; */
};
/* The file's text, laid out by the formatter (header with today's date,
   then the bodies). Lives in a. */
const char *author_migration_text(struct arena *a, const struct newmig *m);
/* A revision id's form: [A-Za-z0-9_]+, at most 32 characters. */
bool author_valid_id(const char *s);
/* 12 hex digits from /dev/urandom that no revision of g (NULL: none)
   uses; NULL when none was found. Lives in a. */
const char *author_fresh_id(struct arena *a, const struct graph *g);

#endif
