"""rank trigger

Revision ID: p2
Revises: p1
Create Date: 2025-08-04 09:00:00

"""
from alembic import op

revision = 'p2'
down_revision = 'p1'


def upgrade():
    op.execute("""
        CREATE FUNCTION post_guard() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF NEW.votes < 0 THEN NEW.votes := 0; END IF;
            RETURN NEW;
        END $$;
        DROP TRIGGER IF EXISTS post_guard ON post;
        CREATE TRIGGER post_guard BEFORE INSERT OR UPDATE ON post
            FOR EACH ROW EXECUTE FUNCTION post_guard();
        DROP TRIGGER IF EXISTS post_guard ON post;
        CREATE TRIGGER post_guard BEFORE INSERT OR UPDATE ON post
            FOR EACH ROW EXECUTE FUNCTION post_guard()
    """)


def downgrade():
    pass
