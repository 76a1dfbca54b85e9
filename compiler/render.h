/* SQL rendering: turns statements, applied to a known schema, into SQL for
   one dialect, and prints schemas and statements back as .mig text. It
   uses the schema model; the model never uses it. */
#ifndef MIGC_RENDER_H
#define MIGC_RENDER_H

#include <stdbool.h>

#include "arena.h"
#include "ast.h"
#include "dialect.h"
#include "schema.h"

/* The dialects, for dialect.c's table and for tests that pick one. */
extern const struct dialect render_sqlite_dialect;
extern const struct dialect render_pg_dialect;

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
void render_stmt(struct arena *a, const struct dialect *d, const struct schema *before,
                 const struct schema *after, const struct stmt *st, struct vec *out);

/* The whole schema as SQL creating it from nothing, in an order that
   applies (referenced tables first, then indexes, then views). */
void render_schema(struct arena *a, const struct dialect *d, const struct schema *s, struct vec *out);

/* A name quoted for SQL when it is a reserved word of any dialect or
   not of the form [a-z_][a-z0-9_]*. */
const char *render_name(struct arena *a, const char *name);
/* An SQL string literal. */
const char *render_string(struct arena *a, const char *s);
const char *render_type(struct arena *a, const struct dialect *d, const struct type *t);
/* An expression in a dialect (now() is CURRENT_TIMESTAMP on SQLite). */
const char *render_expr(struct arena *a, const struct dialect *d, const struct expr *e);

/* .mig text (canonical layout, lower-case keywords): for `migc schema`,
   for the canonical form that checksums hash, and for the formatter. */
const char *render_mig_stmt(struct arena *a, const struct stmt *st);
const char *render_mig_expr(struct arena *a, const struct expr *e);
const char *render_mig_type(struct arena *a, const struct type *t);
/* The schema as .mig statements (create table / create index / create
   view), in an order that applies. */
const char *render_mig_schema(struct arena *a, const struct schema *s);
/* The same as a declarative model (migc revision --autogenerate): only
   create statements, a cycle's foreign keys inside their create table
   (autogen_load_model replays them once the tables exist). */
const char *render_mig_model(struct arena *a, const struct schema *s);

/* ---- internals shared by render_common.c, render_sqlite.c, render_pg.c
   and render_mig.c; other modules use the functions above. ---------- */

/* How an expression is written: SQL for dialect d, or .mig text when mig
   is set (d is then NULL). A column reference resolves its spelling through table (then
   table2) so that SQL names a column exactly as it was created; a column
   whose name is map_from[i] is written as the SQL text map_to[i] instead
   (SQLite's table copy reads renamed and retyped columns this way). */
struct render_style {
    const struct dialect *d;
    bool mig;
    const struct table *table, *table2;
    const char *const *map_from;
    const char *const *map_to;
    int nmap;
};

void render_put_name(struct strbuf *b, const char *name);
void render_put_expr(struct strbuf *b, const struct render_style *st, const struct expr *e);
void render_put_type(struct strbuf *b, const struct render_style *st, const struct type *t);
/* A keyword: as given (upper case) in SQL, lower-cased in .mig. */
void render_put_kw(struct strbuf *b, const struct render_style *st, const char *kw);
/* A default value: a literal bare, anything else in parentheses (SQLite
   requires them; PostgreSQL's DEFAULT takes no AND, IS, IN, ... bare). */
void render_put_default(struct strbuf *b, const struct render_style *st, const struct expr *e);
/* PRIMARY KEY (a) | UNIQUE (a) | FOREIGN KEY (a) REFERENCES T (b) ... |
   CHECK (e): a constraint without its CONSTRAINT name. t (may be NULL)
   and s resolve spellings. */
void render_put_constraint_body(struct strbuf *b, const struct render_style *st,
                                const struct schema *s, const struct table *t,
                                const struct constraint *c);
/* " [USING m] (elem, ...) [INCLUDE (c, ...)] [WHERE pred]" of CREATE
   INDEX; t (may be NULL) resolves column spellings. method may be NULL. */
void render_put_index_tail(struct strbuf *b, const struct render_style *st,
                           const struct table *t, const struct index_elem *const *elems,
                           int n, const struct expr *where, const char *method,
                           const char *const *include, int ninclude);
/* Whether st writes c's not valid: .mig text, or a dialect that has it. */
bool render_not_valid(const struct render_style *st, const struct constraint *c);
/* ALTER TABLE t ADD CONSTRAINT ... NOT VALID: how a not valid constraint
   of t comes to be (CREATE TABLE would validate it). */
const char *render_add_not_valid(struct arena *a, const struct dialect *d,
                                 const struct schema *s, const struct table *t,
                                 const struct constraint *c);
