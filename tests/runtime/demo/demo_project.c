/* A hand-written project in the form `migc emit-c` generates, so that the
   runtime is tested on its own (its SQL is the same on both dialects): 001 -> {002 (branch "posts"), 003} -> 004
   (merge) -> 005, and 006 whose second statement fails.

   The string table is written as a struct of char arrays, one member per
   string, so that each string's offset is offsetof(struct demo_strings,
   member) and no offset is counted by hand. */
#include <stddef.h>

#include "migc_migrator.h"

#define DEMO_STRINGS(X)                                                                            \
    X(none, "")                                                                                    \
    X(name, "demo-migrate")                                                                        \
    X(migc_version, "0.1.0")                                                                       \
    X(version_table, "migc_version")                                                               \
    X(default_url, "sqlite:///demo.db")                                                            \
    X(url_env, "DATABASE_URL")                                                                     \
    X(f1, "versions/001_users.mig")                                                                \
    X(f2, "versions/002_posts.mig")                                                                \
    X(f3, "versions/003_email.mig")                                                                \
    X(f4, "versions/004_merge.mig")                                                                \
    X(f5, "versions/005_tags.mig")                                                                 \
    X(id1, "001")                                                                                  \
    X(id2, "002")                                                                                  \
    X(id3, "003")                                                                                  \
    X(id4, "004")                                                                                  \
    X(id5, "005")                                                                                  \
    X(msg1, "create users")                                                                        \
    X(msg2, "add posts")                                                                           \
    X(msg3, "add email")                                                                           \
    X(msg4, "merge branches")                                                                      \
    X(msg5, "add tags")                                                                            \
    X(day1, "2026-01-11")                                                                          \
    X(day2, "2026-01-12")                                                                          \
    X(day3, "2026-01-13")                                                                          \
    X(day4, "2026-01-14")                                                                          \
    X(day5, "2026-01-15")                                                                          \
    X(sum1, "1111111111111111111111111111111111111111111111111111111111111111")                    \
    X(sum2, "2222222222222222222222222222222222222222222222222222222222222222")                    \
    X(sum3, "3333333333333333333333333333333333333333333333333333333333333333")                    \
    X(sum4, "4444444444444444444444444444444444444444444444444444444444444444")                    \
    X(sum5, "5555555555555555555555555555555555555555555555555555555555555555")                    \
    X(posts, "posts")                                                                              \
    X(table, "table")                                                                              \
    X(index, "index")                                                                              \
    X(users, "users")                                                                              \
    X(tags, "tags")                                                                                \
    X(ix_users_email, "ix_users_email")                                                            \
    X(users1, "CREATE TABLE users (id INTEGER NOT NULL, name TEXT NOT NULL, CONSTRAINT "           \
              "users_pkey PRIMARY KEY (id))")                                                      \
    X(drop_users, "DROP TABLE users")                                                              \
    X(posts1, "CREATE TABLE posts (id INTEGER NOT NULL, user_id INTEGER, title TEXT, CONSTRAINT "  \
              "posts_pkey PRIMARY KEY (id), CONSTRAINT posts_user_id_fkey FOREIGN KEY (user_id) "  \
              "REFERENCES users (id))")                                                            \
    X(drop_posts, "DROP TABLE posts")                                                              \
    X(add_email, "ALTER TABLE users ADD COLUMN email TEXT")                                        \
    X(ix_email, "CREATE INDEX ix_users_email ON users (email)")                                    \
    X(drop_ix_email, "DROP INDEX ix_users_email")                                                  \
    X(drop_email, "ALTER TABLE users DROP COLUMN email")                                           \
    X(users2, "CREATE TABLE users (id INTEGER NOT NULL, name TEXT NOT NULL, email TEXT, "          \
              "CONSTRAINT users_pkey PRIMARY KEY (id))")                                           \
    X(tags1, "CREATE TABLE tags (id INTEGER NOT NULL, label TEXT NOT NULL, CONSTRAINT tags_pkey "  \
             "PRIMARY KEY (id))")                                                                  \
    X(insert_tag, "INSERT INTO tags (id, label) VALUES (1, 'first')")                              \
    X(delete_tag, "DELETE FROM tags WHERE id = 1")                                                 \
    X(drop_tags, "DROP TABLE tags")

