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

/* A scanner context over src (len bytes, file as diagnostics name it),
   at line 1, column 1. */
static void ctx_init(struct parse_ctx *ctx, struct arena *a, struct diag *d, const char *file,
                     const char *src, size_t len)
{
    memset(ctx, 0, sizeof *ctx);
    ctx->arena = a;
    ctx->diag = d;
    ctx->file = file;
    ctx->src = src;
    ctx->len = len;
    ctx->line = ctx->col = 1;
    ctx->default_depth = -1;
}

unsigned parse_control_char(const char *s, size_t n)
{
    unsigned c = (unsigned char)s[0];
    if (c < 0x20 || c == 0x7f)
        return c;
    if (c == 0xc2 && n > 1 && (unsigned char)s[1] >= 0x80 && (unsigned char)s[1] <= 0x9f)
        return (unsigned char)s[1];
    return 0;
}

const char *parse_control_name(struct arena *a, unsigned code)
{
    switch (code) {
    case '\n': return "a line break";
    case '\r': return "a carriage return";
    case '\t': return "a tab";
    default: return arena_printf(a, "control character U+%04X", code);
    }
}

/* A message is printed in SQL comments (migc sql, the migrator's --sql),
   in generated C and on terminals: a line break in it would end the
   comment in the script a reviewer approves and start a statement there.
   So a control character in it is an error at the character itself. src
   holds the whole parsed text; its first line is numbered line. */
static void check_message(struct arena *a, struct diag *d, const struct migration *m,
                          const char *src, size_t len, int line)
{
    if (!m->message || m->message_loc.line <= 0)
        return;
    size_t i = 0;
    while (i < len && line < m->message_loc.line)
        if (src[i++] == '\n')
            line++;
    i += (size_t)m->message_loc.col;   /* past the opening quote */
    int col = m->message_loc.col + 1;
    for (; i < len; i++, col++) {
        if (src[i] == '\'') {
            if (!(i + 1 < len && src[i + 1] == '\''))
                return;
            i++, col++;
            continue;
        }
        unsigned code = parse_control_char(src + i, len - i);
        if (!code)
            continue;
        diag_error(d, (struct loc){m->message_loc.file, line, col, 1}, "message contains %s",
                   parse_control_name(a, code));
        diag_detail(d, "A message is one line of text: migc sql, the migrator's --sql and "
                       "the generated C print it in comments, where a control character "
                       "could end the comment.");
        diag_hint(d, "Write the message on one line; a longer explanation goes in a "
                     "comment (-- ...) in the file.");
        return;
    }
}

/* Parses prefix + text + suffix as one .mig file. The prefix is one line
   that counts as line 0, so locations in text are those of the file the
   user wrote; only text is registered for quoting. */
static struct migration *parse_text(struct arena *a, struct diag *d, const char *file,
                                    const char *text, size_t len, const char *prefix,
                                    const char *suffix)
{
    size_t plen = strlen(prefix), slen = strlen(suffix), total = plen + len + slen;
    char *src = arena_alloc(a, total + 1);
    memcpy(src, prefix, plen);
    memcpy(src + plen, text, len);
    memcpy(src + plen + len, suffix, slen);
    file = arena_strdup(a, file);
    diag_add_source(d, file, src + plen, len);

    struct migration *m = arena_alloc(a, sizeof *m);
    m->file = file;
    m->loc = (struct loc){file, 1, 1, 1};
    m->downgrade_kind = DOWNGRADE_DERIVED;

    struct parse_ctx ctx;
    ctx_init(&ctx, a, d, file, src, total);
    ctx.mig = m;
    int first_line = plen ? 0 : 1;
    ctx.line = first_line;
    ctx.last = (struct parse_span){1, 1, 1, 1, 0, 0};

    yyscan_t scanner;
    if (migscanlex_init_extra(&ctx, &scanner) != 0) {
        diag_error(d, m->loc, "could not start the scanner: out of memory");
        return m;
    }
    /* The scanner reads a copy of its own; offsets into it match src. */
    YY_BUFFER_STATE buf = migscan_scan_bytes(src, (int)total, scanner);
    int rc = migparse(scanner, &ctx);
    migscan_delete_buffer(buf, scanner);
    migscanlex_destroy(scanner);
    parse_check(&ctx);
    arena_free(&ctx.scratch);
    check_message(a, d, m, src, total, first_line);

    /* A parse that was aborted or cut short may have stopped before the
       upgrade block. */
    if (rc == 0 && !ctx.stopped && !m->has_upgrade) {
        diag_error(d, m->revision.name ? m->revision.loc : m->loc, "missing \"upgrade\" block");
        diag_hint(d, "Every migration has an \"upgrade { ... }\" block after its header; it may be empty.");
    }
    return m;
}

