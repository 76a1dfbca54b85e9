/* A migrations directory loaded: every *.mig file under it, recursively,
   in path order, parsed, and its revision graph built. */
#ifndef MIGC_PROJECT_H
#define MIGC_PROJECT_H

#include <stdbool.h>

#include "arena.h"
#include "diag.h"
#include "graph.h"

struct project {
    struct arena *arena;
    struct diag *diag;
    const char *dir;
    struct vec migrations;     /* struct migration *, in path order */
    struct graph graph;
};

/* Reads and parses every *.mig under dir (recursively, sorted by path; file
   names as shown in diagnostics are dir joined with the relative path),
   then builds the graph. Problems in files are reported through d and
   loading goes on. Returns false only when dir itself cannot be read
   (reported through d as a project-wide error). */
bool project_load(struct project *p, struct arena *a, struct diag *d, const char *dir);

/* Reads the whole file at path into malloc'd memory, NUL-terminated (the
   terminator is not counted in *len); the caller frees it. NULL with errno
   set when the file cannot be opened or read. */
char *project_read_file(const char *path, size_t *len);

#endif
