/* The formatter works in two passes over the scanner's tokens: the first
   walks the code tokens (comments aside) with what it knows of the
   grammar and notes, per token, where a line must break, at what indent,
   and to what column it is aligned; the second prints the tokens, placing
   each comment where the author had it relative to its neighbours (on a
   line of its own, or after the token before it). Nothing is decided from
   the author's spacing except those comment placements and blank lines,
   which the output keeps, so formatting twice gives the same text. */
#include "fmt.h"

#include <string.h>

#include "checksum.h"
#include "parse.h"
#include "render.h"

enum brk {
    BRK_AUTO,          /* a space or nothing, by the tokens on either side */
    BRK_NEWLINE,
    BRK_BLANK_IF_GAP,  /* a new line, after a blank one when the author had one */
    BRK_BLANK,         /* a blank line before (a body) */
};

/* What the first pass decides for one code token. */
struct ann {
    enum brk brk;
    int indent;        /* of the line, when a line starts at this token */
    int mincol;        /* pad to this column when following on a line (alignment) */
    bool lower;        /* print lower-cased */
    bool blank_ok;     /* a comment just before it may keep a blank line */
    bool tight;        /* no space before it: inside a type's parameters, numeric(10,2) */
};

enum { PEND_NONE, PEND_SPACE, PEND_NEWLINE, PEND_BLANK };

struct fmt {
    struct arena *a;
    struct parse_token **t;    /* all tokens */
    int n;
    struct ann *ann;           /* per token index (comments unused) */
    int *code;                 /* indexes of the code tokens */
    int ncode;
    bool model;

    struct strbuf out;
    int col;                   /* columns on the output's last line */
    int pending;
    const struct parse_token *prev;      /* last token printed */
    const struct parse_token *p1, *p2;   /* last two code tokens printed */
};

static bool is_text(const struct parse_token *t, const char *s)
{
    return t && (t->kind == PTOK_PUNCT || t->kind == PTOK_KEYWORD || t->kind == PTOK_WORD) &&
           name_eq(t->text, s);
}

static bool is_kw(const struct parse_token *t, const char *s)
{
    return t && t->kind == PTOK_KEYWORD && name_eq(t->text, s);
}

/* The i-th code token, or NULL past the end. */
static struct parse_token *code_at(const struct fmt *f, int k)
{
    return k >= 0 && k < f->ncode ? f->t[f->code[k]] : NULL;
}

static struct ann *ann_at(struct fmt *f, int k)
{
    return &f->ann[f->code[k]];
}

/* ---- spacing --------------------------------------------------------- */

static bool is_operand_end(const struct parse_token *t)
{
    if (!t)
        return false;
    switch (t->kind) {
    case PTOK_WORD:
    case PTOK_QNAME:
    case PTOK_NUMBER:
    case PTOK_STRING:
    case PTOK_DOLLAR:
        return true;
    case PTOK_KEYWORD:
        return is_kw(t, "null") || is_kw(t, "true") || is_kw(t, "false") ||
               is_kw(t, "current_timestamp") || is_kw(t, "current_date") ||
               is_kw(t, "current_time") || is_kw(t, "end");
    case PTOK_PUNCT:
        return strcmp(t->text, ")") == 0 || strcmp(t->text, "]") == 0;
    default:
        return false;
    }
}

/* Whether a space goes between p (after p2) and cur on one line. A "("
   follows a type or function name directly (varchar(50), lower(email))
   but not the name of a table (create table t (, on t (, references t ()
   or of an index method (using gin (). */
