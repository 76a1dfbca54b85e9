/* The text that offline SQL scripts share, written by both migc sql (the
   compiler) and a migrator's upgrade/downgrade --sql (this runtime), so
   that both print it alike: the client settings a script begins with,
   and its comments. Both write to a stdio stream and keep nothing. */
#ifndef MIGC_SQLSCRIPT_H
#define MIGC_SQLSCRIPT_H

#include <stdbool.h>
#include <stdio.h>

/* The lines a script begins with so that the standard client stops at
   the first failing statement instead of going on with the next
   migration: psql's "\set ON_ERROR_STOP on" (postgres) or the sqlite3
   shell's ".bail on", each followed by a blank line. A static string. */
const char *sqlscript_client_settings(bool postgres);

/* Writes "-- ", text and a newline to out. text is any bytes (a message,
   a file name): a backslash, a control character, a C1 code or a byte
   that is not part of valid UTF-8 is written as an escape (\\, \n, \r,
   \t, \xHH), so the comment is one line whatever text holds and cannot
   end early in psql or the sqlite3 shell. */
void sqlscript_comment(FILE *out, const char *text);

#endif
