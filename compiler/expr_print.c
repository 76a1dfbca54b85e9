#include "expr_print.h"

#include <string.h>

#include "types.h"

const struct expr_style expr_style_message = {0};

/* Binding strength, weakest first. The levels are the part PostgreSQL and
   SQLite agree on; where they disagree (|| binds weaker than + in
   PostgreSQL and tighter than * in SQLite; IS, IN, LIKE and BETWEEN sit on
   different levels from = and <) the operands get parentheses, so one
   rendering means the same tree in both, and in .mig. */
enum {
    PREC_OR = 1, PREC_AND, PREC_NOT, PREC_CMP, PREC_CONCAT, PREC_ADD, PREC_MUL,
    PREC_AT, PREC_COLLATE, PREC_UNARY, PREC_PRIMARY,
};

static void put_cast(struct strbuf *b, const struct expr_style *st, const struct expr *e);
static void put_case(struct strbuf *b, const struct expr_style *st, const struct expr *e);
static void put_collation(struct strbuf *b, const struct expr_style *st, const char *name);
static void put_subscript(struct strbuf *b, const struct expr_style *st, const struct expr *e);

static int expr_prec(const struct expr *e)
{
    switch (e->kind) {
    case EXPR_UNARY:
        return e->op == OP_NOT ? PREC_NOT : PREC_UNARY;
    case EXPR_BINARY:
        switch (e->op) {
        case OP_OR: return PREC_OR;
        case OP_AND: return PREC_AND;
        case OP_EQ: case OP_NE: case OP_LT: case OP_LE: case OP_GT: case OP_GE:
            return PREC_CMP;
        case OP_CONCAT:
        case OP_REGEX: case OP_REGEX_I: case OP_NREGEX: case OP_NREGEX_I:
        case OP_JSON_GET: case OP_JSON_GET_TEXT: case OP_JSON_PATH: case OP_JSON_PATH_TEXT:
        case OP_CONTAINS: case OP_CONTAINED: case OP_JSON_HAS:
            /* PostgreSQL puts its other operators on the level of ||. */
            return PREC_CONCAT;
        case OP_ADD: case OP_SUB: return PREC_ADD;
        default: return PREC_MUL;
        }
    case EXPR_IS_NULL: case EXPR_IN: case EXPR_LIKE: case EXPR_BETWEEN:
    case EXPR_ANY: case EXPR_ALL: case EXPR_DISTINCT:
        return PREC_CMP;
    case EXPR_AT_TIME_ZONE:
        return PREC_AT;
    case EXPR_COLLATE:
        return PREC_COLLATE;
    default:
        return PREC_PRIMARY;
    }
}

const char *expr_op_text(enum expr_op op)
{
    switch (op) {
    case OP_OR: return "OR";
    case OP_AND: return "AND";
    case OP_EQ: return "=";
    case OP_NE: return "<>";
    case OP_LT: return "<";
    case OP_LE: return "<=";
    case OP_GT: return ">";
    case OP_GE: return ">=";
    case OP_CONCAT: return "||";
    case OP_ADD: return "+";
    case OP_SUB: return "-";
    case OP_MUL: return "*";
    case OP_DIV: return "/";
    case OP_MOD: return "%";
    case OP_REGEX: return "~";
    case OP_REGEX_I: return "~*";
    case OP_NREGEX: return "!~";
    case OP_NREGEX_I: return "!~*";
    case OP_JSON_GET: return "->";
    case OP_JSON_GET_TEXT: return "->>";
    case OP_JSON_PATH: return "#>";
    case OP_JSON_PATH_TEXT: return "#>>";
    case OP_CONTAINS: return "@>";
    case OP_CONTAINED: return "<@";
    case OP_JSON_HAS: return "?";
    default: return "?";
    }
}

void expr_print_kw(struct strbuf *b, const struct expr_style *st, const char *kw)
{
    if (st->upper) {
        strbuf_puts(b, kw);
        return;
    }
    for (const char *p = kw; *p; p++)
        strbuf_putc(b, (*p >= 'A' && *p <= 'Z') ? (char)(*p - 'A' + 'a') : *p);
}

