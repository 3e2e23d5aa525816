#!/usr/bin/env bash
# scripts/generate-docs.sh — writes the man page and the shell completions of `cairn` into docs/.
#
#   docs/cairn.1                      the manual (swift-argument-parser's generate-manual plugin),
#                                     every subcommand in one page: `man ./docs/cairn.1`
#   docs/completions/cairn.{bash,zsh,fish}
#                                     from `cairn --generate-completion-script SHELL`
#
# Run it after changing a command's options, and commit what it writes. The manual is dated by
# the last commit, so running it twice on the same tree writes the same files.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
date=$(git log -1 --format=%cs 2>/dev/null || date -u +%F)
mkdir -p docs/completions
swift package --allow-writing-to-package-directory generate-manual --configuration debug \
    --date "$date" --authors "The Cairn developers" --output-directory docs
swift build --product cairn >/dev/null
for shell in bash zsh fish; do
    .build/debug/cairn --generate-completion-script "$shell" > "docs/completions/cairn.$shell"
done
echo "wrote docs/cairn.1 and docs/completions/cairn.{bash,zsh,fish}"
