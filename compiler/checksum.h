/* Migration checksums: the SHA-256 of a revision's canonical form, its id,
   parents, dependencies and upgrade statements as parsed, printed back in
   migc's canonical layout. Comments, layout, line endings, the message,
   the file name and the downgrade are not part of it, so fixing those
   never blocks an upgrade, while any change to what runs does. */
#ifndef MIGC_CHECKSUM_H
#define MIGC_CHECKSUM_H

#include "arena.h"
#include "ast.h"

/* The canonical form's text (lives in a). Never fails. */
const char *checksum_canonical(struct arena *a, const struct migration *m);
/* 64 lower-case hex digits (lives in a). Never fails. */
const char *checksum_migration(struct arena *a, const struct migration *m);

#endif