/* A view body or sql block without the surrounding blanks and final
   semicolons, so each comes out as one statement. */
const char *render_body(struct arena *a, const char *body);
/* The spelling a schema object was created with: PostgreSQL tells quoted
   names apart by case, so SQL must use it. Falls back to name. */
const char *render_table_name(const struct schema *s, const char *name);
const char *render_column_name(const struct table *t, const char *name);
const char *render_type_name(const struct schema *s, const char *name);
/* ('a', 'b'): an enum type's values as SQL strings. */
void render_put_enum_values(struct strbuf *b, const char *const *values, int n);
/* CREATE TYPE e AS ENUM (...). */
const char *render_create_type(struct arena *a, const struct enum_type *e);
/* COMMENT ON TABLE t, or COLUMN t.column when column is not NULL, IS
   the literal comment or NULL. */
const char *render_comment(struct arena *a, const char *table, const char *column,
                           const char *comment);
/* Appends the COMMENT ON statements that give t's comments (its own and
   its columns') to out, where the dialect has comments. */
void render_table_comments(struct arena *a, const struct dialect *d, const struct table *t,
                           struct vec *out);
/* CREATE EXTENSION [IF NOT EXISTS] name [SCHEMA s], PostgreSQL's. */
const char *render_create_extension(struct arena *a, const struct extension *x,
                                    bool if_not_exists);

/* A table constraint with its name (CONSTRAINT n UNIQUE (a, b)). s
   resolves the referenced table's spelling. */
const char *render_constraint(struct arena *a, const struct dialect *d, const struct schema *s,
                              const struct table *t, const struct constraint *c);
/* A column definition without constraints (those are table constraints),
   except the key d writes with its column (struct dialect's column_key). */
const char *render_column(struct arena *a, const struct dialect *d, const struct table *t,
                          const struct column *c);
/* CREATE TABLE for t, named as_name (NULL: t's name). Constraints listed
   in omit are left out (a dialect with late_foreign_keys adds those of a
   cycle afterwards). */
const char *render_create_table(struct arena *a, const struct dialect *d, const struct schema *s,
                                const struct table *t, const char *as_name,
                                const struct constraint *const *omit, int nomit);
const char *render_create_index(struct arena *a, const struct dialect *d, const struct schema *s,
                                const struct index *ix, bool concurrently);
/* CREATE VIEW, or CREATE MATERIALIZED VIEW ... [WITH NO DATA] (no_data:
   whatever v says). */
const char *render_create_view(struct arena *a, const struct view *v, bool no_data);
void render_push(struct arena *a, struct vec *out, const char *sql, struct loc loc);

/* Pushes a DROP INDEX of each index on table in before that after no
   longer has: what a dropped table or column takes along. */
void render_drop_indexes_gone(struct arena *a, const struct schema *before,
                              const struct schema *after, const char *table, struct loc loc,
                              struct vec *out);

/* Pushes (dialects with serial_sequence) the ALTER SEQUENCE that renames
   the sequence of serial column old_col of old after the table or column
   was renamed (to t, new_col), so that it keeps the name a new serial
   column would get. Nothing when the column is not serial. */
void render_rename_sequence(struct arena *a, const struct dialect *d, const struct table *old,
                            const char *old_col, const struct table *t, const char *new_col,
                            struct loc loc, struct vec *out);

/* A foreign key that cannot be created with its table because the table it
   references comes later (a cycle): it is added by ALTER TABLE afterwards. */
struct render_late_fk {
    const struct table *table;
    const struct constraint *con;
};
/* Tables of s in an order that applies: a table after the tables its
   foreign keys reference, name order otherwise; a cycle is broken by
   taking the first remaining table in name order, and the foreign keys
   that then point forward are appended to late (struct render_late_fk *).
   Returns the count; *out is a fresh arena array. */
int render_table_order(struct arena *a, const struct schema *s, const struct table ***out,
                       struct vec *late);
/* Views of s on a dialect of on (0: every version of every view) with
   the views each reads first. */
int render_view_order(struct arena *a, const struct schema *s, unsigned on,
                      const struct view ***out);
/* True when view v reads relation name: from its deps, or, when it has
   none recorded, when its body mentions the name as a word. */
bool render_view_uses(const struct view *v, const char *name);
/* The constraint of t (after a change) that def added: by written name,
   else by kind and columns (or check expression), preferring one absent
   from old. NULL when none matches. */
const struct constraint *render_find_added_constraint(const struct table *t,
                                                      const struct table *old,
                                                      const struct constraint_def *def);
/* ALTER TABLE ... ADD for a late foreign key of s: how a dialect with
   late_foreign_keys adds it after the tables. */
const char *render_add_late_fk(struct arena *a, const struct dialect *d, const struct schema *s,
                               const struct render_late_fk *l);

#endif
