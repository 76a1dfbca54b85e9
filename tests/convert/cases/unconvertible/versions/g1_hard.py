"""things a person must convert

Revision ID: g1
Revises:
Create Date: 2024-07-01 00:00:00

"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql
from myapp.models import User  # the application's models

revision = 'g1'
down_revision = None


def _tables():
    return ['x', 'y']


@some_decorator
def helper():
    pass


def upgrade():
    op.create_table('people',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('mood', sa.Enum('happy', 'sad', name='mood'), nullable=True),
        sa.Column('tags', postgresql.ARRAY(sa.String()), nullable=True),
        sa.Column('ip', postgresql.INET(), nullable=True),
        sa.Column('note', sa.Text(), comment='free text'),
    )
    for name in _tables():
        op.add_column(name, sa.Column('flag', sa.Boolean()))
    try:
        op.drop_table('legacy')
    except Exception:
        pass
    conn = op.get_bind()
    session = sa.orm.Session(bind=conn)
    for user in session.query(User):
        user.name = user.name.strip()
    session.commit()
    op.create_table('geo', sa.Column('id', sa.Integer(), primary_key=True), schema='gis')
    op.create_index('ix_people_tags', 'people', ['tags'], postgresql_using='gin')
    op.execute(sa.table('people').update().values(mood='happy'))
    op.add_column('people', sa.Column('score', sa.Integer(), sa.Computed('id * 2')))
    op.create_foreign_key(None, 'people', 'people', ['id'], ['id'], deferrable=True)
    op.drop_constraint(None, 'people')
    op.alter_column('people', 'note', server_default=sa.text("'a';'b'"))
    op.execute(f"UPDATE people SET note = '{User.default}'")
    op.get_context().migration_context.foo()
    op.execute('ALTER TABLE people ADD COLUMN age integer')
    x = 1 if True else 2
    if context.config.get_main_option('flag'):
        op.drop_column('people', 'note')
    op.create_index('ix_people_note', 'people', ['note'], postgresql_concurrently=False); op.drop_index('ix_people_note')


def downgrade():
    for t in ('people',):
        op.drop_table(t)