#define DEMO_MEMBER(name, text) char name[sizeof text];
#define DEMO_TEXT(name, text) text,
#define DEMO_SIZE(name, text) +sizeof text
struct demo_strings {
    DEMO_STRINGS(DEMO_MEMBER)
};
/* Char arrays take no padding between them: the struct is the table. */
_Static_assert(sizeof(struct demo_strings) == 0 DEMO_STRINGS(DEMO_SIZE), "padded string table");
static const struct demo_strings strings = {DEMO_STRINGS(DEMO_TEXT)};
#define S(name) ((int)offsetof(struct demo_strings, name))

static const struct migc_stmt stmts[] = {
    /* 0: r0 up */ {S(users1), S(f1), 6},
    /* 1: r0 down */ {S(drop_users), S(f1), 6},
    /* 2: r1 up */ {S(posts1), S(f2), 7},
    /* 3: r1 down */ {S(drop_posts), S(f2), 7},
    /* 4: r2 up */ {S(add_email), S(f3), 6},
    {S(ix_email), S(f3), 7},
    /* 6: r2 down */ {S(drop_ix_email), S(f3), 7},
    {S(drop_email), S(f3), 6},
    /* 8: r4 up */ {S(tags1), S(f5), 6},
    {S(insert_tag), S(f5), 10},
    /* 10: r4 down */ {S(delete_tag), S(f5), 10},
    {S(drop_tags), S(f5), 6},
};

static const int lists[] = {
    /* 0: parents of 002 and 003 */ 0,
    /* 1: parents of 004 */ 1, 2,
    /* 3: parents of 005 */ 3,
    /* 4: labels of 002 */ S(posts),
    /* 5: schema adds and drops */ 0, 1, 2, 3, 0, 4,
};

static const struct migc_object objects_sqlite[] = {
    {S(table), S(users), S(users1), 0},
    {S(table), S(posts), S(posts1), 0},
    {S(table), S(users), S(users2), 0},
    {S(index), S(ix_users_email), S(ix_email), 0},
    {S(table), S(tags), S(tags1), 0},
};

static const struct migc_revision revisions[] = {
    {.id = S(id1), .message = S(msg1), .created = S(day1), .file = S(f1), .checksum = S(sum1),
     .upgrade = {{0, 1}, {0, 1}}, .downgrade = {{1, 1}, {1, 1}},
     .schema = {{5, 1, 0, 0}, {5, 1, 0, 0}}},
    {.id = S(id2), .parents = 0, .nparents = 1, .labels = 4, .nlabels = 1, .message = S(msg2),
     .created = S(day2), .file = S(f2), .checksum = S(sum2), .upgrade = {{2, 1}, {2, 1}},
     .downgrade = {{3, 1}, {3, 1}}, .schema = {{6, 1, 0, 0}, {6, 1, 0, 0}}},
    {.id = S(id3), .parents = 0, .nparents = 1, .message = S(msg3), .created = S(day3),
     .file = S(f3), .checksum = S(sum3), .upgrade = {{4, 2}, {4, 2}},
     .downgrade = {{6, 2}, {6, 2}}, .schema = {{7, 2, 9, 1}, {7, 2, 9, 1}}},
    {.id = S(id4), .parents = 1, .nparents = 2, .message = S(msg4), .created = S(day4),
     .file = S(f4), .checksum = S(sum4), .schema = {{7, 2, 9, 1}, {7, 2, 9, 1}}},
    {.id = S(id5), .parents = 3, .nparents = 1, .message = S(msg5), .created = S(day5),
     .file = S(f5), .checksum = S(sum5), .upgrade = {{8, 2}, {8, 2}},
     .downgrade = {{10, 2}, {10, 2}}, .schema = {{10, 1, 0, 0}, {10, 1, 0, 0}}},
};

static const int by_id[] = {0, 1, 2, 3, 4};

static const struct migc_project project = {
    .abi = MIGC_ABI_VERSION,
    .strings = (const char *)&strings,
    .lists = lists,
    .stmts = stmts,
    .name = S(name),
    .migc_version = S(migc_version),
    .version_table = S(version_table),
    .default_url = S(default_url),
    .url_env = S(url_env),
    .dialects = 1u << MIGC_SQLITE | 1u << MIGC_POSTGRES,
    .revisions = revisions,
    .nrevisions = 5,
    .by_id = by_id,
    .objects = {objects_sqlite, objects_sqlite},
    .nobjects = {5, 5},
};

int main(int argc, char **argv)
{
    return migc_main(&project, argc, argv);
}
