"""comments, and issues touched by them

Revision ID: d3a0c57e9b12
Revises: b4e6f9a2c817
Create Date: 2025-04-19 08:51:44.623901

"""
from alembic import op
import sqlalchemy as sa


revision = 'd3a0c57e9b12'
down_revision = 'b4e6f9a2c817'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('comments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('issue_id', sa.Integer(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=True),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), server_default=sa.text('CURRENT_TIMESTAMP'), nullable=False),
    sa.Column('score', sa.Float(), server_default='0', nullable=False),
    sa.ForeignKeyConstraint(['issue_id'], ['issues.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['author_id'], ['users.id'], ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index('ix_comments_issue_created', 'comments', ['issue_id', 'created_at'])
    op.create_index(op.f('ix_comments_author_id'), 'comments', ['author_id'])

    if op.get_context().dialect.name == 'postgresql':
        op.execute("""
            CREATE OR REPLACE FUNCTION touch_issue() RETURNS trigger AS $$
            BEGIN
                UPDATE issues SET updated_at = now() WHERE id = NEW.issue_id;
                RETURN NEW;
            END;
            $$ LANGUAGE plpgsql
        """)
        op.execute("""
            CREATE TRIGGER comments_touch_issue
                AFTER INSERT OR UPDATE ON comments
                FOR EACH ROW EXECUTE FUNCTION touch_issue()
        """)


def downgrade():
    if op.get_context().dialect.name == 'postgresql':
        op.execute('DROP TRIGGER IF EXISTS comments_touch_issue ON comments')
        op.execute('DROP FUNCTION IF EXISTS touch_issue()')
    op.drop_table('comments')