static void put_operand(struct strbuf *b, const struct expr_style *st, const struct expr *e,
                        bool wrap)
{
    wrap &= st->parens;
    if (wrap)
        strbuf_putc(b, '(');
    expr_print(b, st, e);
    if (wrap)
        strbuf_putc(b, ')');
}

void expr_print_cmp_operand(struct strbuf *b, const struct expr_style *st, const struct expr *e)
{
    put_operand(b, st, e, expr_prec(e) <= PREC_CMP);
}

static void put_binary(struct strbuf *b, const struct expr_style *st, const struct expr *e)
{
    int p = expr_prec(e);
    const struct expr *l = e->args[0], *r = e->args[1];
    int lp = expr_prec(l), rp = expr_prec(r);
    bool wl, wr;
    if (p == PREC_CMP) {
        wl = lp <= PREC_CMP;
        wr = rp <= PREC_CMP;
    } else if (p == PREC_CONCAT) {
        wl = lp < PREC_CONCAT || (lp > PREC_CONCAT && lp < PREC_UNARY);
        wr = rp < PREC_UNARY;
    } else {
        wl = lp < p;
        wr = rp <= p;
    }
    put_operand(b, st, l, wl);
    strbuf_putc(b, ' ');
    expr_print_kw(b, st, expr_op_text(e->op));
    strbuf_putc(b, ' ');
    put_operand(b, st, r, wr);
}