struct migration *parse_migration(struct arena *a, struct diag *d, const char *file,
                                  const char *text, size_t len)
{
    return parse_text(a, d, file, text, len, "", "");
}

void parse_model(struct arena *a, struct diag *d, const char *file, const char *text,
                 size_t len, struct vec *out)
{
    /* The model is the body of an upgrade block; the wrapper lives on line
       0 and after the last line, where no diagnostic about the user's text
       can point. */
    struct migration *m = parse_text(a, d, file, text, len,
                                     "revision model revises base message 'model' upgrade {\n",
                                     "\n}\n");
    for (int i = 0; i < m->upgrade.n; i++) {
        struct stmt *st = VEC_AT(m->upgrade, i, struct stmt *);
        if (st->kind == STMT_CREATE_TABLE || st->kind == STMT_CREATE_INDEX ||
            st->kind == STMT_CREATE_VIEW || st->kind == STMT_CREATE_TYPE ||
            st->kind == STMT_CREATE_EXTENSION || st->kind == STMT_COMMENT) {
            vec_push(a, out, st);
            continue;
        }
        diag_error(d, st->loc,
                   "a model holds only create extension, create type, create table, create index, "
                   "create view and comment on");
        diag_hint(d, "The model declares the schema as it should be; migc revision "
                     "--autogenerate writes the changes that get there.");
    }
    if (m->downgrade_kind != DOWNGRADE_DERIVED)
        diag_error(d, m->downgrade_loc,
                   "a model holds only create extension, create type, create table, create index, "
                   "create view and comment on");
}

static enum parse_token_kind token_kind(int tok)
{
    switch (tok) {
    case PARSE_TOKEN_COMMENT: return PTOK_COMMENT;
    case IDENT: return PTOK_WORD;
    case QIDENT: return PTOK_QNAME;
    case SCONST: return PTOK_STRING;
    case ICONST:
    case FCONST:
    case DIGITWORD: return PTOK_NUMBER;
    case DOLLAR: return PTOK_DOLLAR;
    default: break;
    }
    /* The keywords are declared in one run, from "action" to "where". */
    return tok >= ACTION && tok <= WHERE ? PTOK_KEYWORD : PTOK_PUNCT;
}

bool parse_tokens(struct arena *a, struct diag *d, const char *file, const char *text,
                  size_t len, struct vec *out)
{
    char *src = arena_alloc(a, len + 1);
    memcpy(src, text, len);
    file = arena_strdup(a, file);
    diag_add_source(d, file, src, len);

    struct parse_ctx ctx;
    ctx_init(&ctx, a, d, file, src, len);
    ctx.keep_comments = true;

    yyscan_t scanner;
    if (migscanlex_init_extra(&ctx, &scanner) != 0) {
        diag_error(d, (struct loc){file, 1, 1, 1}, "could not start the scanner: out of memory");
        return false;
    }
    YY_BUFFER_STATE buf = migscan_scan_bytes(src, (int)len, scanner);
    MIGSTYPE val;
    MIGLTYPE loc;
    int tok;
    while (!ctx.stopped && (tok = migscanlex(&val, &loc, scanner)) != 0) {
        struct parse_token *t = arena_alloc(a, sizeof *t);
        t->kind = token_kind(tok);
        t->text = arena_strndup(a, src + loc.first_off, (size_t)(loc.last_off - loc.first_off));
        t->line = loc.first_line;
        t->col = loc.first_column;
        t->end_line = loc.last_line;
        vec_push(a, out, t);
    }
    migscan_delete_buffer(buf, scanner);
    migscanlex_destroy(scanner);
    return ctx.errors == 0;
}
