/* Text descriptions of the model's objects, for messages: what an object
   is (`column "users"."email"`) and what it holds (`varchar(50) not
   null`). Strings live in the arena passed in; none of these fails. */
#ifndef MIGC_SCHEMA_DESCRIBE_H
#define MIGC_SCHEMA_DESCRIBE_H

#include "schema.h"

/* A type as the language writes it (`varchar(50)`, `numeric(10,2)`), for
   messages. Lives in a. Never fails. */
const char *schema_describe_type(struct arena *a, const struct type *t);

/* What an object holds, as the language writes it: `integer not null
   default 0`, `unique (a, b)`, `on t (a desc) where (a > 0)`, `as select
   ...` (shortened to one line), `(id integer, name text)`. */
const char *schema_describe_column(struct arena *a, const struct column *c);
const char *schema_describe_constraint(struct arena *a, const struct constraint *c);
const char *schema_describe_index(struct arena *a, const struct index *ix);
const char *schema_describe_view(struct arena *a, const struct view *v);
const char *schema_describe_table(struct arena *a, const struct table *t);

/* prefix followed by e in the style of messages (expr_print.h). */
const char *schema_describe_expr(struct arena *a, const char *prefix, const struct expr *e);

/* What an object is: `table "t"`, `column "t"."c"`, `constraint "k" on
   table "t"`, `index "i"`, `view "v"`. */
const char *schema_describe_object_table(struct arena *a, const char *table);
const char *schema_describe_object_column(struct arena *a, const char *table, const char *column);
const char *schema_describe_object_constraint(struct arena *a, const char *table, const char *con);
const char *schema_describe_object_index(struct arena *a, const char *ix);
const char *schema_describe_object_view(struct arena *a, const char *v);
/* An enum type's values, `enum ('a', 'b')`, and its name, `type "mood"`. */
const char *schema_describe_enum(struct arena *a, const struct enum_type *e);
const char *schema_describe_object_type(struct arena *a, const char *name);

#endif
