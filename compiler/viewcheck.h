/* View compilation: a view's body is SQL the model does not parse, so to
   learn whether it compiles and what it reads, it is prepared in one
   in-memory SQLite database kept for the whole compilation.

   For each view, inside a savepoint that is rolled back afterwards, only
   the relations whose names occur in the body are created (tables with
   their columns; views as tables holding the columns their own bodies
   produce), then `SELECT * FROM (body)` is prepared with an authorizer
   that collects every (table, column) read. So checking a view costs what
   the view names, never the size of the schema. */
#ifndef MIGC_VIEWCHECK_H
#define MIGC_VIEWCHECK_H

#include <stdbool.h>

#include "arena.h"
#include "ast.h"
#include "diag.h"
#include "schema.h"

struct viewcheck;

/* Opens the in-memory database. Allocations live in a (the SQLite
   connection is released by viewcheck_close). Returns NULL after
   reporting a project-wide error through d when SQLite cannot open one. */
struct viewcheck *viewcheck_open(struct arena *a, struct diag *d);
/* Closes the database; vc may be NULL. */
void viewcheck_close(struct viewcheck *vc);

/* Compiles the body of `create view` st against schema s. On success
   stores what it reads in *deps / *ndeps (arena array; column NULL when a
   relation is read without naming a column) and returns true. When the
   body does not compile, reports an error at st->body_loc quoting
   SQLite's message and returns false. postgres: the body is PostgreSQL's
   SQL (the project targets only PostgreSQL): the syntax SQLite lacks is
   rewritten first, and functions SQLite lacks are taken as they come.
   The views the body names are created in their versions for a dialect
   of on (view_on). lenient: a body SQLite cannot read is no error unless
   it names a relation or column the schema lacks; it is then taken with
   no deps (what it reads is not known). */
bool viewcheck_view(struct viewcheck *vc, const struct schema *s, const struct stmt *st,
                    bool postgres, bool lenient, unsigned on, const struct view_dep **deps,
                    int *ndeps);

#endif
