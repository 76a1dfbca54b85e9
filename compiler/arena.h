/* Bump allocator for the compiler: everything the compiler builds (tokens,
   AST, schema snapshots, rendered SQL) lives in one arena that is freed once
   at exit. Nothing allocated here is freed on its own. */
#ifndef MIGC_ARENA_H
#define MIGC_ARENA_H

#include <stdarg.h>
#include <stddef.h>

struct arena_block;

struct arena {
    struct arena_block *head;
    size_t total;      /* bytes handed out, for the benchmark's memory table */
};

/* Zeroed memory aligned for any object. Aborts with a message on
   out-of-memory: the compiler cannot do anything useful after that. */
void *arena_alloc(struct arena *a, size_t size);
char *arena_strdup(struct arena *a, const char *s);
char *arena_strndup(struct arena *a, const char *s, size_t n);
char *arena_printf(struct arena *a, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
char *arena_vprintf(struct arena *a, const char *fmt, va_list ap);
/* Lower-cased (ASCII) copy. */
char *arena_strlower(struct arena *a, const char *s);
void arena_free(struct arena *a);

/* A growable array of pointers whose storage lives in the arena (old
   storage is abandoned on growth, which is fine for an arena).
   The element type is documented where a vec is declared. */
struct vec {
    void **items;
    int n, cap;
};

void vec_push(struct arena *a, struct vec *v, void *item);
#define VEC_AT(v, i, type) ((type)(v).items[i])

/* A growable string. Storage comes from malloc, so a buffer is either
   released with strbuf_free or moved into the arena with strbuf_to_arena
   (which also frees it). */
struct strbuf {
    char *s;
    size_t len, cap;
};

void strbuf_putc(struct strbuf *b, char c);
void strbuf_puts(struct strbuf *b, const char *s);
void strbuf_putn(struct strbuf *b, const char *s, size_t n);
void strbuf_printf(struct strbuf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* s between two q characters, every q inside doubled: how SQL quotes a
   string ('it''s') or an identifier ("say ""hi"""). */
void strbuf_put_quoted(struct strbuf *b, const char *s, char q);
void strbuf_reset(struct strbuf *b);   /* keeps the storage */
void strbuf_free(struct strbuf *b);
/* Never returns NULL: an empty buffer gives "". */
const char *strbuf_str(struct strbuf *b);
char *strbuf_to_arena(struct strbuf *b, struct arena *a);

#endif
