"""Left branch.   

Revision ID: 2a
Revises: 1f2e3d4c5b6a
Create Date: not a date

"""
revision = '2a'
down_revision = '1f2e3d4c5b6a'
branch_labels = 'left'


def upgrade():
    op.add_column('a', sa.Column('l', sa.Integer()))


def downgrade():
    pass
