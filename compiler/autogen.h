/* Autogenerate (migc revision --autogenerate): the declarative model
   file, and the statements that take one schema to another.

   Everything lives in the arena passed in. */
#ifndef MIGC_AUTOGEN_H
#define MIGC_AUTOGEN_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "diag.h"
#include "schema.h"

/* Parses a model (parse_model: create table / create index / create view
   only) and replays it onto start with every check a migration
   gets, for the dialects in targets (a mask of dialect.h). Tables are
   replayed referenced ones first, so the model may declare them in any
   order. It starts from start (NULL: the empty schema), which holds what
   a model file cannot describe: the objects sql blocks declared
   (schema_declared_only), so that the model may index or read them.
   Returns NULL when an error was reported through d. */
const struct schema *autogen_load_model(struct arena *a, struct diag *d, const char *file,
                                        const char *text, size_t len, unsigned targets,
                                        const struct schema *start);

/* The statements that take schema from to schema to, as .mig text: one
   statement per line group, each preceded by its `-- migc: ...` comment
   lines when it deletes data; NULL when the schemas are equal. Drops and
   changes of what others use come before the change (views, foreign keys,
   indexes), creations after what they use (referenced tables first; views
   last, and recreated when a table they read changes).

   With warn set (an upgrade), each dropped column or table is a warning
   through d ("dropping column "t"."c" deletes its data"), and a dropped
   and an added column of one table with the same type add a hint that a
   rename cannot be told apart from them. Never fails. */
const char *autogen_diff(struct arena *a, struct diag *d, const struct schema *from,
                         const struct schema *to, bool warn);

#endif
