#include "expr_print.h"

const struct expr_style expr_style_message = {0};

/* Binding strength, weakest first. The levels are the part PostgreSQL and
   SQLite agree on; where they disagree (|| binds weaker than + in
   PostgreSQL and tighter than * in SQLite; IS, IN, LIKE and BETWEEN sit on
   different levels from = and <) the operands get parentheses, so one
   rendering means the same tree in both, and in .mig. */
enum {
    PREC_OR = 1, PREC_AND, PREC_NOT, PREC_CMP, PREC_CONCAT, PREC_ADD, PREC_MUL,
    PREC_UNARY, PREC_PRIMARY,
};

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
        case OP_CONCAT: return PREC_CONCAT;
        case OP_ADD: case OP_SUB: return PREC_ADD;
        default: return PREC_MUL;
        }
    case EXPR_IS_NULL: case EXPR_IN: case EXPR_LIKE: case EXPR_BETWEEN:
        return PREC_CMP;
    default:
        return PREC_PRIMARY;
    }
}

static const char *op_text(enum expr_op op)
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
    expr_print_kw(b, st, op_text(e->op));
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
    }
}
