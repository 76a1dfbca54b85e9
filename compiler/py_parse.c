#include "py_parse.h"

#include <stdarg.h>
#include <string.h>

#define YYSTYPE PYSTYPE
#define YYLTYPE PYLTYPE
#include "py_parser.h"
#include "py_lexer.h"

struct loc py_loc(const struct py_ctx *ctx, struct py_span s)
{
    struct loc l = {ctx->file, s.first_line, s.first_column, 1};
    if (s.last_line == s.first_line && s.last_column > s.first_column)
        l.len = s.last_column - s.first_column;
    return l;
}

void py_lex_error(struct py_ctx *ctx, struct py_span s, const char *fmt, ...)
{
    if (ctx->failed)
        return;
    ctx->failed = true;
    va_list ap;
    va_start(ap, fmt);
    char *msg = arena_vprintf(ctx->arena, fmt, ap);
    va_end(ap);
    diag_error(ctx->diag, py_loc(ctx, s), "%s", msg);
}

/* Appends code point cp to b as UTF-8. */
static void put_utf8(struct strbuf *b, unsigned long cp)
{
    if (cp < 0x80) {
        strbuf_putc(b, (char)cp);
    } else if (cp < 0x800) {
        strbuf_putc(b, (char)(0xc0 | (cp >> 6)));
        strbuf_putc(b, (char)(0x80 | (cp & 0x3f)));
    } else if (cp < 0x10000) {
        strbuf_putc(b, (char)(0xe0 | (cp >> 12)));
        strbuf_putc(b, (char)(0x80 | ((cp >> 6) & 0x3f)));
        strbuf_putc(b, (char)(0x80 | (cp & 0x3f)));
    } else {
        strbuf_putc(b, (char)(0xf0 | ((cp >> 18) & 0x07)));
        strbuf_putc(b, (char)(0x80 | ((cp >> 12) & 0x3f)));
        strbuf_putc(b, (char)(0x80 | ((cp >> 6) & 0x3f)));
        strbuf_putc(b, (char)(0x80 | (cp & 0x3f)));
    }
}

static int hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

const char *py_string_value(struct arena *a, const char *raw, size_t len, bool *bytes,
                            bool *fstring)
{
    size_t i = 0;
    bool is_raw = false;
    for (; i < len && raw[i] != '\'' && raw[i] != '"'; i++) {
        char c = (char)(raw[i] | 0x20);
        is_raw |= c == 'r';
        *bytes |= c == 'b';
        *fstring |= c == 'f';
    }
    size_t q = (len - i >= 6 && raw[i + 1] == raw[i] && raw[i + 2] == raw[i]) ? 3 : 1;
    size_t from = i + q, to = len - q;
    struct strbuf b = {0};
    for (size_t k = from; k < to; k++) {
        char c = raw[k];
        if (c != '\\' || is_raw || k + 1 >= to) {
            strbuf_putc(&b, c);
            if (c == '\\' && is_raw && k + 1 < to) /* r'\'' keeps both */
                strbuf_putc(&b, raw[++k]);
            continue;
        }
        char e = raw[++k];
        int n = 0;
        unsigned long cp = 0;
        switch (e) {
        case '\n': break;
        case 'n': strbuf_putc(&b, '\n'); break;
        case 't': strbuf_putc(&b, '\t'); break;
        case 'r': strbuf_putc(&b, '\r'); break;
        case 'a': strbuf_putc(&b, '\a'); break;
        case 'b': strbuf_putc(&b, '\b'); break;
        case 'f': strbuf_putc(&b, '\f'); break;
        case 'v': strbuf_putc(&b, '\v'); break;
        case '\\': case '\'': case '"': strbuf_putc(&b, e); break;
        case 'x': n = 2; break;
        case 'u': n = *bytes ? 0 : 4; break;
        case 'U': n = *bytes ? 0 : 8; break;
        default:
            if (e >= '0' && e <= '7') {
                int v = e - '0';
                for (int j = 0; j < 2 && k + 1 < to && raw[k + 1] >= '0' && raw[k + 1] <= '7'; j++)
                    v = v * 8 + (raw[++k] - '0');
                put_utf8(&b, (unsigned long)v);
            } else {
                /* Python keeps an unrecognized escape as written */
                strbuf_putc(&b, '\\');
                strbuf_putc(&b, e);
            }
        }
        if (!n) {
            if (e == 'u' || e == 'U') {
                strbuf_putc(&b, '\\');
                strbuf_putc(&b, e);
            }
            continue;
        }
        int j = 0;
        for (; j < n && k + 1 < to && hexval(raw[k + 1]) >= 0; j++)
            cp = cp * 16 + (unsigned long)hexval(raw[++k]);
        if (e == 'x' && *bytes)
            strbuf_putc(&b, (char)cp);
        else
            put_utf8(&b, cp);
    }
    return strbuf_to_arena(&b, a);
}

