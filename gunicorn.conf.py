"""gunicorn settings read from the project root (`gunicorn config.wsgi …`): each worker loads jieba's dictionary
before it takes its first request, so no citizen or operator waits a second for it."""

from typing import Any


def post_worker_init(worker: Any) -> None:
    from shuniu.governance.smart.suggest import tokens

    tokens("工作进程启动预热")
