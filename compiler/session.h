/* A loaded and compiled project, as the commands that need the whole
   project (check, sql, schema, revision --autogenerate, merge) hold it:
   one arena, one diagnostics sink, the parsed project and its
   compilation. Moved out of cmd_compile.c so the authoring commands share
   it. */
#ifndef MIGC_SESSION_H
#define MIGC_SESSION_H

#include <stdbool.h>

#include "arena.h"
#include "compile.h"
#include "diag.h"
#include "project.h"

struct session {
    struct arena arena;
    struct diag diag;
    struct project project;
    struct compilation comp;
    bool ok;                   /* loaded and compiled without errors */
};

/* Loads and compiles dir for targets (a mask of dialect.h). Diagnostics stay
   collected in s->diag until the caller flushes them; s->ok says whether
   any error was reported. Never fails as a whole. */
void session_open(struct session *s, const char *dir, unsigned targets, bool werror);

/* Flushes the diagnostics to stderr, frees the arena and returns status. */
int session_close(struct session *s, int status);

#endif
