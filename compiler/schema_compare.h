/* Comparing two schemas: every difference, described for messages (the
   round-trip check of downgrades, merge conflicts). */
#ifndef MIGC_SCHEMA_COMPARE_H
#define MIGC_SCHEMA_COMPARE_H

#include "schema.h"

/* One difference between two schemas, for the round-trip check, merge
   conflicts and (in the runtime's check) drift. object
   describes the object as users read it: `table "users"`,
   `column "users"."email"`, `constraint "users_email_key" on table
   "users"`, `index "ix_a"`, `view "v"`; expected/actual describe it in a
   and in b (`varchar(50)`, `not null`, `default 0`; "absent" where it is
   missing). Diffs come out tables first, then indexes, then views, each in
   name order (a table's columns, then its constraints, in name order). */
struct schema_diff {
    const char *object;
    const char *kind;          /* "missing", "extra", "type", "nullability", "default",
                                  "identity", "definition" */
    const char *expected;
    const char *actual;
    struct loc loc;            /* where the object in a was last defined (for
                                  "extra", the one in b), when known */
};

/* Appends (struct schema_diff *) to out for every difference between a
   (expected) and b (actual). Column order is not compared. Unchanged
   parts shared between a and b are skipped without being walked. Returns
   the number of differences. */
int schema_compare(struct arena *a, const struct schema *expected,
                   const struct schema *actual, struct vec *out);

/* The differences between two versions of one table, as schema_compare
   reports them; returns their number. */
int schema_compare_tables(struct arena *a, const struct table *expected,
                          const struct table *actual, struct vec *out);

#endif
