"""A mail backend for tests: the in-memory outbox, refusing every address with "bounce"."""

import smtplib

from django.core.mail.backends.locmem import EmailBackend

attempts: list[str] = []


class RefusingBackend(EmailBackend):
    def send_messages(self, messages):
        for message in messages:
            attempts.append(message.to[0])
            if "bounce" in message.to[0]:
                raise smtplib.SMTPRecipientsRefused({message.to[0]: (550, b"no such user")})
        return super().send_messages(messages)
