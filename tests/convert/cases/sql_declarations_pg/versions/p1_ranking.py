"""ranking

Revision ID: p1
Revises:
Create Date: 2025-08-03 09:00:00

"""
from alembic import op
import sqlalchemy as sa

revision = 'p1'
down_revision = None


def upgrade():
    op.create_table('post',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('votes', sa.Integer(), server_default='0', nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False))
    # unguarded: Alembic runs this history on PostgreSQL only
    op.execute("""
        CREATE FUNCTION hot_rank(votes integer, created_at timestamp) RETURNS float
        LANGUAGE sql IMMUTABLE AS $$
            SELECT votes / power(extract(epoch FROM now() - created_at) / 3600 + 2, 1.8)
        $$
    """)
    op.execute("CREATE INDEX ix_post_hot ON post (hot_rank(votes, created_at))")


def downgrade():
    op.drop_index('ix_post_hot', table_name='post')
    op.execute("DROP FUNCTION hot_rank(integer, timestamp)")
    op.drop_table('post')
