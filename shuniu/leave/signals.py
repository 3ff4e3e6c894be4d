"""What other apps hear from 请销假: a leave approved, withdrawn or ended early changes who is away on which days
(the duty roster flags the duties it hits; attendance reads it at once)."""

from django.dispatch import Signal

# sent on commit with `leave` (a LeaveRequest) and `change` ("approved", "withdrawn", "back")
leave_changed = Signal()
