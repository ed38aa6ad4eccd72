"""`make css` check: every Bootstrap class the templates use is in the portal's build.

Usage: python3 assets/check_classes.py FULL_BOOTSTRAP.css PORTAL_BUILD.css
Exits 1, naming the classes, when a template uses a Bootstrap class the build left out: add its
component or utility to assets/bootstrap.scss.
"""

import re
import sys
from pathlib import Path

TAG = re.compile(r"\{[%{].*?[%}]\}")


def css_classes(css: str) -> set[str]:
    return set(re.findall(r"\.(-?[_a-zA-Z][\w-]*)", re.sub(r"url\([^)]*\)", "", css)))


def template_classes(root: Path) -> set[str]:
    used: set[str] = set()
    for path in root.rglob("*.html"):
        for value in re.findall(r'class="([^"]*)"', path.read_text()):
            used |= set(TAG.sub(" ", value).split())
    return used


def main() -> int:
    full, build = (css_classes(Path(p).read_text()) for p in sys.argv[1:3])
    missing = sorted(c for c in template_classes(Path("templates")) if c in full - build)
    if missing:
        print("Bootstrap classes used by templates but not built:", ", ".join(missing))
        return 1
    print(f"All Bootstrap classes the templates use are built ({len(build)} classes).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
