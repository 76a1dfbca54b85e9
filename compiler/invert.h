/* Derived downgrades: the inverse of an upgrade, built from its steps
   (each statement with the schema before and after it), last statement
   first, each one inverted using the schema it applied to. */
#ifndef MIGC_INVERT_H
#define MIGC_INVERT_H

#include <stdbool.h>

#include "arena.h"
#include "compile.h"
#include "diag.h"

/* Appends to out (struct stmt *) the statements that undo steps (struct
   step *, in upgrade order). Derived statements carry the location of the
   upgrade statement they undo. A statement that cannot be inverted (`sql`;
   an insert into a table without a primary key or that does not give every
   primary key column; dropping a not null column that has no default) is
   an error at its location, with a hint to write the downgrade; an inverse
   that cannot give back data (a dropped table or column recreated empty, a
   type changed back) is a warning. Returns false when an error was
   reported (out then holds the inverses of the other statements). */
bool invert_steps(struct arena *a, struct diag *d, const struct vec *steps, struct vec *out);

#endif