static bool space_between(const struct parse_token *p2, const struct parse_token *p,
                          const struct parse_token *cur)
{
    if (!p)
        return false;
    if (cur->kind == PTOK_PUNCT &&
        (strcmp(cur->text, ",") == 0 || strcmp(cur->text, ";") == 0 || strcmp(cur->text, ")") == 0))
        return false;
    if (p->kind == PTOK_PUNCT && strcmp(p->text, "(") == 0)
        return false;
    /* A qualified column: comment on column t.c */
    if ((p->kind == PTOK_PUNCT && strcmp(p->text, ".") == 0) ||
        (cur->kind == PTOK_PUNCT && strcmp(cur->text, ".") == 0))
        return false;
    /* x::type; brackets and a slice's colon go tight: text[], array[1, 2],
       tags[1:2] */
    if ((p->kind == PTOK_PUNCT && (strcmp(p->text, "::") == 0 || strcmp(p->text, "[") == 0 ||
                                   strcmp(p->text, ":") == 0)) ||
        (cur->kind == PTOK_PUNCT && (strcmp(cur->text, "::") == 0 || strcmp(cur->text, "[") == 0 ||
                                     strcmp(cur->text, "]") == 0 || strcmp(cur->text, ":") == 0)))
        return false;
    if (p->kind == PTOK_PUNCT && (strcmp(p->text, "-") == 0 || strcmp(p->text, "+") == 0) &&
        !is_operand_end(p2))
        return false;
    if (cur->kind == PTOK_PUNCT && strcmp(cur->text, "(") == 0) {
        if (is_kw(p, "varying"))
            return false;
        if (p->kind == PTOK_WORD || p->kind == PTOK_QNAME)
            return is_kw(p2, "table") || is_kw(p2, "on") || is_kw(p2, "references") ||
                   is_kw(p2, "into") || is_kw(p2, "view") || is_kw(p2, "using");
        /* Keywords written as functions: cast(, extract(, current_timestamp(3) */
        if (is_kw(p, "cast") || is_kw(p, "extract") || is_kw(p, "current_timestamp"))
            return false;
        return true;
    }
    return true;
}

/* ---- output ---------------------------------------------------------- */

static void want(struct fmt *f, int level)
{
    if (level > f->pending)
        f->pending = level;
}

static void put_raw(struct fmt *f, const char *s)
{
    strbuf_puts(&f->out, s);
    const char *nl = strrchr(s, '\n');
    f->col = nl ? (int)strlen(nl + 1) : f->col + (int)strlen(s);
}

static void put_indent(struct fmt *f, int indent)
{
    for (int i = 0; i < indent; i++)
        strbuf_putc(&f->out, ' ');
    f->col = indent;
}

static bool word_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c == '_' || c == '$' || (unsigned char)c >= 0x80;
}

/* Prints text after resolving the pending break; mincol pads a token
   that follows on the same line. */
static void put(struct fmt *f, const char *text, int indent, int mincol)
{
    size_t len = f->out.len;
    char last = len ? f->out.s[len - 1] : '\0';
    if (len == 0) {
        /* Nothing before the first token. */
    } else if (f->pending >= PEND_NEWLINE) {
        /* Lines end without trailing blanks. */
        while (f->out.len && f->out.s[f->out.len - 1] == ' ')
            f->out.len--;
        put_raw(f, f->pending == PEND_BLANK ? "\n\n" : "\n");
        put_indent(f, indent);
    } else if (f->pending == PEND_SPACE) {
        put_raw(f, " ");
        while (f->col < mincol)
            put_raw(f, " ");
    } else if ((last == '-' && text[0] == '-') || (last == '/' && text[0] == '*') ||
               (word_char(last) && word_char(text[0]))) {
        /* Never glue two tokens into a comment or into one word. */
        put_raw(f, " ");
    }
    f->pending = PEND_NONE;
    put_raw(f, text);
}

static const char *token_text(struct fmt *f, const struct parse_token *t, bool lower)
{
    if (t->kind == PTOK_COMMENT) {
        /* No trailing blanks (nor the \r of a CRLF line). */
        size_t n = strlen(t->text);
        while (n && (t->text[n - 1] == ' ' || t->text[n - 1] == '\t' || t->text[n - 1] == '\r'))
            n--;
        return arena_strndup(f->a, t->text, n);
    }
    return lower ? arena_strlower(f->a, t->text) : t->text;
}

