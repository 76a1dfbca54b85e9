/* The heads of the statements of a piece of SQL: which objects each
   top-level CREATE or DROP makes or removes, by kind and name, so that
   migc convert can declare them on the sql block it writes (LANGUAGE.md
   "Objects the model does not parse"). Only the first words are read;
   bodies (a function's $$...$$, a view's select) are skipped, never
   parsed. */
#ifndef MIGC_SQLHEAD_H
#define MIGC_SQLHEAD_H

#include <stdbool.h>

#include "arena.h"

/* One object a statement creates or drops. */
struct sql_object {
    bool drop;                 /* else create */
    bool if_exists;            /* DROP ... IF EXISTS */
    const char *kind;          /* as a declaration writes it: "table", "materialized view", ... */
    const char *name;          /* unquoted and folded as PostgreSQL does, `public.` removed */
    const char *table;         /* `on T` of a trigger or policy; NULL otherwise */
};

struct sql_heads {
    struct vec objects;        /* struct sql_object *, in the order of the statements */
    /* The first statement that changes a table, index, view or type in a
       way no declaration can say (ALTER, an unnamed index, a name in
       another schema), as its first words (folded to lower case); NULL
       when none. */
    const char *undeclarable;
};

/* Reads every top-level statement of sql (split at semicolons outside
   quotes, dollar quotes and comments). A temporary table is left out, and
   so is an object created and dropped again, or dropped and created again
   (replaced; but after DROP ... IF EXISTS it is declared created). */
void sql_read_heads(struct arena *a, const char *sql, struct sql_heads *out);

#endif
