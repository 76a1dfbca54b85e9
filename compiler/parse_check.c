/* The checks of one parsed file that need nothing but the file, run over
   the nodes the grammar built (parse_ctx.h), in the order it built them,
   so that they report as if they ran in its actions. */
#include <string.h>

#include "parse_ctx.h"
#include "types.h"

/* PostgreSQL's NAMEDATALEN - 1. */
#define MAX_NAME_BYTES 63
#define MAX_REVISION_ID 32

void parse_node_add(struct parse_ctx *ctx, enum parse_node_kind kind, void *p)
{
    struct parse_node *n = arena_alloc(&ctx->scratch, sizeof *n);
    n->kind = kind;
    n->p = p;
    vec_push(&ctx->scratch, &ctx->nodes, n);
}

const struct stmt *parse_last_head(const struct parse_ctx *ctx)
{
    for (int i = ctx->nodes.n - 1; i >= 0; i--) {
        const struct parse_node *n = VEC_AT(ctx->nodes, i, const struct parse_node *);
        if (n->kind == PNODE_HEAD)
            return n->p;
    }
    return NULL;
}

bool parse_seen_item(const struct parse_ctx *ctx)
{
    for (int i = 0; i < ctx->nodes.n; i++)
        if (VEC_AT(ctx->nodes, i, const struct parse_node *)->kind == PNODE_ITEM)
            return true;
    return false;
}

/* What the walk over the nodes carries from one to the next. */
struct check {
    struct parse_ctx *ctx;
    const char *header_first;  /* first header item seen, NULL when none yet */
    const char *body_first;    /* first body seen, NULL when none yet */
    int item_line[PARSE_ITEMS]; /* line of each header item / body seen, 0 = not yet */
    struct vec *block;         /* where statements of the open body go; NULL
                                  in a repeated body, whose statements are dropped */
    const struct stmt *head;   /* the last statement head, for column messages */
};

static void check_name(struct parse_ctx *ctx, const struct ident *id)
{
    size_t len = strlen(id->name);
    if (len > MAX_NAME_BYTES) {
        diag_error(ctx->diag, id->loc, "name \"%s\" is too long", id->name);
        diag_detail(ctx->diag, "A name has at most %d bytes; this one has %zu.", MAX_NAME_BYTES, len);
    }
}

