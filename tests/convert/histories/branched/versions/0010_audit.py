"""audit log, needing the billing branch

Revision ID: 0010
Revises: 0009
Create Date: 2024-03-04 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa

revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = ('0004',)


def upgrade():
    op.create_table('audit',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('what', sa.Text(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index('ix_audit_at', 'audit', ['at'])


def downgrade():
    op.drop_index('ix_audit_at', table_name='audit')
    op.drop_table('audit')
