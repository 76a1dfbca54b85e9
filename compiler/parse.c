#include "parse.h"

#include <stdarg.h>
#include <string.h>

#include "parse_ctx.h"
#define YYSTYPE MIGSTYPE
#define YYLTYPE MIGLTYPE
#include "parser.h"
#include "lexer.h"

struct loc parse_loc(const struct parse_ctx *ctx, struct parse_span s)
{
    struct loc l = {ctx->file, s.first_line, s.first_column, 1};
    if (s.last_line == s.first_line) {
        if (s.last_column > s.first_column)
            l.len = s.last_column - s.first_column;
    } else {
        size_t e = (size_t)s.first_off;
        while (e < ctx->len && ctx->src[e] != '\n' && ctx->src[e] != '\r')
            e++;
        if (e > (size_t)s.first_off)
            l.len = (int)(e - (size_t)s.first_off);
    }
    return l;
}

void parse_syntax_error(struct parse_ctx *ctx, struct parse_span s, const char *fmt, ...)
{
    if (ctx->stopped)
        return;
    if (ctx->errors == PARSE_MAX_ERRORS) {
        diag_error(ctx->diag, parse_loc(ctx, s), "too many errors, stopping");
        ctx->stopped = true;
        return;
    }
    ctx->errors++;
    va_list ap;
    va_start(ap, fmt);
    char *msg = arena_vprintf(ctx->arena, fmt, ap);
    va_end(ap);
    diag_error(ctx->diag, parse_loc(ctx, s), "%s", msg);
}

struct migration *parse_migration(struct arena *a, struct diag *d, const char *file,
                                  const char *text, size_t len)
{
    char *src = arena_alloc(a, len + 1);
    memcpy(src, text, len);
    file = arena_strdup(a, file);
    diag_add_source(d, file, src, len);

    struct migration *m = arena_alloc(a, sizeof *m);
    m->file = file;
    m->loc = (struct loc){file, 1, 1, 1};
    m->downgrade_kind = DOWNGRADE_DERIVED;

    struct parse_ctx ctx = {0};
    ctx.arena = a;
    ctx.diag = d;
    ctx.file = file;
    ctx.src = src;
    ctx.len = len;
    ctx.mig = m;
    ctx.line = ctx.col = 1;
    ctx.default_depth = -1;
    ctx.last = (struct parse_span){1, 1, 1, 1, 0, 0};

    yyscan_t scanner;
    if (migscanlex_init_extra(&ctx, &scanner) != 0) {
        diag_error(d, m->loc, "could not start the scanner: out of memory");
        return m;
    }
    /* The scanner reads a copy of its own; offsets into it match src. */
    YY_BUFFER_STATE buf = migscan_scan_bytes(src, (int)len, scanner);
    int rc = migparse(scanner, &ctx);
    migscan_delete_buffer(buf, scanner);
    migscanlex_destroy(scanner);

    /* A parse that was aborted or cut short may have stopped before the
       upgrade block. */
    if (rc == 0 && !ctx.stopped && !m->has_upgrade) {
        diag_error(d, m->revision.name ? m->revision.loc : m->loc, "missing \"upgrade\" block");
        diag_hint(d, "Every migration has an \"upgrade { ... }\" block after its header; it may be empty.");
    }
    return m;
}
