"""Background work for intake: the newsletter goes out in batches."""

from django_tasks import task

from . import newsletter


@task()
def send_newsletter_batch(issue_id: int) -> int:
    """Send one batch; enqueue the next while addresses are left. A failed batch is resumed
    by enqueueing it again: claimed messages are never sent twice."""
    left = newsletter.send_batch(issue_id)
    if left:
        send_newsletter_batch.enqueue(issue_id)
    return left
