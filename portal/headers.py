"""Response headers that keep confidential pages out of caches and switch off browser features
the portal never uses.

- Every response to a signed-in person, or that varies on the session cookie, and that did not
  set its own `Cache-Control`, gets `Cache-Control: private, no-store`: session logs with
  private notes, timelines and edit forms must not stay in a shared proxy or in the browser's
  cache after sign-out. Responses that chose their caching keep it (whitenoise's long-lived
  public caching of hashed static files, the calendar feeds).
- `Permissions-Policy` denies camera, microphone, geolocation, payment and the other powerful
  features to the portal and to anything it might embed.
- `Server` is set (empty), so Django's development server does not announce
  "WSGIServer/0.2 CPython/3.x"; in production the TLS proxy answers with its own (nginx:
  `server_tokens off`, and nginx does not pass the application server's header on).
"""

from django.utils.cache import has_vary_header

PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "ambient-light-sensor",
        "autoplay",
        "battery",
        "bluetooth",
        "camera",
        "display-capture",
        "document-domain",
        "encrypted-media",
        "geolocation",
        "gyroscope",
        "hid",
        "idle-detection",
        "interest-cohort",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "picture-in-picture",
        "screen-wake-lock",
        "serial",
        "usb",
        "xr-spatial-tracking",
    )
)
PRIVATE = "private, no-store"


class PrivateByDefaultMiddleware:
    """Placed before SessionMiddleware, so it sees the `Vary: Cookie` that one adds."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        signed_in = bool(user is not None and user.is_authenticated)
        if "Cache-Control" not in response and (signed_in or has_vary_header(response, "Cookie")):
            response["Cache-Control"] = PRIVATE
        if "Permissions-Policy" not in response:
            response["Permissions-Policy"] = PERMISSIONS_POLICY
        response["Server"] = ""
        return response
