/* The offline SQL script of migc sql, one revision at a time: which
   revision runs and from which file (as comments that text from the .mig
   files cannot break out of), then its statements, in a transaction
   unless it is a transaction none migration. The client settings the
   script begins with are sqlscript_client_settings (runtime/sqlscript.h),
   shared with the migrator's --sql. */
#ifndef MIGC_SCRIPT_H
#define MIGC_SCRIPT_H

#include <stdbool.h>
#include <stdio.h>

#include "arena.h"
#include "compile.h"
#include "render.h"

/* Writes each statement (struct sql_stmt *) of stmts with its semicolon,
   between BEGIN; and COMMIT; when transaction is set. */
void script_statements(FILE *out, const struct vec *stmts, bool transaction);

/* Writes cr's upgrade (or downgrade) in dialect d: two comment lines,
   the statements, a blank line. Strings it needs live in a. */
void script_revision(FILE *out, struct arena *a, const struct dialect *d,
                     const struct compiled_revision *cr, bool upgrade);

#endif
