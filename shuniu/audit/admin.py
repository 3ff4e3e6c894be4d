# The audit log is deliberately not in the Django admin: only the 审计管理员 reads it, on its own page.