/* ---- the first pass: where lines break -------------------------------- */

/* The code index of the ")" matching the "(" at k; ncode when unmatched. */
static int match_paren(const struct fmt *f, int k)
{
    int depth = 0;
    for (int j = k; j < f->ncode; j++) {
        const struct parse_token *t = code_at(f, j);
        if (t->kind != PTOK_PUNCT)
            continue;
        if (strcmp(t->text, "(") == 0)
            depth++;
        else if (strcmp(t->text, ")") == 0 && --depth == 0)
            return j;
    }
    return f->ncode;
}

/* The code index of the ";" ending the statement at k (or of the "}" that
   closes its body, or ncode). */
static int stmt_end(const struct fmt *f, int k)
{
    int depth = 0;
    for (int j = k; j < f->ncode; j++) {
        const struct parse_token *t = code_at(f, j);
        if (t->kind != PTOK_PUNCT)
            continue;
        if (strcmp(t->text, "(") == 0)
            depth++;
        else if (strcmp(t->text, ")") == 0)
            depth--;
        else if (depth <= 0 && (strcmp(t->text, ";") == 0 || strcmp(t->text, "}") == 0))
            return j;
    }
    return f->ncode;
}

/* The width of code tokens [from, to) printed on one line. */
static int span_width(struct fmt *f, int from, int to)
{
    int w = 0;
    for (int j = from; j < to; j++) {
        const struct parse_token *t = code_at(f, j);
        if (j > from && !f->ann[f->code[j]].tight &&
            space_between(j - 2 >= from ? code_at(f, j - 2) : NULL, code_at(f, j - 1), t))
            w++;
        w += (int)strlen(t->text);
    }
    return w;
}

/* Starts a line at each depth-0 comma-separated part of (from, to): the
   elements of create table, the actions of alter table, the rows of
   insert. Returns the parts' first code indexes through starts. */
static int split_parts(struct fmt *f, int from, int to, int *starts)
{
    int n = 0, depth = 0;
    starts[n++] = from;
    for (int j = from; j < to; j++) {
        const struct parse_token *t = code_at(f, j);
        if (t->kind != PTOK_PUNCT)
            continue;
        if (strcmp(t->text, "(") == 0)
            depth++;
        else if (strcmp(t->text, ")") == 0)
            depth--;
        else if (depth == 0 && strcmp(t->text, ",") == 0 && j + 1 < to)
            starts[n++] = j + 1;
    }
    return n;
}

static void line_parts(struct fmt *f, const int *starts, int nparts, int end, int indent)
{
    for (int p = 0; p < nparts; p++) {
        int stop = p + 1 < nparts ? starts[p + 1] : end;
        for (int j = starts[p]; j < stop; j++)
            ann_at(f, j)->indent = indent + 4;
        ann_at(f, starts[p])->brk = BRK_NEWLINE;
        ann_at(f, starts[p])->indent = indent;
    }
}

/* The code index after the name of the type at k, with its second word
   (double precision, character varying). */
static int type_name_end(const struct fmt *f, int k, int limit)
{
    int j = k + 1;
    if (j < limit && (is_kw(code_at(f, j), "precision") || is_kw(code_at(f, j), "varying")))
        j++;
    return j;
}

/* The parameters of the type at k print as render_mig_type prints them. */
static void mark_type(struct fmt *f, int k)
{
    int open = type_name_end(f, k, f->ncode);
    if (open >= f->ncode || !is_text(code_at(f, open), "("))
        return;
    int close = match_paren(f, open);
    for (int j = open + 1; j <= close && j < f->ncode; j++)
        ann_at(f, j)->tight = true;
}

static bool starts_table_constraint(const struct parse_token *t)
{
    return is_kw(t, "constraint") || is_kw(t, "primary") || is_kw(t, "unique") ||
           is_kw(t, "foreign") || is_kw(t, "check");
}

