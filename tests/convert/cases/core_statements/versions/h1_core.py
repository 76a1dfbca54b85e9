"""data fixes written with SQLAlchemy core

Revision ID: h1
Revises:
Create Date: 2024-08-01 00:00:00

"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.sql import table, column

revision = 'h1'
down_revision = None
branch_labels = None
depends_on = None

# bound at the module level, used by both functions
accounts = sa.sql.table(
    'accounts',
    sa.sql.column('id', sa.Integer),
    sa.sql.column('email', sa.String),
    sa.sql.column('login', sa.String),
    sa.sql.column('plan', sa.String),
    sa.sql.column('seen', sa.DateTime),
)


def upgrade():
    op.create_table('accounts',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('email', sa.String(200)),
        sa.Column('login', sa.String(200)),
        sa.Column('plan', sa.String(20)),
        sa.Column('active', sa.Boolean()),
        sa.Column('seen', sa.DateTime()),
    )
    user = table('user', column('confirmed'))
    op.execute(accounts.update().values(login=accounts.c.email))
    op.execute(
        accounts.update()
        .where(accounts.c.plan == None)
        .values({'plan': 'free', 'seen': sa.func.now()})
    )
    op.execute(
        accounts.update().where(
            sa.and_(
                accounts.c.email.like("%'%"),
                accounts.c.email.notlike('%@example.com'),
                sa.or_(accounts.c.id <= 7, accounts.c.id.in_([10, 11])),
            )
        ).values({'email': sa.func.replace(sa.func.lower(accounts.c.email), "'", '"')})
    )
    op.execute(accounts.delete().where((accounts.c.plan != 'paid') & ~accounts.c.login.is_(None)))
    op.execute(sa.delete(accounts).where(accounts.c.plan.notin_(('free', 'paid'))).where(accounts.c.id > -1))
    op.execute(sa.update(accounts).values(plan=None))
    with op.batch_alter_table('accounts') as batch_op:
        batch_op.execute(accounts.update().values(active=True))
        batch_op.alter_column('active', nullable=False, existing_type=sa.Boolean())
    # beyond what converts: arithmetic, another table's column, a select
    op.execute(accounts.update().values(id=accounts.c.id + 1))
    op.execute(accounts.update().values(login=user.c.confirmed))
    op.execute(sa.select(accounts.c.id))


def downgrade():
    op.execute(accounts.delete())
    op.drop_table('accounts')
