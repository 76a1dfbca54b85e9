/* Prints expressions as text: the one printer behind SQL, .mig text and
   messages. It knows no dialect; what a dialect spells its own way comes
   in through the style's hooks (render.h fills them), so the schema model
   can use it for messages without depending on rendering. */
#ifndef MIGC_EXPR_PRINT_H
#define MIGC_EXPR_PRINT_H

#include <stdbool.h>

#include "arena.h"
#include "ast.h"

struct expr_style {
    bool upper;                /* keywords in upper case (SQL); else lower case */
    bool parens;               /* parentheses where binding strength needs them, so
                                  that the text parses back to the same tree (SQL,
                                  .mig); off, the tree prints as written (messages) */
    const void *ctx;           /* for the hooks */
    /* A column reference; NULL: the name as written. */
    void (*put_column)(struct strbuf *b, const struct expr_style *st, const char *name);
    /* A function's name; NULL: as written. */
    void (*put_func_name)(struct strbuf *b, const char *name);
    /* Prints e in the style's own spelling and returns true, or returns
       false for the common one. NULL: always the common one. */
    bool (*put_special)(struct strbuf *b, const struct expr_style *st, const struct expr *e);
    /* The type of a cast; NULL: its .mig name. */
    void (*put_type)(struct strbuf *b, const struct expr_style *st, const struct type *t);
};

/* The style of messages: lower case, names and parentheses as written. */
extern const struct expr_style expr_style_message;

/* Appends e (NULL prints as null). Never fails. */
void expr_print(struct strbuf *b, const struct expr_style *st, const struct expr *e);

/* Appends e as an operand of a comparison such as =: in parentheses when
   it binds no tighter than one (and the style adds parentheses). */
void expr_print_cmp_operand(struct strbuf *b, const struct expr_style *st, const struct expr *e);

/* Appends e as the operand of collate: in parentheses unless it is a
   primary (the dialects bind collate differently against operators). */
void expr_print_collate_operand(struct strbuf *b, const struct expr_style *st,
                                const struct expr *e);

/* A binary operator as SQL writes it ("OR", "<>", "->>"). */
const char *expr_op_text(enum expr_op op);

/* A cast's type: through the style's put_type, else its .mig name. */
void expr_print_type(struct strbuf *b, const struct expr_style *st, const struct type *t);

/* A keyword, given in upper case: as given, or lower-cased. */
void expr_print_kw(struct strbuf *b, const struct expr_style *st, const char *kw);

#endif