/* The end (exclusive code index) of the type that starts at k. */
static int type_end(const struct fmt *f, int k, int limit)
{
    int j = type_name_end(f, k, limit);
    const struct parse_token *t = code_at(f, k);
    if (j < limit && t->kind == PTOK_WORD && name_eq(t->text, "native") &&
        code_at(f, j)->kind == PTOK_STRING)
        return j + 1;
    if (j < limit && is_text(code_at(f, j), "("))
        j = match_paren(f, j) + 1;
    if (j + 2 < limit && (is_kw(code_at(f, j), "with") || is_kw(code_at(f, j), "without")) &&
        is_kw(code_at(f, j + 2), "zone"))
        j += 3;
    while (j + 1 < limit && is_text(code_at(f, j), "[") && is_text(code_at(f, j + 1), "]"))
        j += 2;
    return j < limit ? j : limit;
}

/* create table T ( elems ): one element per line, column names and types
   aligned. */
static void ann_create_table(struct fmt *f, int open, int close, int base)
{
    int *starts = arena_alloc(f->a, sizeof *starts * (size_t)(close - open + 1));
    int nparts = split_parts(f, open + 1, close, starts);
    line_parts(f, starts, nparts, close, base + 4);
    int namew = 0, typew = 0;
    for (int p = 0; p < nparts; p++) {
        int s = starts[p], stop = p + 1 < nparts ? starts[p + 1] : close;
        if (starts_table_constraint(code_at(f, s)) || s + 1 >= stop)
            continue;
        mark_type(f, s + 1);
        int te = type_end(f, s + 1, stop);
        int nw = (int)strlen(code_at(f, s)->text), tw = span_width(f, s + 1, te);
        namew = nw > namew ? nw : namew;
        /* Only a column with more after its type pads its type. */
        if (te < stop && !is_text(code_at(f, te), ","))
            typew = tw > typew ? tw : typew;
    }
    for (int p = 0; p < nparts; p++) {
        int s = starts[p], stop = p + 1 < nparts ? starts[p + 1] : close;
        if (starts_table_constraint(code_at(f, s)) || s + 1 >= stop)
            continue;
        int te = type_end(f, s + 1, stop);
        ann_at(f, s + 1)->mincol = base + 4 + namew + 1;
        if (te < stop)
            ann_at(f, te)->mincol = base + 4 + namew + 1 + typew + 1;
    }
    ann_at(f, close)->brk = BRK_NEWLINE;
    ann_at(f, close)->indent = base;
}

/* One statement from code index k; returns the index after its ";". */
/* sql ... $$ creates ITEM, ... drops ITEM, ...: each list on a line of
   its own under the statement. Items are read in step (KIND [KIND] NAME
   [on NAME]) so that a name spelled creates or drops stays where it is. */
static void ann_sql_decls(struct fmt *f, int k, int end, int indent)
{
    int j = k;
    while (j < end && code_at(f, j)->kind != PTOK_DOLLAR)
        j++;
    j++;
    while (j < end && (is_kw(code_at(f, j), "creates") || is_kw(code_at(f, j), "drops"))) {
        ann_at(f, j)->brk = BRK_NEWLINE;
        ann_at(f, j)->indent = indent;
        j++;
        for (;;) {
            j += is_kw(code_at(f, j), "materialized") ? 2 : 1;   /* the kind */
            j++;                                                 /* the name */
            if (j < end && is_kw(code_at(f, j), "on"))
                j += 2;
            if (j < end && is_text(code_at(f, j), ","))
                j++;
            else
                break;
        }
    }
}

