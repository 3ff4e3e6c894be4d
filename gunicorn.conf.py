"""gunicorn settings read from the project root (`gunicorn config.wsgi …`): each worker loads jieba's dictionary
before it takes its first request, so no citizen or operator waits a second for it, then freezes what it loaded
(Django, the dictionaries) out of the garbage collector's sweeps: a full collection no longer walks them, which cost
a list request about 10 ms."""

import gc
from typing import Any


def post_worker_init(worker: Any) -> None:
    from shuniu.governance.smart.suggest import tokens

    tokens("工作进程启动预热")
    from shuniu.documents.terms import query_words

    query_words("工作进程启动预热")
    gc.collect()
    gc.freeze()
