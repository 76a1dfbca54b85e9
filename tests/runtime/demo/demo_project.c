/* A hand-written project in the form `migc emit-c` generates, so that the
   runtime is tested on its own (its SQL is the same on both dialects): 001 -> {002 (branch "posts"), 003} -> 004
   (merge) -> 005, and 006 whose second statement fails. */
#include "migc_migrator.h"

#define F1 "versions/001_users.mig"
#define F2 "versions/002_posts.mig"
#define F3 "versions/003_email.mig"
#define F4 "versions/004_merge.mig"
#define F5 "versions/005_tags.mig"

static const struct migc_stmt r0_up[] = {
    {"CREATE TABLE users (id INTEGER NOT NULL, name TEXT NOT NULL, CONSTRAINT users_pkey PRIMARY KEY (id))", F1, 6},
};
static const struct migc_stmt r0_down[] = {{"DROP TABLE users", F1, 6}};
static const struct migc_stmt r1_up[] = {
    {"CREATE TABLE posts (id INTEGER NOT NULL, user_id INTEGER, title TEXT, CONSTRAINT posts_pkey PRIMARY KEY (id), CONSTRAINT posts_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id))", F2, 7},
};
static const struct migc_stmt r1_down[] = {{"DROP TABLE posts", F2, 7}};
static const struct migc_stmt r2_up[] = {
    {"ALTER TABLE users ADD COLUMN email TEXT", F3, 6},
    {"CREATE INDEX ix_users_email ON users (email)", F3, 7},
};
static const struct migc_stmt r2_down[] = {
    {"DROP INDEX ix_users_email", F3, 7},
    {"ALTER TABLE users DROP COLUMN email", F3, 6},
};
static const struct migc_stmt r4_up[] = {
    {"CREATE TABLE tags (id INTEGER NOT NULL, label TEXT NOT NULL, CONSTRAINT tags_pkey PRIMARY KEY (id))", F5, 6},
    {"INSERT INTO tags (id, label) VALUES (1, 'first')", F5, 10},
};
static const struct migc_stmt r4_down[] = {
    {"DELETE FROM tags WHERE id = 1", F5, 10},
    {"DROP TABLE tags", F5, 6},
};

static const int p1[] = {0}; /* 001 */
static const int p3[] = {1, 2}; /* 002 003 */
static const int p4[] = {3}; /* 004 */
static const char *const l1[] = {"posts"};

static const struct migc_object objects_sqlite[] = {
    {"table", "users", "CREATE TABLE users (id INTEGER NOT NULL, name TEXT NOT NULL, CONSTRAINT users_pkey PRIMARY KEY (id))"},
    {"table", "posts", "CREATE TABLE posts (id INTEGER NOT NULL, user_id INTEGER, title TEXT, CONSTRAINT posts_pkey PRIMARY KEY (id), CONSTRAINT posts_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id))"},
    {"table", "users", "CREATE TABLE users (id INTEGER NOT NULL, name TEXT NOT NULL, email TEXT, CONSTRAINT users_pkey PRIMARY KEY (id))"},
    {"index", "ix_users_email", "CREATE INDEX ix_users_email ON users (email)"},
    {"table", "tags", "CREATE TABLE tags (id INTEGER NOT NULL, label TEXT NOT NULL, CONSTRAINT tags_pkey PRIMARY KEY (id))"},
};

static const int s0_add[] = {0};
static const int s1_add[] = {1};
static const int s2_add[] = {2, 3};
static const int s2_drop[] = {0};
static const int s3_add[] = {2, 3};
static const int s3_drop[] = {0};
static const int s4_add[] = {4};

static const struct migc_revision revisions[] = {
    {.id = "001", .message = "create users", .created = "2026-01-11", .file = F1,
     .checksum = "1111111111111111111111111111111111111111111111111111111111111111",
     .upgrade = {{r0_up, 1}, {r0_up, 1}}, .downgrade = {{r0_down, 1}, {r0_down, 1}},
     .schema = {{s0_add, 1, 0, 0}, {s0_add, 1, 0, 0}}},
    {.id = "002", .parents = p1, .nparents = 1, .labels = l1, .nlabels = 1,
     .message = "add posts", .created = "2026-01-12", .file = F2,
     .checksum = "2222222222222222222222222222222222222222222222222222222222222222",
     .upgrade = {{r1_up, 1}, {r1_up, 1}}, .downgrade = {{r1_down, 1}, {r1_down, 1}},
     .schema = {{s1_add, 1, 0, 0}, {s1_add, 1, 0, 0}}},
    {.id = "003", .parents = p1, .nparents = 1, .message = "add email", .created = "2026-01-13",
     .file = F3, .checksum = "3333333333333333333333333333333333333333333333333333333333333333",
     .upgrade = {{r2_up, 2}, {r2_up, 2}}, .downgrade = {{r2_down, 2}, {r2_down, 2}},
     .schema = {{s2_add, 2, s2_drop, 1}, {s2_add, 2, s2_drop, 1}}},
    {.id = "004", .parents = p3, .nparents = 2, .message = "merge branches",
     .created = "2026-01-14", .file = F4,
     .checksum = "4444444444444444444444444444444444444444444444444444444444444444",
     .schema = {{s3_add, 2, s3_drop, 1}, {s3_add, 2, s3_drop, 1}}},
    {.id = "005", .parents = p4, .nparents = 1, .message = "add tags", .created = "2026-01-15",
     .file = F5, .checksum = "5555555555555555555555555555555555555555555555555555555555555555",
     .upgrade = {{r4_up, 2}, {r4_up, 2}}, .downgrade = {{r4_down, 2}, {r4_down, 2}},
     .schema = {{s4_add, 1, 0, 0}, {s4_add, 1, 0, 0}}},
};

static const int by_id[] = {0, 1, 2, 3, 4};

static const struct migc_project project = {
    .abi = MIGC_ABI_VERSION,
    .name = "demo-migrate",
    .migc_version = "0.1.0",
    .version_table = "migc_version",
    .default_url = "sqlite:///demo.db",
    .url_env = "DATABASE_URL",
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