static int ann_stmt(struct fmt *f, int k, int base)
{
    int end = stmt_end(f, k);
    int last = end < f->ncode && is_text(code_at(f, end), ";") ? end : end - 1;
    for (int j = k; j <= last && j < f->ncode; j++) {
        struct ann *an = ann_at(f, j);
        an->brk = BRK_AUTO;
        an->indent = base + 4;
        an->lower = code_at(f, j)->kind == PTOK_WORD || code_at(f, j)->kind == PTOK_KEYWORD;
    }
    ann_at(f, k)->brk = BRK_BLANK_IF_GAP;
    ann_at(f, k)->indent = base;
    ann_at(f, k)->blank_ok = true;
    /* A cast's type prints as a column's does: numeric(10,2). The values
       of create type T as enum (...) are a list, not a type's parameters. */
    for (int j = k; j + 1 < last; j++)
        if (is_text(code_at(f, j), "::") ||
            (is_kw(code_at(f, j), "as") && !is_kw(code_at(f, j + 1), "enum")))
            mark_type(f, j + 1);

    const struct parse_token *t0 = code_at(f, k), *t1 = code_at(f, k + 1);
    if (is_kw(t0, "create") && is_kw(t1, "table") && k + 3 < end &&
        is_text(code_at(f, k + 3), "(")) {
        int close = match_paren(f, k + 3);
        if (close < end)
            ann_create_table(f, k + 3, close, base);
    } else if (is_kw(t0, "alter") && is_kw(t1, "table") && k + 3 < end) {
        for (int j = k + 3; j + 1 < end; j++) {
            if (is_kw(code_at(f, j), "type"))
                mark_type(f, j + 1);
            else if (is_kw(code_at(f, j), "add") && is_kw(code_at(f, j + 1), "column"))
                mark_type(f, j + 3);
        }
        int *starts = arena_alloc(f->a, sizeof *starts * (size_t)(end - k + 1));
        int nparts = split_parts(f, k + 3, end, starts);
        if (nparts > 1)
            line_parts(f, starts, nparts, end, base + 4);
    } else if (is_kw(t0, "sql")) {
        ann_sql_decls(f, k, end, base + 4);
    } else if (is_kw(t0, "insert")) {
        int v = k;
        while (v < end && !is_kw(code_at(f, v), "values"))
            v++;
        if (v + 1 < end) {
            int *starts = arena_alloc(f->a, sizeof *starts * (size_t)(end - v + 1));
            int nparts = split_parts(f, v + 1, end, starts);
            if (nparts > 1)
                line_parts(f, starts, nparts, end, base + 4);
        }
    }
    return last + 1;
}

static bool is_header_kw(const struct parse_token *t)
{
    return is_kw(t, "revision") || is_kw(t, "revises") || is_kw(t, "message") ||
           is_kw(t, "created") || is_kw(t, "branch") || is_kw(t, "depends") ||
           is_kw(t, "transaction");
}

/* A body after its "{" at code index k: statements, then "}". */
static int ann_body(struct fmt *f, int k)
{
    if (is_text(code_at(f, k), "}") && f->code[k] == f->code[k - 1] + 1)
        return k + 1;   /* { } with nothing, not even a comment, inside */
    while (k < f->ncode && !is_text(code_at(f, k), "}"))
        k = ann_stmt(f, k, 4);
    if (k < f->ncode) {
        ann_at(f, k)->brk = BRK_NEWLINE;
        ann_at(f, k)->indent = 0;
        ann_at(f, k)->blank_ok = true;
        k++;
    }
    return k;
}

