# The online half of Alembic's "generic" template (alembic init), with the
# URL from -x url=... and transaction_per_migration=True, so that each
# migration commits with its bookkeeping in its own transaction, as migc's
# and dbmate's defaults do.
from alembic import context
from sqlalchemy import engine_from_config, pool

config = context.config
url = context.get_x_argument(as_dictionary=True)["url"]
connectable = engine_from_config(
    {"sqlalchemy.url": url}, prefix="sqlalchemy.", poolclass=pool.NullPool
)
with connectable.connect() as connection:
    context.configure(
        connection=connection,
        target_metadata=None,
        transaction_per_migration=True,
    )
    with context.begin_transaction():
        context.run_migrations()