/* The token filter between the scanner and the grammar: turns the column
   of the first token of each logical line into INDENT and DEDENT, closes
   the last line and every open block at end of file, as Python's own
   tokenizer does. */
int pylex(PYSTYPE *val, PYLTYPE *loc, yyscan_t scanner, struct py_ctx *ctx)
{
    if (ctx->pending_dedents > 0) {
        ctx->pending_dedents--;
        *loc = ctx->last_newline;
        return DEDENT;
    }
    int tok;
    PYSTYPE v = {0};
    PYLTYPE l;
    if (ctx->has_peek) {
        ctx->has_peek = false;
        tok = ctx->peek_tok;
        v = *(PYSTYPE *)ctx->peek_val;
        l = ctx->peek_loc;
    } else {
        tok = pyscanlex(&v, &l, scanner);
    }
    if (ctx->failed)
        tok = 0;
    if (tok == 0) {
        l.first_line = l.last_line = ctx->line;
        l.first_column = l.last_column = ctx->col;
        ctx->has_peek = true;
        ctx->peek_tok = 0;
        ctx->peek_loc = l;
        *(PYSTYPE *)ctx->peek_val = v;
        *loc = l;
        if (!ctx->failed && !ctx->at_line_start) {
            ctx->at_line_start = true;
            ctx->last_newline = l;
            return NEWLINE;
        }
        if (!ctx->failed && ctx->nindents > 0) {
            ctx->nindents--;
            *loc = ctx->last_newline;
            return DEDENT;
        }
        return 0; /* the peeked end of file stays: every later call gets it */
    }
    if (ctx->at_line_start) {
        ctx->at_line_start = false;
        int col = l.first_column;
        int top = ctx->nindents ? ctx->indents[ctx->nindents - 1] : 1;
        if (col != top) {
            ctx->has_peek = true;
            ctx->peek_tok = tok;
            ctx->peek_loc = l;
            *(PYSTYPE *)ctx->peek_val = v;
        }
        if (col > top) {
            if (ctx->nindents == (int)(sizeof ctx->indents / sizeof ctx->indents[0])) {
                py_lex_error(ctx, l, "too many levels of indentation");
                return 0;
            }
            ctx->indents[ctx->nindents++] = col;
            *loc = l;
            return INDENT;
        }
        if (col < top) {
            int n = 0;
            while (ctx->nindents > 0 && ctx->indents[ctx->nindents - 1] > col) {
                ctx->nindents--;
                n++;
            }
            if ((ctx->nindents ? ctx->indents[ctx->nindents - 1] : 1) != col) {
                py_lex_error(ctx, l, "unindent does not match any outer indentation level");
                return 0;
            }
            ctx->pending_dedents = n - 1;
            *loc = ctx->last_newline;
            return DEDENT;
        }
    }
    if (tok == NEWLINE) {
        /* the line break ends its own line, not the next one */
        l.last_line = l.first_line;
        l.last_column = l.first_column + 1;
        ctx->at_line_start = true;
        ctx->last_newline = l;
    }
    *val = v;
    *loc = l;
    return tok;
}

struct py_module *py_parse(struct arena *a, struct diag *d, const char *file, const char *text,
                           size_t len)
{
    char *src = arena_alloc(a, len + 1);
    memcpy(src, text, len);
    file = arena_strdup(a, file);
    diag_add_source(d, file, src, len);

    struct py_ctx ctx;
    memset(&ctx, 0, sizeof ctx);
    ctx.arena = a;
    ctx.diag = d;
    ctx.file = file;
    ctx.src = src;
    ctx.len = len;
    ctx.line = ctx.col = 1;
    ctx.at_line_start = true;
    ctx.peek_val = arena_alloc(a, sizeof(PYSTYPE));
    ctx.mod = arena_alloc(a, sizeof *ctx.mod);
    ctx.mod->file = file;
    ctx.mod->src = src;

    yyscan_t scanner;
    if (pyscanlex_init_extra(&ctx, &scanner) != 0) {
        diag_error(d, (struct loc){file, 1, 1, 1}, "could not start the scanner");
        return NULL;
    }
    YY_BUFFER_STATE buf = pyscan_scan_bytes(src, (int)len, scanner);
    int rc = pyparse(scanner, &ctx);
    pyscan_delete_buffer(buf, scanner);
    pyscanlex_destroy(scanner);
    if (ctx.failed)
        return NULL;
    if (rc != 0 || ctx.pending_error) {
        struct loc l = py_loc(&ctx, ctx.pending_loc);
        const char *msg = ctx.pending_msg ? ctx.pending_msg : "syntax error";
        if (strncmp(msg, "syntax error, ", 14) == 0)
            msg = arena_printf(a, "syntax error: %s", msg + 14);
        diag_error(d, l, "%s", msg);
        diag_detail(d, "The file cannot be read as Python.");
        return NULL;
    }
    return ctx.mod;
}
