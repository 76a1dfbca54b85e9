/* The compiler's middle: replays every migration along the revision graph,
   running every check of LANGUAGE.md, deriving downgrades and proving that
   each downgrade gives back the parents' schema. Its output is what SQL
   rendering and C emission consume: for each revision the schema before
   and after, and each statement of its upgrade and downgrade with the
   schema it applies to. */
#ifndef MIGC_COMPILE_H
#define MIGC_COMPILE_H

#include <stdbool.h>

#include "arena.h"
#include "ast.h"
#include "diag.h"
#include "graph.h"
#include "schema.h"

/* One statement and the schema it applies to (before) and leaves (after). */
struct step {
    const struct stmt *stmt;
    const struct schema *before, *after;
};

struct compiled_revision {
    const struct revision *rev;
    const struct schema *before;       /* merge of parents and depends on */
    const struct schema *after;
    struct vec up;                     /* struct step * */
    struct vec down;                   /* struct step *: written or derived */
    bool derived;                      /* down was derived from up */
    bool irreversible;                 /* downgrade irreversible; (down empty) */
};

struct compilation {
    const struct graph *graph;
    struct compiled_revision **revs;   /* indexed by revision->topo; NULL for a
                                          revision that could not be compiled */
    const struct schema *head;         /* merge of all heads */
};

/* Compiles every revision of g for the dialects in targets (a mask of
   dialect.h). Reports every error and warning through d and goes on after
   each, so one run shows them all. Returns false when an error was
   reported; out is then still filled as far as it could be. */
bool compile_project(struct arena *a, struct diag *d, const struct graph *g,
                     unsigned targets, struct compilation *out);

/* The schema of a database at the given set of revisions (the merge of
   their schemas), e.g. all heads. Never fails for revisions that compiled. */
const struct schema *compile_schema_at(struct arena *a, const struct compilation *c,
                                       struct revision *const *revs, int n);

#endif
