.bail on

-- Running upgrade <base> -> 001, add user authentication table
-- tests/golden/basic_users/001_add_users.mig
BEGIN;
CREATE TABLE users (
    id INTEGER NOT NULL CONSTRAINT users_pkey PRIMARY KEY,
    username VARCHAR(50) NOT NULL,
    email VARCHAR(100) NOT NULL,
    password_hash VARCHAR(255) NOT NULL,
    created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT users_username_key UNIQUE (username),
    CONSTRAINT users_email_key UNIQUE (email)
);
CREATE INDEX ix_users_created_at ON users (created_at);
COMMIT;

-- Running upgrade 001 -> 002, add posts
-- tests/golden/basic_users/002_add_posts.mig
BEGIN;
CREATE TABLE posts (
    id INTEGER NOT NULL CONSTRAINT posts_pkey PRIMARY KEY,
    author_id INTEGER NOT NULL,
    title TEXT NOT NULL,
    body TEXT,
    published BOOLEAN NOT NULL DEFAULT 0,
    score REAL DEFAULT 0.5,
    CONSTRAINT posts_author_id_fkey FOREIGN KEY (author_id) REFERENCES users (id) ON DELETE CASCADE,
    CONSTRAINT posts_score_check CHECK (score >= 0)
);
COMMIT;

