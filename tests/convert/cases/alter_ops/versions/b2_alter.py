"""alter things

Revision ID: b2
Revises: a1
Create Date: 2024-03-02 08:00:00

"""
from alembic import op
import sqlalchemy as sa

revision = "b2"
down_revision = "a1"
branch_labels = None
depends_on = None


def upgrade():
    op.add_column('users', sa.Column('nickname', sa.String(length=50), nullable=True))
    op.add_column('users', sa.Column('karma', sa.Integer(), server_default='0', nullable=False))
    op.add_column('posts', sa.Column('views', sa.BigInteger(), nullable=True, index=True))
    op.alter_column('users', 'bio',
               existing_type=sa.TEXT(),
               type_=sa.String(length=2000),
               existing_nullable=True,
               postgresql_using='substr(bio, 1, 2000)')
    op.alter_column('users', 'name', existing_type=sa.VARCHAR(length=100), nullable=False,
                    server_default=None)
    op.alter_column('posts', 'title', new_column_name='headline', existing_type=sa.String(200))
    op.alter_column('users', 'score', server_default=sa.text('1.5'))
    op.drop_column('users', 'wakes')
    op.rename_table('counters', 'tallies')
    op.drop_table('tags')


def downgrade():
    op.create_table('tags',
    sa.Column('post_id', sa.BigInteger(), nullable=False),
    sa.Column('tag', sa.String(length=40), nullable=False),
    sa.Column('position', sa.Integer(), autoincrement=False, nullable=False),
    sa.ForeignKeyConstraint(['post_id'], ['posts.id'], name='fk_tags_post', ondelete='SET NULL', onupdate='CASCADE'),
    sa.PrimaryKeyConstraint('post_id', 'tag', name='pk_tags'),
    )
    op.rename_table('tallies', 'counters')
    op.add_column('users', sa.Column('wakes', sa.Time(), nullable=True))
    op.alter_column('users', 'score', server_default=None)
    op.alter_column('posts', 'headline', new_column_name='title')
    op.alter_column('users', 'name', nullable=True, server_default='anonymous')
    op.alter_column('users', 'bio', type_=sa.Text(), existing_nullable=True)
    op.drop_index('ix_posts_views', table_name='posts')
    op.drop_column('posts', 'views')
    op.drop_column('users', 'karma')
    op.drop_column('users', 'nickname')
