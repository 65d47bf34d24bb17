#!/usr/bin/env bash
# Replace the vendored Mermaid build the ADR site uses for diagrams (advisor/site/static/vendor/).
# Usage: scripts/update-mermaid.sh VERSION   (for example 12.3.0; `npm view mermaid version` names the latest)
# Only the self-contained browser build (dist/mermaid.min.js) and the licence are kept. Pages load it with a
# classic <script> (module scripts are refused from file://), so the ESM chunks are not needed. Review the
# diff, run the browser tests (python -m pytest tests/adr_site/test_diagrams.py), and commit both files
# together with MERMAID_VERSION in advisor/site/diagrams.py.
set -euo pipefail
version="${1:?usage: $0 VERSION}"
case "$version" in *[!0-9.]*|'') echo "not a version: $version" >&2; exit 2;; esac
here="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "mermaid@$version" >/dev/null)
tar -xzf "$work/mermaid-$version.tgz" -C "$work" package/dist/mermaid.min.js package/LICENSE package/package.json
test "$(sed -n 's/^  "version": "\(.*\)",$/\1/p' "$work/package/package.json")" = "$version"
vendor="$here/advisor/site/static/vendor"
install -m 0644 "$work/package/dist/mermaid.min.js" "$vendor/mermaid.min.js"
install -m 0644 "$work/package/LICENSE" "$vendor/mermaid-LICENSE"
sed -i "s/^MERMAID_VERSION = .*/MERMAID_VERSION = \"$version\"/" "$here/advisor/site/diagrams.py"
sha256sum "$vendor/mermaid.min.js"