static void check_revid(struct parse_ctx *ctx, const struct ident *id, bool label)
{
    const char *what = label ? "branch label" : "revision id", *text = id->name;
    size_t len = strlen(text);
    if (strspn(text, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_") != len) {
        diag_error(ctx->diag, id->loc, "invalid %s \"%s\"", what, text);
        diag_detail(ctx->diag, "A %s consists of letters, digits and underscores.", what);
    } else if (len > (label ? MAX_NAME_BYTES : MAX_REVISION_ID)) {
        diag_error(ctx->diag, id->loc, "%s \"%s\" is too long", what, text);
        diag_detail(ctx->diag, "A %s has at most %d characters; this one has %zu.", what,
                    label ? MAX_NAME_BYTES : MAX_REVISION_ID, len);
    }
}

static void check_type(struct parse_ctx *ctx, struct parse_type *t)
{
    bool ok = t->native
                  ? types_resolve_native(ctx->diag, t->native, t->loc, &t->type)
                  : types_resolve(ctx->diag, t->name, t->name_loc, t->params, t->param_locs,
                                  t->nparams, &t->type);
    if (ok && t->array_dims > 1) {
        diag_error(ctx->diag, t->array_loc, "array types have one pair of brackets");
        diag_detail(ctx->diag, "PostgreSQL does not enforce an array's number of dimensions: "
                               "every array type is written T[].");
    } else if (ok && t->array_dims == 1 && types_is_serial(t->type.kind)) {
        diag_error(ctx->diag, t->loc, "array of serial is not implemented");
        diag_hint(ctx->diag, "Use an array of integer instead.");
        t->type.kind = TYPE_INTEGER;
    } else if (t->array_dims == 1) {
        t->type.array = true;
    }
    if (t->into)
        *t->into = t->type;
}

/* The combinations of column constraints PostgreSQL rejects, in the order
   written. */
static void check_column(struct check *c, const struct parse_column *pc)
{
    struct diag *d = c->ctx->diag;
    const struct column_def *col = pc->col;
    const char *table = c->head ? c->head->table.name : "?";
    bool said_null = false, said_not_null = false, identity = false, dflt = false;
    for (int i = 0; i < pc->colcons->n; i++) {
        const struct parse_colcon *cc = VEC_AT(*pc->colcons, i, const struct parse_colcon *);
        bool not_null = cc->kind == CC_NOT_NULL ||
                        (cc->kind == CC_CONSTRAINT && cc->con->kind == CON_PRIMARY_KEY);
        if ((not_null && said_null) || (cc->kind == CC_NULL && said_not_null))
            diag_error(d, cc->loc,
                       "conflicting null and not null declarations for column \"%s\" of table \"%s\"",
                       col->name.name, table);
        said_null |= cc->kind == CC_NULL;
        said_not_null |= not_null;
        if (cc->kind == CC_IDENTITY) {
            if (identity)
                diag_error(d, cc->loc,
                           "multiple identity specifications for column \"%s\" of table \"%s\"",
                           col->name.name, table);
            else if (dflt)
                diag_error(d, cc->loc,
                           "both default and identity specified for column \"%s\" of table \"%s\"",
                           col->name.name, table);
            identity = true;
        } else if (cc->kind == CC_DEFAULT) {
            if (dflt)
                diag_error(d, cc->loc,
                           "multiple default values specified for column \"%s\" of table \"%s\"",
                           col->name.name, table);
            else if (identity)
                diag_error(d, cc->loc,
                           "both default and identity specified for column \"%s\" of table \"%s\"",
                           col->name.name, table);
            dflt = true;
        }
    }
}

static void check_fkacts(struct parse_ctx *ctx, const struct parse_fkacts *acts)
{
    bool seen[2] = {false, false};
    for (int i = 0; i < acts->written.n; i++) {
        const struct parse_fk_action *a = VEC_AT(acts->written, i, const struct parse_fk_action *);
        if (seen[a->on_delete])
            diag_error(ctx->diag, a->loc, "\"on %s\" is given twice", a->on_delete ? "delete" : "update");
        seen[a->on_delete] = true;
    }
}

static void check_insert(struct parse_ctx *ctx, const struct stmt *s)
{
    int ncols = s->cols.n;
    for (int i = 0; i < s->rows.n; i++) {
        const struct vec *r = VEC_AT(s->rows, i, const struct vec *);
        if (r->n != ncols) {
            const struct expr *first = VEC_AT(*r, 0, const struct expr *);
            diag_error(ctx->diag, first->loc, "insert names %d column%s but this row has %d value%s",
                       ncols, ncols == 1 ? "" : "s", r->n, r->n == 1 ? "" : "s");
        }
    }
}

/* ---- header ------------------------------------------------------------ */

static const char *const item_words[PARSE_ITEMS] = {
    [ITEM_REVISION] = "revision", [ITEM_REVISES] = "revises", [ITEM_MESSAGE] = "message",
    [ITEM_CREATED] = "created", [ITEM_BRANCH] = "branch", [ITEM_DEPENDS] = "depends on",
    [ITEM_TRANSACTION] = "transaction", [ITEM_UPGRADE] = "upgrade", [ITEM_DOWNGRADE] = "downgrade",
};

/* Header items and bodies come once each, revision first, bodies last.
   Returns false for a repeated one, which the caller then ignores. */
static bool item_once(struct check *c, enum parse_item item, struct loc loc)
{
    struct diag *d = c->ctx->diag;
    const char *word = item_words[item];
    bool body = item == ITEM_UPGRADE || item == ITEM_DOWNGRADE;
    if (c->item_line[item]) {
        diag_error(d, loc, "\"%s\" is already given at line %d", word, c->item_line[item]);
        return false;
    }
    c->item_line[item] = loc.line;
    if (body) {
        if (!c->body_first)
            c->body_first = word;
    } else if (c->body_first) {
        diag_error(d, loc, "\"%s\" must come before the \"%s\" block", word, c->body_first);
    } else if (item == ITEM_REVISION && c->header_first) {
        diag_error(d, loc, "\"revision\" must come before \"%s\"", c->header_first);
        diag_detail(d, "A migration starts with its revision id.");
    }
    if (!body && !c->header_first)
        c->header_first = word;
    return true;
}

static void set_revises(struct parse_ctx *ctx, const struct vec *ids, struct loc span)
{
    struct migration *m = ctx->mig;
    m->has_revises = true;
    m->revises_loc = span;
    for (int i = 0; i < ids->n; i++) {
        const struct ident *id = VEC_AT(*ids, i, const struct ident *);
        if (!name_eq(id->name, "base"))
            vec_push(ctx->arena, &m->revises, (void *)id);
        else if (ids->n == 1)
            m->revises_base = true;
        else
            diag_error(ctx->diag, id->loc, "\"base\" cannot be listed with other revisions");
    }
}

/* n digits at *p, advancing; -1 when they are not there. */
static int take_digits(const char **p, int n)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if ((*p)[i] < '0' || (*p)[i] > '9')
            return -1;
        v = v * 10 + ((*p)[i] - '0');
    }
    *p += n;
    return v;
}

static bool take_char(const char **p, char c)
{
    if (**p != c)
        return false;
    (*p)++;
    return true;
}

