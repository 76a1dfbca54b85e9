/* File-writing helpers of the authoring commands (cmd_author.c), shared
   with migc convert. */
#ifndef MIGC_AUTHOR_H
#define MIGC_AUTHOR_H

#include <stdbool.h>

#include "arena.h"

/* Creates path with text; fails (errno EEXIST) rather than replace a
   file, and removes what it wrote when a write fails. */
bool author_write_new(const char *path, const char *text);
/* mkdir -p: creates path and its missing parents; false with errno set. */
bool author_make_dirs(struct arena *a, const char *path);
/* The message as a file-name part: lower case, [a-z0-9] runs joined by
   underscores, at most 40 characters. Lives in a. */
const char *author_slug(struct arena *a, const char *msg);

#endif
