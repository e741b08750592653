"""Background work: Celery on Redis when configured, in-process otherwise."""
