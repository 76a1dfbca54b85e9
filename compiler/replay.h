/* Replay: applies one statement to a schema, running every check of
   LANGUAGE.md "What the compiler checks" that concerns a single statement
   (existence, columns named, foreign keys, what a drop or rename would
   break, identity placement, not null columns added, inserts, ...).

   replay_stmt never fails as a whole: on an error it reports it through
   the context's diag, skips the offending part (a statement, or one action
   of an alter table) and returns the schema without it, so later
   statements are still checked without a cascade of follow-on errors.

   Every object created or changed records the location of the statement
   or action that did it, so merges and round-trip errors can name places.
   Everything returned lives in the context's arena. */
#ifndef MIGC_REPLAY_H
#define MIGC_REPLAY_H

#include <stdbool.h>

#include "arena.h"
#include "ast.h"
#include "diag.h"
#include "schema.h"

struct viewcheck;

/* A set of names (case-insensitive), grown in the arena. Private to
   replay.c; declared here only so the context can hold it by value. */
struct replay_names {
    const char **slots;
    int cap, n;
};

struct replay_ctx {
    struct arena *arena;
    struct diag *diag;
    unsigned rules;                /* DIALECT_IDENTITY_INTEGER, ... of the targets */
    unsigned targets;              /* the dialects' mask */
    struct viewcheck *views;       /* compiles view bodies; NULL: views get no deps */
    const struct migration *mig;   /* the migration being replayed (transaction none) */
    /* Names ever read by a view in any schema replayed with this context.
       Only tables in this set need a walk over the views to find what uses
       them, which keeps a drop or rename O(log n) on a history without
       views. (Foreign keys need no such set: the schema indexes them.) */
    struct replay_names view_reads;
    const struct stmt *cur;        /* the statement being replayed */
    const struct schema *cur_schema; /* the schema it applies to (its enum types) */
    /* Whether the upgrade of adds_for has an add value (replay.c looks
       once per migration). */
    const struct migration *adds_for;
    bool adds_values;
};

/* Sets up a context for the dialects in targets (a mask of struct
   dialect's target bits); vc may be NULL. Never fails. */
void replay_init(struct replay_ctx *c, struct arena *a, struct diag *d, unsigned targets,
                 struct viewcheck *vc);

/* Returns the schema after st applied to s (s itself when st changes
   nothing or was refused). Errors and warnings go to c->diag. */
const struct schema *replay_stmt(struct replay_ctx *c, const struct schema *s,
                                 const struct stmt *st);

/* "file:line" of loc, for details that name a place ("the start" when
   loc has no file). Lives in a. Never fails. */
const char *replay_place(struct arena *a, struct loc loc);

/* The columns an expression names, without repeats, in order of first
   use (const char *). Never fails. */
void replay_expr_columns(struct arena *a, const struct expr *e, struct vec *out);

#endif