static void annotate(struct fmt *f)
{
    int k = 0;
    while (k < f->ncode) {
        struct parse_token *t = code_at(f, k);
        if (f->model) {
            k = ann_stmt(f, k, 0);
            continue;
        }
        struct ann *an = ann_at(f, k);
        if (is_header_kw(t)) {
            an->brk = BRK_NEWLINE;
            an->blank_ok = true;
            an->lower = true;
            k++;
            if (is_kw(t, "depends") || is_kw(t, "transaction")) {
                if (k < f->ncode)
                    ann_at(f, k)->lower = true;   /* on, none */
                k++;
            }
            if (is_kw(t, "revision") || is_kw(t, "message") || is_kw(t, "created") ||
                is_kw(t, "transaction"))
                continue;
            /* revises / branch / depends on: ids separated by commas. */
            if (is_kw(code_at(f, k), "base") && is_kw(t, "revises"))
                ann_at(f, k)->lower = true;
            k++;
            while (k + 1 < f->ncode && is_text(code_at(f, k), ","))
                k += 2;
        } else if (is_kw(t, "upgrade") || is_kw(t, "downgrade")) {
            an->brk = BRK_BLANK;
            an->blank_ok = true;
            an->lower = true;
            k++;
            if (is_kw(code_at(f, k), "irreversible")) {
                ann_at(f, k)->lower = true;
                k += 2;   /* irreversible ; */
            } else if (is_text(code_at(f, k), "{")) {
                k = ann_body(f, k + 1);
            }
        } else {
            k++;   /* unreachable for a file that parsed */
        }
    }
}

/* ---- the second pass: printing --------------------------------------- */

/* The next code token's annotation after token index i, or NULL. */
static const struct ann *next_code_ann(const struct fmt *f, int i, const struct parse_token **tok)
{
    for (int j = i + 1; j < f->n; j++)
        if (f->t[j]->kind != PTOK_COMMENT) {
            *tok = f->t[j];
            return &f->ann[j];
        }
    *tok = NULL;
    return NULL;
}

static void print_comment(struct fmt *f, int i)
{
    const struct parse_token *c = f->t[i], *next;
    const struct ann *na = next_code_ann(f, i, &next);
    bool own_line = !f->prev || c->line > f->prev->end_line;
    int indent = na ? na->indent : 0;
    /* Before a closing bracket, a comment belongs to what it closes. */
    if (next && next->kind == PTOK_PUNCT && (strcmp(next->text, "}") == 0 || strcmp(next->text, ")") == 0))
        indent += 4;
    else if (na && na->brk == BRK_AUTO)
        indent = na->indent;
    if (own_line)
        want(f, f->prev && na && na->blank_ok && c->line > f->prev->end_line + 1 &&
                        !is_text(f->prev, "{")
                    ? PEND_BLANK
                    : PEND_NEWLINE);
    else
        want(f, PEND_SPACE);
    put(f, token_text(f, c, false), indent, 0);
    f->prev = c;
    /* A line comment ends its line; a block comment keeps the author's
       choice of going on on its line or not. */
    if (c->text[0] == '-' || !next || next->line > c->end_line)
        want(f, PEND_NEWLINE);
    else
        want(f, PEND_SPACE);
}

static void print_code(struct fmt *f, int i)
{
    const struct parse_token *t = f->t[i];
    const struct ann *an = &f->ann[i];
    int level = PEND_NONE;
    switch (an->brk) {
    case BRK_AUTO:
        level = !an->tight && space_between(f->p2, f->p1, t) ? PEND_SPACE : PEND_NONE;
        break;
    case BRK_NEWLINE:
        level = PEND_NEWLINE;
        break;
    case BRK_BLANK_IF_GAP:
        /* Never a blank line right after a body's "{". */
        level = f->prev && t->line > f->prev->end_line + 1 && !is_text(f->prev, "{")
                    ? PEND_BLANK
                    : PEND_NEWLINE;
        break;
    case BRK_BLANK: {
        /* A comment on its own line just above a body stays attached. */
        const struct parse_token *pc = f->prev;
        bool attached = pc && pc->kind == PTOK_COMMENT && t->line == pc->end_line + 1 &&
                        f->p1 && pc->line > f->p1->end_line;
        level = attached ? PEND_NEWLINE : PEND_BLANK;
        break;
    }
    }
    want(f, level);
    put(f, token_text(f, t, an->lower), an->indent, an->mincol);
    f->prev = t;
    f->p2 = f->p1;
    f->p1 = t;
}