/* YYYY-MM-DD, optionally followed by [T ]HH:MM[:SS[.frac]][Z|+HH:MM|-HH:MM]. */
static bool valid_created(const char *s)
{
    static const int days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int y = take_digits(&s, 4);
    if (y < 0 || !take_char(&s, '-'))
        return false;
    int mo = take_digits(&s, 2);
    if (mo < 1 || mo > 12 || !take_char(&s, '-'))
        return false;
    int d = take_digits(&s, 2);
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    if (d < 1 || d > days[mo - 1] || (mo == 2 && d == 29 && !leap))
        return false;
    if (!*s)
        return true;
    if (!take_char(&s, 'T') && !take_char(&s, ' '))
        return false;
    int h = take_digits(&s, 2);
    if (h < 0 || h > 23 || !take_char(&s, ':'))
        return false;
    int mi = take_digits(&s, 2);
    if (mi < 0 || mi > 59)
        return false;
    if (take_char(&s, ':')) {
        int sec = take_digits(&s, 2);
        if (sec < 0 || sec > 60)
            return false;
        if (take_char(&s, '.')) {
            if (*s < '0' || *s > '9')
                return false;
            while (*s >= '0' && *s <= '9')
                s++;
        }
    }
    if (take_char(&s, 'Z'))
        return !*s;
    if (take_char(&s, '+') || take_char(&s, '-')) {
        int oh = take_digits(&s, 2);
        if (oh < 0 || oh > 23 || !take_char(&s, ':'))
            return false;
        int om = take_digits(&s, 2);
        if (om < 0 || om > 59)
            return false;
    }
    return !*s;
}

static void check_created(struct parse_ctx *ctx, const char *text, struct loc loc)
{
    if (valid_created(text))
        return;
    diag_error(ctx->diag, loc, "invalid created date \"%s\"", text);
    diag_hint(ctx->diag, "Write an ISO 8601 date such as '2026-01-11' or a date-time such as "
                         "'2026-01-11T09:30:00Z'.");
}

/* Checks a header item and, unless it is repeated, records it in the
   migration; a body's opening also says where its statements go. */
static void take_item(struct check *c, const struct parse_item_node *it)
{
    struct parse_ctx *ctx = c->ctx;
    struct migration *m = ctx->mig;
    bool once = item_once(c, it->item, it->loc);
    if (it->item == ITEM_UPGRADE) {
        c->block = once ? &m->upgrade : NULL;
        if (once) {
            m->has_upgrade = true;
            m->upgrade_loc = it->loc;
        }
        return;
    }
    if (it->item == ITEM_DOWNGRADE && !it->irreversible)
        c->block = once ? &m->downgrade : NULL;
    if (!once)
        return;
    switch (it->item) {
    case ITEM_REVISION:
        if (name_eq(it->id->name, "base"))
            diag_error(ctx->diag, it->id->loc, "\"base\" cannot be a revision id");
        m->revision = *it->id;
        break;
    case ITEM_REVISES:
        set_revises(ctx, it->list, it->span);
        break;
    case ITEM_MESSAGE:
        m->message = it->text;
        m->message_loc = it->span;
        break;
    case ITEM_CREATED:
        check_created(ctx, it->text, it->span);
        m->created = it->text;
        m->created_loc = it->span;
        break;
    case ITEM_BRANCH:
        m->branches = *it->list;
        break;
    case ITEM_DEPENDS:
        m->depends_on = *it->list;
        break;
    case ITEM_TRANSACTION:
        m->transaction_none = true;
        m->transaction_loc = it->span;
        break;
    case ITEM_DOWNGRADE:
        m->downgrade_kind = it->irreversible ? DOWNGRADE_IRREVERSIBLE : DOWNGRADE_EXPLICIT;
        m->downgrade_loc = it->loc;
        break;
    case ITEM_UPGRADE:
    case PARSE_ITEMS:
        break;
    }
}

void parse_check(struct parse_ctx *ctx)
{
    struct check c = {.ctx = ctx};
    for (int i = 0; i < ctx->nodes.n; i++) {
        const struct parse_node *n = VEC_AT(ctx->nodes, i, const struct parse_node *);
        switch (n->kind) {
        case PNODE_NAME: check_name(ctx, n->p); break;
        case PNODE_REVID: check_revid(ctx, n->p, false); break;
        case PNODE_LABEL: check_revid(ctx, n->p, true); break;
        case PNODE_TYPE: check_type(ctx, n->p); break;
        case PNODE_HEAD: c.head = n->p; break;
        case PNODE_COLUMN: check_column(&c, n->p); break;
        case PNODE_FKACTS: check_fkacts(ctx, n->p); break;
        case PNODE_INSERT: check_insert(ctx, n->p); break;
        case PNODE_ITEM: take_item(&c, n->p); break;
        case PNODE_STMT:
            if (c.block)
                vec_push(ctx->arena, c.block, n->p);
            break;
        }
    }
}
