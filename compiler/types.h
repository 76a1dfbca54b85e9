/* The column types of the .mig language: their names, aliases and
   parameters (LANGUAGE.md, "Types"). The parser resolves a written type
   here; renderers map a resolved type to each dialect (render.h). */
#ifndef MIGC_TYPES_H
#define MIGC_TYPES_H

#include <stdbool.h>

#include "ast.h"
#include "diag.h"

/* Looks a type name up, aliases included (int, bool, decimal, string,
   bytea, double precision is looked up as "double"). name is compared
   case-insensitively. False when no such type; *out is untouched then. */
bool types_lookup(const char *name, enum type_kind *out);

/* The canonical .mig spelling of a kind ("integer", "varchar"). */
const char *types_name(enum type_kind kind);

/* The known type name (canonical or alias) nearest to name by edit
   distance, or NULL when none is close enough to be a likely typo. */
const char *types_suggest(const char *name);

/* Resolves a written type: name with nparams integer parameters (params
   as written, in the arena or the source), name_loc at the type's name,
   param_locs at each parameter. Reports through d a type that does not
   exist (with a suggestion) or parameters the type does not take or that
   are out of range, and returns false; *out then holds a usable
   placeholder (text) so that parsing can go on. */
bool types_resolve(struct diag *d, const char *name, struct loc name_loc,
                   const char *const *params, const struct loc *param_locs,
                   int nparams, struct type *out);

/* Resolves native 'text' (text as written, unquoted): a TYPE_NATIVE
   type passed to the database as written. Reports an empty text and
   returns false; *out then holds text. */
bool types_resolve_native(struct diag *d, const char *text, struct loc loc, struct type *out);

/* True for a type no SQLite type stands for (interval, inet, ..., any
   array): an error where SQLite is a target. */
bool types_postgres_only(const struct type *t);

/* serial, smallserial, bigserial. */
bool types_is_serial(enum type_kind kind);

#endif
