#!/usr/bin/env bash
# The Debian package, inspected without installing it: `bash .ci/test` runs this after
# `cargo test`, on the binary the tests have just exercised (see contrib/debian/build-deb).
#   - `dpkg-deb --contents` lists every file the package must ship;
#   - `dpkg-deb -x` into a temporary directory, then the packaged binary runs `--version`
#     and `completions bash`, and the packaged files are compared with their sources.
# Every check runs; any failure fails the script.
set -euo pipefail
cd "$(dirname "$0")/.."

binary="${1:-${CARGO_TARGET_DIR:-target}/debug/integrate}"
bash contrib/debian/build-deb --binary "$binary" --fast

version="$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -1)"
deb="target/debian/integrate_${version}-1_$(dpkg --print-architecture).deb"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT

passed=0 failed=0
check() { # check DESCRIPTION COMMAND...
  local what="$1"; shift
  if "$@" >/dev/null 2>"$scratch/err"; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    echo "FAILED: $what" >&2
    cat "$scratch/err" >&2
  fi
}

dpkg-deb --contents "$deb" | awk '{print $NF}' | sed 's#^\./#/#' > "$scratch/contents"
for path in \
  /usr/bin/integrate \
  /usr/share/man/man1/integrate.1.gz \
  /usr/share/bash-completion/completions/integrate \
  /usr/share/zsh/vendor-completions/_integrate \
  /usr/share/fish/vendor_completions.d/integrate.fish \
  /usr/share/doc/integrate/examples/integrate-check.service \
  /usr/share/doc/integrate/examples/integrate-check.timer \
  /usr/share/doc/integrate/copyright; do
  check "the package ships $path" grep -qxF "$path" "$scratch/contents"
done
check "the package depends on the C library it links (\$auto)" \
  bash -c "dpkg-deb --field '$deb' Depends | grep -q libc6"

root="$scratch/root"
dpkg-deb -x "$deb" "$root"
check "the packaged binary prints its version" \
  bash -c "[ \"\$('$root/usr/bin/integrate' --version)\" = 'integrate $version' ]"
check "the packaged binary prints the packaged bash completions" \
  bash -c "'$root/usr/bin/integrate' completions bash | cmp - '$root/usr/share/bash-completion/completions/integrate'"
check "the packaged zsh and fish completions are the committed ones" \
  bash -c "cmp completions/_integrate '$root/usr/share/zsh/vendor-completions/_integrate' && cmp completions/integrate.fish '$root/usr/share/fish/vendor_completions.d/integrate.fish'"
check "the man page is integrate(1), generated from the CLI" \
  bash -c "zcat '$root/usr/share/man/man1/integrate.1.gz' | grep -q '^\.TH integrate 1' && zcat '$root/usr/share/man/man1/integrate.1.gz' | grep -q 'prometheus'"
check "the systemd examples are the ones under contrib/systemd" \
  bash -c "cmp contrib/systemd/integrate-check.service '$root/usr/share/doc/integrate/examples/integrate-check.service' && cmp contrib/systemd/integrate-check.timer '$root/usr/share/doc/integrate/examples/integrate-check.timer'"
check "the copyright file carries the MIT licence" \
  bash -c "grep -q '^License: MIT' '$root/usr/share/doc/integrate/copyright' && grep -q 'Permission is hereby granted' '$root/usr/share/doc/integrate/copyright'"

echo "deb: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