void expr_print(struct strbuf *b, const struct expr_style *st, const struct expr *e)
{
    if (!e) {
        expr_print_kw(b, st, "NULL");
        return;
    }
    if (st->put_special && st->put_special(b, st, e))
        return;
    switch (e->kind) {
    case EXPR_NULL:
        expr_print_kw(b, st, "NULL");
        break;
    case EXPR_TRUE:
        expr_print_kw(b, st, "TRUE");
        break;
    case EXPR_FALSE:
        expr_print_kw(b, st, "FALSE");
        break;
    case EXPR_INT:
    case EXPR_NUMBER:
        strbuf_puts(b, e->text ? e->text : "?");
        break;
    case EXPR_STRING:
        strbuf_put_quoted(b, e->text ? e->text : "", '\'');
        break;
    case EXPR_COLUMN:
        if (st->put_column && e->text)
            st->put_column(b, st, e->text);
        else
            strbuf_puts(b, e->text ? e->text : "?");
        break;
    case EXPR_CURRENT_TIMESTAMP:
        expr_print_kw(b, st, "CURRENT_TIMESTAMP");
        if (e->text)
            strbuf_printf(b, "(%s)", e->text);
        break;
    case EXPR_CURRENT_DATE:
        expr_print_kw(b, st, "CURRENT_DATE");
        break;
    case EXPR_CURRENT_TIME:
        expr_print_kw(b, st, "CURRENT_TIME");
        break;
    case EXPR_FUNC:
        if (st->put_func_name && e->text)
            st->put_func_name(b, e->text);
        else
            strbuf_puts(b, e->text ? e->text : "?");
        strbuf_putc(b, '(');
        for (int i = 0; i < e->nargs; i++) {
            if (i)
                strbuf_puts(b, ", ");
            expr_print(b, st, e->args[i]);
        }
        strbuf_putc(b, ')');
        break;
    case EXPR_UNARY:
        if (e->op == OP_NOT) {
            expr_print_kw(b, st, "NOT ");
            put_operand(b, st, e->args[0], expr_prec(e->args[0]) < PREC_NOT);
        } else {
            const struct expr *x = e->args[0];
            strbuf_putc(b, e->op == OP_NEG ? '-' : '+');
            /* "- -x" would read as a comment start without the parentheses. */
            put_operand(b, st, x, expr_prec(x) < PREC_UNARY || x->kind == EXPR_UNARY);
        }
        break;
    case EXPR_BINARY:
        put_binary(b, st, e);
        break;
    case EXPR_IS_NULL:
        expr_print_cmp_operand(b, st, e->args[0]);
        expr_print_kw(b, st, e->negated ? " IS NOT NULL" : " IS NULL");
        break;
    case EXPR_IN:
        expr_print_cmp_operand(b, st, e->args[0]);
        expr_print_kw(b, st, e->negated ? " NOT IN (" : " IN (");
        for (int i = 1; i < e->nargs; i++) {
            if (i > 1)
                strbuf_puts(b, ", ");
            expr_print(b, st, e->args[i]);
        }
        strbuf_putc(b, ')');
        break;
    case EXPR_LIKE:
        expr_print_cmp_operand(b, st, e->args[0]);
        if (e->op == OP_ILIKE)
            expr_print_kw(b, st, e->negated ? " NOT ILIKE " : " ILIKE ");
        else if (e->op == OP_SIMILAR)
            expr_print_kw(b, st, e->negated ? " NOT SIMILAR TO " : " SIMILAR TO ");
        else
            expr_print_kw(b, st, e->negated ? " NOT LIKE " : " LIKE ");
        expr_print_cmp_operand(b, st, e->args[1]);
        break;
    case EXPR_BETWEEN:
        expr_print_cmp_operand(b, st, e->args[0]);
        expr_print_kw(b, st, e->negated ? " NOT BETWEEN " : " BETWEEN ");
        expr_print_cmp_operand(b, st, e->args[1]);
        expr_print_kw(b, st, " AND ");
        expr_print_cmp_operand(b, st, e->args[2]);
        break;
    case EXPR_PAREN:
        strbuf_putc(b, '(');
        expr_print(b, st, e->args[0]);
        strbuf_putc(b, ')');
        break;
    case EXPR_CAST:
        put_cast(b, st, e);
        break;
    case EXPR_CASE:
        put_case(b, st, e);
        break;
    case EXPR_EXTRACT:
        expr_print_kw(b, st, "EXTRACT(");
        strbuf_puts(b, e->text ? e->text : "?");
        expr_print_kw(b, st, " FROM ");
        expr_print(b, st, e->args[0]);
        strbuf_putc(b, ')');
        break;
    case EXPR_INTERVAL:
        expr_print_kw(b, st, "INTERVAL ");
        strbuf_put_quoted(b, e->text ? e->text : "", '\'');
        break;
    case EXPR_ARRAY:
        expr_print_kw(b, st, "ARRAY[");
        for (int i = 0; i < e->nargs; i++) {
            if (i)
                strbuf_puts(b, ", ");
            expr_print(b, st, e->args[i]);
        }
        strbuf_putc(b, ']');
        break;
    case EXPR_ANY:
    case EXPR_ALL:
        expr_print_cmp_operand(b, st, e->args[0]);
        strbuf_putc(b, ' ');
        expr_print_kw(b, st, expr_op_text(e->op));
        expr_print_kw(b, st, e->kind == EXPR_ANY ? " ANY (" : " ALL (");
        expr_print(b, st, e->args[1]);
        strbuf_putc(b, ')');
        break;
    case EXPR_DISTINCT:
        expr_print_cmp_operand(b, st, e->args[0]);
        expr_print_kw(b, st, e->negated ? " IS NOT DISTINCT FROM " : " IS DISTINCT FROM ");
        expr_print_cmp_operand(b, st, e->args[1]);
        break;
    case EXPR_AT_TIME_ZONE:
        put_operand(b, st, e->args[0], expr_prec(e->args[0]) < PREC_AT);
        expr_print_kw(b, st, " AT TIME ZONE ");
        put_operand(b, st, e->args[1], expr_prec(e->args[1]) <= PREC_AT);
        break;
    case EXPR_COLLATE:
        expr_print_collate_operand(b, st, e->args[0]);
        expr_print_kw(b, st, " COLLATE ");
        put_collation(b, st, e->text);
        break;
    case EXPR_SUBSCRIPT:
        put_subscript(b, st, e);
        break;
    }
}

