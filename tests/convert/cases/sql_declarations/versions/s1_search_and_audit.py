"""search and audit

Revision ID: s1
Revises:
Create Date: 2025-08-01 09:00:00

"""
from alembic import op
import sqlalchemy as sa

revision = 's1'
down_revision = None


def upgrade():
    op.create_table('note',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('owner', sa.String(40), nullable=False),
        sa.Column('title', sa.String(200), nullable=False),
        sa.Column('updated_at', sa.DateTime(), nullable=True))
    if op.get_context().dialect.name == 'postgresql':
        op.execute('CREATE EXTENSION IF NOT EXISTS pg_trgm')
        op.execute("""
            CREATE OR REPLACE FUNCTION public.note_touch() RETURNS trigger AS $$
            BEGIN
                -- not a statement of the block: DROP TABLE note;
                NEW.updated_at := now();
                RETURN NEW;
            END;
            $$ LANGUAGE plpgsql;
            CREATE TRIGGER "Note_Touch" BEFORE UPDATE ON public.note
                FOR EACH ROW EXECUTE FUNCTION note_touch();
        """)
        op.execute("CREATE SEQUENCE note_number_seq START 1000")
        op.execute("CREATE TYPE note_state AS ENUM ('draft', 'final')")
        op.execute("ALTER TABLE note ENABLE ROW LEVEL SECURITY")
        op.execute("CREATE POLICY note_owner ON note USING (owner = current_user)")
        op.execute("CREATE MATERIALIZED VIEW note_titles AS SELECT id, title FROM note")
    op.execute("CREATE INDEX ix_note_title ON note (title)")
    op.execute("CREATE VIEW recent_note AS SELECT id, title FROM note")
    op.execute("CREATE TABLE note_tag (note_id integer, tag varchar(40))")
    op.execute("CREATE TEMP TABLE scratch AS SELECT 1 AS one; DROP TABLE scratch")
    op.execute("UPDATE note SET title = 'DROP TABLE note' WHERE title = ''")


def downgrade():
    op.execute("DROP TABLE note_tag; DROP VIEW IF EXISTS recent_note")
    op.execute("DROP INDEX ix_note_title")
    if op.get_context().dialect.name == 'postgresql':
        op.execute("DROP MATERIALIZED VIEW note_titles")
        op.execute("DROP POLICY IF EXISTS note_owner ON note")
        op.execute("DROP TYPE note_state; DROP SEQUENCE note_number_seq")
        op.execute('DROP TRIGGER "Note_Touch" ON note; DROP FUNCTION note_touch()')
        op.execute('DROP EXTENSION pg_trgm')
    op.drop_table('note')