static const char *format_tokens(struct arena *a, struct vec *toks, bool model)
{
    struct fmt f = {0};
    f.a = a;
    f.t = (struct parse_token **)toks->items;
    f.n = toks->n;
    f.model = model;
    f.ann = arena_alloc(a, sizeof *f.ann * (size_t)(f.n + 1));
    f.code = arena_alloc(a, sizeof *f.code * (size_t)(f.n + 1));
    for (int i = 0; i < f.n; i++)
        if (f.t[i]->kind != PTOK_COMMENT)
            f.code[f.ncode++] = i;
    annotate(&f);
    for (int i = 0; i < f.n; i++) {
        if (f.t[i]->kind == PTOK_COMMENT)
            print_comment(&f, i);
        else
            print_code(&f, i);
    }
    while (f.out.len && f.out.s[f.out.len - 1] == ' ')
        f.out.len--;
    if (f.out.len)
        strbuf_putc(&f.out, '\n');
    return strbuf_to_arena(&f.out, a);
}

/* ---- meaning and the self-check -------------------------------------- */

static void put_idents(struct strbuf *b, const char *what, const struct vec *v)
{
    strbuf_printf(b, "%s", what);
    for (int i = 0; i < v->n; i++)
        strbuf_printf(b, " %s", VEC_AT(*v, i, const struct ident *)->name);
    strbuf_putc(b, '\n');
}

static void put_stmts(struct arena *a, struct strbuf *b, const struct vec *v)
{
    for (int i = 0; i < v->n; i++) {
        strbuf_puts(b, render_mig_stmt(a, VEC_AT(*v, i, const struct stmt *)));
        strbuf_putc(b, '\n');
    }
}

const char *fmt_meaning(struct arena *a, struct diag *d, const char *file, const char *text,
                        size_t len, bool model)
{
    int errors = d->errors;
    struct strbuf b = {0};
    if (model) {
        struct vec stmts = {0};
        parse_model(a, d, file, text, len, &stmts);
        put_stmts(a, &b, &stmts);
    } else {
        const struct migration *m = parse_migration(a, d, file, text, len);
        strbuf_puts(&b, checksum_canonical(a, m));
        strbuf_printf(&b, "message %s\ncreated %s\ntransaction %d\n",
                      m->message ? m->message : "", m->created ? m->created : "",
                      m->transaction_none);
        put_idents(&b, "branch", &m->branches);
        strbuf_printf(&b, "downgrade %d\n", (int)m->downgrade_kind);
        put_stmts(a, &b, &m->downgrade);
    }
    const char *s = strbuf_to_arena(&b, a);
    return d->errors == errors ? s : NULL;
}

static const char *format_once(struct arena *a, struct diag *d, const char *file,
                               const char *text, size_t len, bool model)
{
    struct vec toks = {0};
    if (!parse_tokens(a, d, file, text, len, &toks))
        return NULL;
    return format_tokens(a, &toks, model);
}

const char *fmt_text(struct arena *a, struct diag *d, const char *file, const char *text,
                     size_t len, bool model)
{
    const char *before = fmt_meaning(a, d, file, text, len, model);
    if (!before)
        return NULL;
    /* The checks below parse text the user never wrote; their own
       diagnostics would only confuse, so they go to a sink of their own. */
    struct diag quiet;
    diag_init(&quiet, a);
    const char *out = format_once(a, &quiet, file, text, len, model);
    const char *after = out ? fmt_meaning(a, &quiet, file, out, strlen(out), model) : NULL;
    const char *again = after ? format_once(a, &quiet, file, out, strlen(out), model) : NULL;
    struct loc at = {file, 1, 1, 1};
    if (!after || strcmp(before, after) != 0) {
        diag_error(d, at, "formatting would change what this file means; left unchanged");
        diag_detail(d, "This is a bug in migc fmt: the formatted text parses differently.");
        return NULL;
    }
    if (!again || strcmp(again, out) != 0) {
        diag_error(d, at, "formatting is not stable for this file; left unchanged");
        diag_detail(d, "This is a bug in migc fmt: formatting its output changes it again.");
        return NULL;
    }
    return out;
}