void expr_print_collate_operand(struct strbuf *b, const struct expr_style *st,
                                const struct expr *e)
{
    /* -x collate "C" is (-x) collate "C" to PostgreSQL and -(x collate
       nocase) to SQLite: only a primary goes bare. */
    put_operand(b, st, e, expr_prec(e) < PREC_PRIMARY);
}

/* SQL quotes every collation ("C" is not c); .mig writes SQLite's
   lower-case names bare, as they are usually written. */
static void put_collation(struct strbuf *b, const struct expr_style *st, const char *name)
{
    static const char *const bare[] = {"binary", "nocase", "rtrim"};
    if (!st->upper)
        for (size_t i = 0; i < sizeof bare / sizeof bare[0]; i++)
            if (strcmp(name, bare[i]) == 0) {
                strbuf_puts(b, name);
                return;
            }
    strbuf_put_quoted(b, name, '"');
}

/* A subscript's base is a column, a parenthesized expression or another
   subscript, as PostgreSQL reads one. */
static void put_subscript(struct strbuf *b, const struct expr_style *st, const struct expr *e)
{
    const struct expr *x = e->args[0];
    bool bare = x->kind == EXPR_COLUMN || x->kind == EXPR_PAREN || x->kind == EXPR_SUBSCRIPT;
    if (bare || !st->parens) {
        expr_print(b, st, x);
    } else {
        strbuf_putc(b, '(');
        expr_print(b, st, x);
        strbuf_putc(b, ')');
    }
    strbuf_putc(b, '[');
    if (e->args[1])
        expr_print(b, st, e->args[1]);
    if (e->nargs == 3) {
        strbuf_putc(b, ':');
        if (e->args[2])
            expr_print(b, st, e->args[2]);
    }
    strbuf_putc(b, ']');
}

void expr_print_type(struct strbuf *b, const struct expr_style *st, const struct type *t)
{
    if (st->put_type) {
        st->put_type(b, st, t);
        return;
    }
    if (t->native) {
        strbuf_puts(b, "native ");
        strbuf_put_quoted(b, t->native, '\'');
        return;
    }
    strbuf_puts(b, types_name(t->kind));
    if (t->p >= 0 && t->s >= 0)
        strbuf_printf(b, "(%d,%d)", t->p, t->s);
    else if (t->p >= 0)
        strbuf_printf(b, "(%d)", t->p);
    if (t->array)
        strbuf_puts(b, "[]");
}

/* SQL writes every cast as CAST(x AS t), which both dialects read; .mig
   keeps the form the author wrote. */
static void put_cast(struct strbuf *b, const struct expr_style *st, const struct expr *e)
{
    if (e->op == OP_TYPECAST && !st->upper) {
        /* -1::integer would read as -(1::integer). */
        put_operand(b, st, e->args[0], expr_prec(e->args[0]) < PREC_PRIMARY);
        strbuf_puts(b, "::");
        expr_print_type(b, st, &e->type);
        return;
    }
    expr_print_kw(b, st, "CAST(");
    expr_print(b, st, e->args[0]);
    expr_print_kw(b, st, " AS ");
    expr_print_type(b, st, &e->type);
    strbuf_putc(b, ')');
}

static void put_case(struct strbuf *b, const struct expr_style *st, const struct expr *e)
{
    expr_print_kw(b, st, "CASE");
    if (e->args[0]) {
        strbuf_putc(b, ' ');
        expr_print(b, st, e->args[0]);
    }
    int i = 1;
    for (; i + 1 < e->nargs; i += 2) {
        expr_print_kw(b, st, " WHEN ");
        expr_print(b, st, e->args[i]);
        expr_print_kw(b, st, " THEN ");
        expr_print(b, st, e->args[i + 1]);
    }
    if (i < e->nargs) {
        expr_print_kw(b, st, " ELSE ");
        expr_print(b, st, e->args[i]);
    }
    expr_print_kw(b, st, " END");
}
