#include "arena.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct arena_block {
    struct arena_block *next;
    size_t used, size;
    max_align_t data[];
};

/* Blocks start small, because many arenas live briefly (one per fuzz
   input, one per test case) and a first block of a mebibyte costs more to
   map and zero than a small run uses; they double from there up to
   ARENA_MAX_BLOCK, so a large compilation still takes few mallocs. */
enum { ARENA_FIRST_BLOCK = 16 << 10, ARENA_MAX_BLOCK = 1 << 20 };

static void out_of_memory(void)
{
    fputs("migc: error: out of memory\n", stderr);
    exit(1);
}

void *arena_alloc(struct arena *a, size_t size)
{
    size = (size + sizeof(max_align_t) - 1) & ~(sizeof(max_align_t) - 1);
    struct arena_block *b = a->head;
    if (!b || b->size - b->used < size) {
        /* Large requests get a block of their own so the current block's
           free tail is not wasted. */
        bool own = size > ARENA_MAX_BLOCK / 4;
        size_t bsize = size;
        if (!own) {
            /* Twice the current block, and room for at least four requests
               of this size, so that a run of mid-sized ones grows fast. */
            bsize = !b ? ARENA_FIRST_BLOCK
                  : b->size < ARENA_MAX_BLOCK / 2 ? b->size * 2 : ARENA_MAX_BLOCK;
            while (bsize < size * 4)
                bsize *= 2;
        }
        struct arena_block *nb = malloc(sizeof *nb + bsize);
        if (!nb)
            out_of_memory();
        nb->used = 0;
        nb->size = bsize;
        if (b && own) {
            nb->next = b->next;
            b->next = nb;
        } else {
            nb->next = b;
            a->head = nb;
        }
        b = nb;
    }
    void *p = (char *)b->data + b->used;
    b->used += size;
    a->total += size;
    memset(p, 0, size);
    return p;
}

char *arena_strndup(struct arena *a, const char *s, size_t n)
{
    char *p = arena_alloc(a, n + 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *arena_strdup(struct arena *a, const char *s)
{
    return arena_strndup(a, s, strlen(s));
}

char *arena_vprintf(struct arena *a, const char *fmt, va_list ap)
{
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    if (n < 0)
        n = 0;
    char *p = arena_alloc(a, (size_t)n + 1);
    vsnprintf(p, (size_t)n + 1, fmt, ap);
    return p;
}

char *arena_printf(struct arena *a, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *p = arena_vprintf(a, fmt, ap);
    va_end(ap);
    return p;
}

char *arena_strlower(struct arena *a, const char *s)
{
    char *p = arena_strdup(a, s);
    for (char *q = p; *q; q++)
        if (*q >= 'A' && *q <= 'Z')
            *q = (char)(*q - 'A' + 'a');
    return p;
}

void arena_free(struct arena *a)
{
    struct arena_block *b = a->head;
    while (b) {
        struct arena_block *next = b->next;
        free(b);
        b = next;
    }
    a->head = NULL;
    a->total = 0;
}

void vec_push(struct arena *a, struct vec *v, void *item)
{
    if (v->n == v->cap) {
        int cap = v->cap ? v->cap * 2 : 4;
        void **items = arena_alloc(a, (size_t)cap * sizeof *items);
        if (v->n)
            memcpy(items, v->items, (size_t)v->n * sizeof *items);
        v->items = items;
        v->cap = cap;
    }
    v->items[v->n++] = item;
}

static void strbuf_reserve(struct strbuf *b, size_t more)
{
    if (b->len + more + 1 <= b->cap)
        return;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < b->len + more + 1)
        cap *= 2;
    char *s = realloc(b->s, cap);
    if (!s)
        out_of_memory();
    b->s = s;
    b->cap = cap;
}

void strbuf_putn(struct strbuf *b, const char *s, size_t n)
{
    strbuf_reserve(b, n);
    memcpy(b->s + b->len, s, n);
    b->len += n;
    b->s[b->len] = '\0';
}

void strbuf_puts(struct strbuf *b, const char *s)
{
    strbuf_putn(b, s, strlen(s));
}

void strbuf_putc(struct strbuf *b, char c)
{
    strbuf_putn(b, &c, 1);
}

void strbuf_printf(struct strbuf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    if (n > 0) {
        strbuf_reserve(b, (size_t)n);
        vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
        b->len += (size_t)n;
    }
    va_end(ap);
}

void strbuf_put_quoted(struct strbuf *b, const char *s, char q)
{
    strbuf_putc(b, q);
    for (; *s; s++) {
        if (*s == q)
            strbuf_putc(b, q);
        strbuf_putc(b, *s);
    }
    strbuf_putc(b, q);
}

void strbuf_reset(struct strbuf *b)
{
    b->len = 0;
    if (b->s)
        b->s[0] = '\0';
}

void strbuf_free(struct strbuf *b)
{
    free(b->s);
    b->s = NULL;
    b->len = b->cap = 0;
}

const char *strbuf_str(struct strbuf *b)
{
    return b->s ? b->s : "";
}

char *strbuf_to_arena(struct strbuf *b, struct arena *a)
{
    char *p = arena_strndup(a, strbuf_str(b), b->len);
    strbuf_free(b);
    return p;
}
