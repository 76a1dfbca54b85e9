"""Runs real Alembic over a versions/ directory, as the conversion tests
need it: alembic_run.py VERSIONS URL upgrade|downgrade TARGET. The
environment is the smallest that works: a script location holding only
env.py and a copy of the revision files, no alembic.ini."""
import os
import shutil
import sys
import tempfile

from alembic import command
from alembic.config import Config

ENV_PY = '''
from alembic import context
from sqlalchemy import create_engine

engine = create_engine(context.config.get_main_option("sqlalchemy.url"))
with engine.connect() as connection:
    context.configure(connection=connection)
    with context.begin_transaction():
        context.run_migrations()
'''


def main():
    versions, url, verb, target = sys.argv[1:5]
    with tempfile.TemporaryDirectory() as where:
        shutil.copytree(versions, os.path.join(where, "versions"))
        with open(os.path.join(where, "env.py"), "w") as f:
            f.write(ENV_PY)
        cfg = Config()
        cfg.set_main_option("script_location", where)
        cfg.set_main_option("sqlalchemy.url", url)
        getattr(command, verb)(cfg, target)


if __name__ == "__main__":
    main()
