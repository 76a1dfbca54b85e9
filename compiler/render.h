/* SQL rendering: turns statements, applied to a known schema, into SQL for
   one dialect, and prints schemas and statements back as .mig text. It
   uses the schema model; the model never uses it. */
#ifndef MIGC_RENDER_H
#define MIGC_RENDER_H

#include "arena.h"
#include "ast.h"
#include "schema.h"

enum dialect { DIALECT_SQLITE, DIALECT_POSTGRES };

/* One SQL statement, without a trailing semicolon, and the .mig location
   it came from (for the migrator's error messages and comments). */
struct sql_stmt {
    const char *sql;
    struct loc loc;
};

/* Appends (struct sql_stmt *) to out: the SQL that applies st to a
   database whose schema is before, leaving it at after. Several statements
   come out where the dialect needs them (SQLite's table rebuild). A `sql`
   block for another dialect renders nothing. Strings live in a. Never
   fails: every check was done before rendering. */
void render_stmt(struct arena *a, enum dialect d, const struct schema *before,
                 const struct schema *after, const struct stmt *st, struct vec *out);

/* The whole schema as SQL creating it from nothing, in an order that
   applies (referenced tables first, then indexes, then views). */
void render_schema(struct arena *a, enum dialect d, const struct schema *s, struct vec *out);

/* A name quoted for SQL when it is a reserved word of either dialect or
   not of the form [a-z_][a-z0-9_]*. */
const char *render_name(struct arena *a, const char *name);
/* An SQL string literal. */
const char *render_string(struct arena *a, const char *s);
const char *render_type(struct arena *a, enum dialect d, const struct type *t);
/* An expression in a dialect (now() is CURRENT_TIMESTAMP on SQLite). */
const char *render_expr(struct arena *a, enum dialect d, const struct expr *e);

/* .mig text (canonical layout, lower-case keywords): for `migc schema`,
   for the canonical form that checksums hash, and for the formatter. */
const char *render_mig_stmt(struct arena *a, const struct stmt *st);
const char *render_mig_expr(struct arena *a, const struct expr *e);
const char *render_mig_type(struct arena *a, const struct type *t);
/* The schema as .mig statements (create table / create index / create
   view), in an order that applies. */
const char *render_mig_schema(struct arena *a, const struct schema *s);

#endif
